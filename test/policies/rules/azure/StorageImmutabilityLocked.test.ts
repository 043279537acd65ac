import { StorageImmutabilityLocked as rule } from '../../../../policies/rules/azure/StorageImmutabilityLocked';
import { judge } from '../../helpers';
import { EVIDENCE, activityExport, evidenceAccount, evidenceDoc, model } from './_fixtures';

const containerDoc = (locked: unknown) =>
  evidenceDoc(evidenceAccount({ immutability_policy: undefined }), {
    azurerm_storage_container: { activity: { name: 'insights-activity-logs', storage_account_id: '${azurerm_storage_account.evidence.id}' } },
    azurerm_storage_container_immutability_policy: {
      activity: { storage_container_resource_manager_id: '${azurerm_storage_container.activity.id}', immutability_period_in_days: 365, ...(locked === undefined ? {} : { locked }) },
    },
  });

const lockedContainer = (account: Record<string, unknown>, locked: unknown, extra: Record<string, Record<string, unknown>> = {}) =>
  evidenceDoc(account, {
    azurerm_storage_container: { activity: { name: 'insights-activity-logs', storage_account_id: '${azurerm_storage_account.evidence.id}' } },
    azurerm_storage_container_immutability_policy: {
      activity: { storage_container_resource_manager_id: '${azurerm_storage_container.activity.id}', immutability_period_in_days: 365, locked },
    },
    ...extra,
  });
const unlockedAccount = () => evidenceAccount({ immutability_policy: { state: 'Unlocked', period_since_creation_in_days: 365, allow_protected_append_writes: true } });
const mlAllLogs = {
  azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
  azurerm_monitor_diagnostic_setting: {
    activity: activityExport(),
    ml: { name: 'ml', target_resource_id: '${azurerm_machine_learning_workspace.ml.id}', storage_account_id: '${azurerm_storage_account.evidence.id}', enabled_log: [{ category_group: 'allLogs' }] },
  },
};

describe('AZURE.Storage.ImmutabilityLocked', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));

  test('compliant: account-level policy state Locked', () => {
    expect(judge(rule, model(evidenceDoc()), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: account-level policy Unlocked (soak mode)', () => {
    const account = evidenceAccount({ immutability_policy: { state: 'Unlocked', period_since_creation_in_days: 365, allow_protected_append_writes: true } });
    const j = judge(rule, model(evidenceDoc(account)), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/"Unlocked" \(soak: reversible\)/);
  });

  test('compliant: container policy locked = true', () => {
    expect(judge(rule, model(containerDoc(true)), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: container policy without locked', () => {
    const j = judge(rule, model(containerDoc(undefined)), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/locked absent/);
  });

  test('non-compliant: container policy locked = false', () => {
    expect(judge(rule, model(containerDoc(false)), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('non-compliant: no immutability policy at all', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ immutability_policy: undefined }))), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount() } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: locked is a variable', () => {
    expect(judge(rule, model(containerDoc('${var.lock}')), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  test('non-compliant: an unlocked container policy, though the account-level policy is locked (the container policy takes precedence)', () => {
    const j = judge(rule, model(lockedContainer(evidenceAccount(), false)), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/^account: immutability_policy.state "Locked"; containers: azurerm_storage_container.activity: .*locked false/);
  });

  test('unknown: the account policy is Unlocked (first phase) and only it covers the containers allLogs makes Azure Monitor create', () => {
    const j = judge(rule, model(lockedContainer(unlockedAccount(), true, mlAllLogs)), EVIDENCE);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/"Unlocked" \(soak: reversible\).*category group allLogs of azurerm_monitor_diagnostic_setting.ml.*still in its first phase/);
  });

  test('compliant: a locked account policy covers the containers allLogs makes Azure Monitor create', () => {
    expect(judge(rule, model(lockedContainer(evidenceAccount(), true, mlAllLogs)), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: the account policy is Unlocked and a declared container has no policy of its own', () => {
    const doc = evidenceDoc(unlockedAccount(), {
      azurerm_storage_container: { activity: { name: 'insights-activity-logs', storage_account_id: '${azurerm_storage_account.evidence.id}' } },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/azurerm_storage_container.activity has no azurerm_storage_container_immutability_policy \(not covered by the account-level policy\)/);
  });

  test('non-compliant: a second, unlocked policy of the same container may be the one applied last', () => {
    const doc = containerDoc(true);
    (doc.resource.azurerm_storage_container_immutability_policy as Record<string, unknown>).weak = {
      storage_container_resource_manager_id: '${azurerm_storage_container.activity.id}',
      immutability_period_in_days: 1,
      locked: false,
    };
    expect(judge(rule, model(doc), EVIDENCE)).toEqual({
      verdict: 'NON_COMPLIANT',
      reason:
        'account: no immutability_policy block; containers: azurerm_storage_container.activity: 2 azurerm_storage_container_immutability_policy name this container (azurerm_storage_container_immutability_policy.activity, azurerm_storage_container_immutability_policy.weak); a container has one immutability policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: azurerm_storage_container_immutability_policy.weak locked false',
    });
  });
});
