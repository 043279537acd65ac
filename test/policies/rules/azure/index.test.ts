import * as fs from 'fs';
import * as path from 'path';
import { AZURE_RULES } from '../../../../policies/rules/azure';
import { EVIDENCE_SOURCES } from '../../../../constructs/core/evidence-sources';

/** The registry: pins every Azure rule id and severity, and checks each rule's metadata. */
const PINNED: Record<string, 'error' | 'warning'> = {
  'AZURE.Storage.ImmutabilityPolicy': 'error',
  'AZURE.Storage.ImmutabilityLocked': 'warning',
  'AZURE.Storage.ImmutabilityAppendWrites': 'warning',
  'AZURE.Storage.BlobVersioning': 'error',
  'AZURE.Storage.ChangeFeed': 'error',
  'AZURE.Storage.SoftDelete': 'error',
  'AZURE.Storage.SecureTransport': 'error',
  'AZURE.Storage.SharedKeyDisabled': 'error',
  'AZURE.Storage.NestedPublicAccessDisabled': 'error',
  'AZURE.Storage.DeleteLock': 'warning',
  'AZURE.Storage.PreventDestroy': 'error',
  'AZURE.Storage.EvidenceNetworkDeny': 'warning',
  'AZURE.Storage.EvidenceAccountHardening': 'warning',
  'AZURE.Storage.BlobDataAccessLogs': 'error',
  'AZURE.Monitor.DiagnosticsImmutableCopy': 'error',
  'AZURE.Monitor.ActivityLogCategories': 'error',
  'AZURE.Monitor.ActivityLogExported': 'error',
  'AZURE.Monitor.EntraSignInLogs': 'error',
  'AZURE.Monitor.EntraRiskAndProvisioningLogs': 'warning',
  'AZURE.LogAnalytics.Retention': 'error',
  'AZURE.LogAnalytics.TotalRetention': 'warning',
  'AZURE.LogAnalytics.LocalAuthDisabled': 'warning',
  'AZURE.LogAnalytics.PreventDestroy': 'warning',
  'AZURE.LogAnalytics.NoDailyCap': 'error',
  'AZURE.Network.VnetFlowLogs': 'error',
  'AZURE.Sentinel.AnalyticsRuleEnabled': 'warning',
  'AZURE.Network.FlowLogTrafficAnalytics': 'error',
  'AZURE.Network.FlowLogTrafficAnalyticsInterval': 'warning',
  'AZURE.Monitor.MlWorkspaceDiagnostics': 'error',
  'AZURE.MachineLearning.WorkspacePublicNetworkDisabled': 'error',
  'AZURE.MachineLearning.WorkspaceHighBusinessImpact': 'error',
  'AZURE.MachineLearning.WorkspaceV1LegacyModeDisabled': 'warning',
  'AZURE.MachineLearning.WorkspaceManagedNetwork': 'warning',
  'AZURE.MachineLearning.ComputeLocalAuthDisabled': 'warning',
  'AZURE.MachineLearning.ComputeNodePublicIpDisabled': 'warning',
  'AZURE.Monitor.MlOnlineEndpointTrafficLog': 'error',
  'AZURE.Monitor.CognitiveAccountDiagnostics': 'error',
  'AZURE.CognitiveServices.LocalAuthDisabled': 'error',
  'AZURE.CognitiveServices.PublicNetworkDisabled': 'warning',
  'AZURE.Monitor.KeyVaultAuditLogs': 'warning',
  'AZURE.KeyVault.PurgeProtection': 'warning',
};

/** Technique ids the shared MAPPINGS.md of the project lists. */
const ATTACK = new Set(['T1078.004', 'T1098.001', 'T1136.003', 'T1530', 'T1537', 'T1567', 'T1485', 'T1490', 'T1486', 'T1578.001', 'T1578.002', 'T1580', 'T1526', 'T1619', 'T1552.005', 'T1496', 'T1648', 'T1651', 'T1562.008', 'T1685.002']);
const ATLAS = new Set(['AML.T0020', 'AML.T0059', 'AML.T0010', 'AML.T0010.002', 'AML.T0010.003', 'AML.T0018', 'AML.T0076', 'AML.T0040', 'AML.T0024', 'AML.T0024.000', 'AML.T0024.001', 'AML.T0024.002', 'AML.T0029', 'AML.T0034', 'AML.T0012', 'AML.T0055', 'AML.T0007', 'AML.T0035', 'AML.T0044', 'AML.T0025']);

describe('AZURE_RULES', () => {
  test('pins every id and severity', () => {
    expect(Object.fromEntries(AZURE_RULES.map((r) => [r.id, r.severity]))).toEqual(PINNED);
  });

  test('ids are unique', () => expect(new Set(AZURE_RULES.map((r) => r.id)).size).toBe(AZURE_RULES.length));

  test('every rule file is registered and exports a const named after the file', () => {
    const dir = path.join(__dirname, '../../../../policies/rules/azure');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && f !== 'index.ts');
    expect(files).toHaveLength(AZURE_RULES.length);
    for (const file of files) {
      const name = file.replace(/\.ts$/, '');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(dir, file));
      expect(AZURE_RULES).toContain(mod[name]);
    }
  });

  test.each(AZURE_RULES.map((r) => [r.id, r] as const))('%s has complete metadata from the shared vocabulary', (_id, rule) => {
    expect(rule.cloud).toBe('azure');
    expect(rule.id).toMatch(/^AZURE\.[A-Za-z]+\.[A-Za-z0-9]+$/);
    expect(rule.appliesTo.length).toBeGreaterThan(0);
    rule.appliesTo.forEach((t) => expect(t).toMatch(/^azurerm_/));
    for (const text of [rule.description, rule.rationale, rule.fix]) expect(text.length).toBeGreaterThan(30);
    expect(EVIDENCE_SOURCES.map((s) => s.id)).toContain(rule.evidenceSource);
    expect(['Collection', 'Examination', 'Analysis', 'Reporting']).toContain(rule.nist);
    rule.attack.forEach((t) => expect(ATTACK).toContain(t));
    rule.atlas.forEach((t) => expect(ATLAS).toContain(t));
    if (rule.attack.includes('T1562.008')) expect(rule.attack).toContain('T1685.002');
  });
});
