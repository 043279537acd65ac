import { StorageEvidenceNetworkDeny as rule } from '../../../../policies/rules/azure/StorageEvidenceNetworkDeny';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

const run = (overrides: Record<string, unknown>, extra = {}) => judge(rule, model(evidenceDoc(evidenceAccount(overrides), extra)), EVIDENCE);

describe('AZURE.Storage.EvidenceNetworkDeny', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: network_rules default_action Deny with the AzureServices bypass', () => {
    const j = run({});
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toBe('network_rules.default_action is "Deny", bypass ["AzureServices"]');
  });

  test('compliant: Deny without a bypass list (azurerm and Azure default AzureServices), as a plan list', () => {
    expect(run({ network_rules: [{ default_action: 'Deny' }] }).reason).toMatch(/bypass absent \(default AzureServices\)/);
  });

  test('compliant: a separate azurerm_storage_account_network_rules resource denies by default', () => {
    const j = run(
      { network_rules: undefined },
      { azurerm_storage_account_network_rules: { evidence: { storage_account_id: '${azurerm_storage_account.evidence.id}', default_action: 'Deny', bypass: ['AzureServices'] } } },
    );
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/^azurerm_storage_account_network_rules.evidence.default_action is "Deny"/);
  });

  test('compliant: public network access is off altogether', () => {
    expect(run({ network_rules: undefined, public_network_access_enabled: false }).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: no network rules (every network allowed)', () => {
    const j = run({ network_rules: undefined });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/network_rules is absent: the account accepts requests from every network/);
  });

  test('non-compliant: default_action Allow', () => {
    expect(run({ network_rules: { default_action: 'Allow' } }).reason).toBe('network_rules.default_action is "Allow"; it should be "Deny"');
  });

  test('non-compliant: Deny without AzureServices in bypass refuses the Azure Monitor writers', () => {
    const j = run({ network_rules: { default_action: 'Deny', bypass: ['None'] } });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/bypass is \["None"\] without "AzureServices": azurerm_monitor_diagnostic_setting.activity write/);
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ network_rules: undefined }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: default_action is a variable', () => {
    expect(run({ network_rules: { default_action: '${var.action}' } }).verdict).toBe('UNKNOWN');
  });

  test('unknown: no network rules, but public_network_access_enabled is a variable', () => {
    expect(run({ network_rules: undefined, public_network_access_enabled: '${var.public}' }).verdict).toBe('UNKNOWN');
  });

  describe('several network rule sets for one account (the provider applies them in no set order; the last applied takes effect)', () => {
    const separate = (name: string, action: string) => ({ [name]: { storage_account_id: '${azurerm_storage_account.evidence.id}', default_action: action, bypass: ['AzureServices'] } });

    test('non-compliant: the inline network_rules denies, but an azurerm_storage_account_network_rules of the account allows', () => {
      expect(run({}, { azurerm_storage_account_network_rules: separate('open', 'Allow') })).toEqual({
        verdict: 'NON_COMPLIANT',
        reason:
          '2 network rule sets name this account (network_rules, azurerm_storage_account_network_rules.open); each replaces the account\'s firewall, so only the last applied takes effect, and each is judged as if alone: azurerm_storage_account_network_rules.open.default_action is "Allow"; it should be "Deny"',
      });
    });

    test('non-compliant: two azurerm_storage_account_network_rules, one allowing', () => {
      expect(run({ network_rules: undefined }, { azurerm_storage_account_network_rules: { ...separate('closed', 'Deny'), ...separate('open', 'Allow') } })).toEqual({
        verdict: 'NON_COMPLIANT',
        reason:
          '2 network rule sets name this account (azurerm_storage_account_network_rules.closed, azurerm_storage_account_network_rules.open); each replaces the account\'s firewall, so only the last applied takes effect, and each is judged as if alone: azurerm_storage_account_network_rules.open.default_action is "Allow"; it should be "Deny"',
      });
    });

    test('compliant: both deny, each named', () => {
      expect(run({}, { azurerm_storage_account_network_rules: separate('closed', 'Deny') })).toEqual({
        verdict: 'COMPLIANT',
        reason:
          '2 network rule sets name this account (network_rules, azurerm_storage_account_network_rules.closed); each replaces the account\'s firewall, so only the last applied takes effect, and each is judged as if alone: network_rules.default_action is "Deny", bypass ["AzureServices"]; azurerm_storage_account_network_rules.closed.default_action is "Deny", bypass ["AzureServices"]',
      });
    });
  });
});
