import { MonitorEntraRiskAndProvisioningLogs as rule } from '../../../../policies/rules/azure/MonitorEntraRiskAndProvisioningLogs';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const RISK = ['ProvisioningLogs', 'ADFSSignInLogs', 'RiskyUsers', 'UserRiskEvents', 'RiskyServicePrincipals', 'ServicePrincipalRiskEvents', 'MicrosoftGraphActivityLogs'];
const setting = (categories: string[], overrides: Record<string, unknown> = {}) => ({
  name: 'entra',
  storage_account_id: '${azurerm_storage_account.evidence.id}',
  enabled_log: categories.map((category) => ({ category })),
  ...overrides,
});
const doc = (s: Record<string, unknown>) => ({ resource: { azurerm_monitor_aad_diagnostic_setting: { entra: s } } });
const E = 'azurerm_monitor_aad_diagnostic_setting.entra';

describe('AZURE.Monitor.EntraRiskAndProvisioningLogs', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: provisioning, risk and Graph activity categories', () => {
    expect(judge(rule, model(doc(setting(['AuditLogs', ...RISK]))), E).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: only sign-in categories', () => {
    const j = judge(rule, model(doc(setting(['SignInLogs', 'AuditLogs']))), E);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing ProvisioningLogs, ADFSSignInLogs, RiskyUsers, UserRiskEvents, RiskyServicePrincipals, ServicePrincipalRiskEvents, MicrosoftGraphActivityLogs/);
  });

  test('non-compliant: MicrosoftGraphActivityLogs missing', () => {
    expect(judge(rule, model(doc(setting(RISK.slice(0, 6)))), E).reason).toMatch(/missing MicrosoftGraphActivityLogs/);
  });

  test('non-compliant: ADFSSignInLogs (AD FS sign-ins through Connect Health) missing', () => {
    const j = judge(rule, model(doc(setting(RISK.filter((c) => c !== 'ADFSSignInLogs')))), E);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/missing ADFSSignInLogs in/);
  });

  test('unknown: enabled_log is a variable', () => {
    expect(judge(rule, model(doc(setting([], { enabled_log: '${var.logs}' }))), E).verdict).toBe('UNKNOWN');
  });
});
