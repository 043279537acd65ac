import { StorageImmutabilityPolicy as rule } from '../../../../policies/rules/azure/StorageImmutabilityPolicy';
import { judge } from '../../helpers';
import { ML_WORKSPACE_CATEGORIES } from '../../../../policies/facts/azure/categories';
import { EVIDENCE, SUB, activityExport, evidenceAccount, evidenceDoc, model } from './_fixtures';

/** An ML workspace whose diagnostic setting exports category_group allLogs into the evidence account (its containers are Azure Monitor's). */
const mlAllLogs = () => ({
  azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
  azurerm_monitor_diagnostic_setting: {
    activity: activityExport(),
    ml: { name: 'ml', target_resource_id: '${azurerm_machine_learning_workspace.ml.id}', storage_account_id: '${azurerm_storage_account.evidence.id}', enabled_log: [{ category_group: 'allLogs' }] },
  },
});
const noAccountPolicy = () => evidenceAccount({ immutability_policy: undefined });
const container = (name: string) => ({ name, storage_account_id: '${azurerm_storage_account.evidence.id}' });
const policy = (container: string, days: number | string = 365, locked = true) => ({
  storage_container_resource_manager_id: `\${azurerm_storage_container.${container}.id}`,
  immutability_period_in_days: days,
  locked,
  protected_append_writes_enabled: true,
});

describe('AZURE.Storage.ImmutabilityPolicy', () => {
  test('compliant: a locked account-level policy of 365 days', () => {
    const j = judge(rule, model(evidenceDoc()), EVIDENCE);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/period_since_creation_in_days 365/);
  });

  test('compliant: an unlocked (soak) account-level policy still keeps the period', () => {
    const account = evidenceAccount({ immutability_policy: [{ state: 'Unlocked', period_since_creation_in_days: 400, allow_protected_append_writes: true }] });
    expect(judge(rule, model(evidenceDoc(account)), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: no policy on the account and no container declared', () => {
    const j = judge(rule, model(evidenceDoc(noAccountPolicy())), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no immutability_policy block/);
  });

  test('non-compliant: account policy period below the floor', () => {
    const account = evidenceAccount({ immutability_policy: { state: 'Locked', period_since_creation_in_days: 30, allow_protected_append_writes: true } });
    const j = judge(rule, model(evidenceDoc(account)), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/period_since_creation_in_days 30 \(below the floor of 365/);
  });

  test('non-compliant: account policy state Disabled', () => {
    const account = evidenceAccount({ immutability_policy: { state: 'Disabled', period_since_creation_in_days: 365, allow_protected_append_writes: true } });
    expect(judge(rule, model(evidenceDoc(account)), EVIDENCE).reason).toMatch(/state "Disabled"/);
    expect(judge(rule, model(evidenceDoc(account)), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('compliant: every container Azure Monitor writes into has a policy of the floor', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity') },
    });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: container linked by the deprecated storage_account_name and a literal container id', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { activity: { name: 'insights-activity-logs', storage_account_name: 'stevidence' } },
      azurerm_storage_container_immutability_policy: {
        activity: {
          storage_container_resource_manager_id: `${SUB}/resourceGroups/rg-evidence/providers/Microsoft.Storage/storageAccounts/stevidence/blobServices/default/containers/insights-activity-logs`,
          immutability_period_in_days: 365,
        },
      },
    });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: a declared container has no policy', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { activity: container('insights-activity-logs'), other: container('other') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity') },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/azurerm_storage_container.other has no azurerm_storage_container_immutability_policy/);
  });

  test('non-compliant: a container policy is shorter than the floor', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity', 90) },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/immutability_period_in_days 90 \(below the floor/);
  });

  test('non-compliant: Azure Monitor writes into a container that is not declared', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { other: container('evidence-misc') },
      azurerm_storage_container_immutability_policy: { other: policy('other') },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/insights-activity-logs, which are not declared/);
  });

  test('the floor comes from the config', () => {
    const j = judge(rule, model(evidenceDoc()), EVIDENCE, { retentionFloorDays: 400, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 });
    expect(j.verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: an account nothing writes into and not tagged as evidence', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ immutability_policy: undefined }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('applicable: an account tagged forensic-evidence-store = true', () => {
    const doc = { resource: { azurerm_storage_account: { tagged: evidenceAccount({ immutability_policy: undefined, tags: { 'forensic-evidence-store': 'true' } }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.tagged').verdict).toBe('NON_COMPLIANT');
  });

  test('unknown: the period is a variable', () => {
    const account = evidenceAccount({ immutability_policy: { state: 'Locked', period_since_creation_in_days: '${var.days}', allow_protected_append_writes: true } });
    expect(judge(rule, model(evidenceDoc(account)), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  test('non-compliant: a container policy below the floor, though the account-level policy passes (the container policy takes precedence)', () => {
    const doc = evidenceDoc(evidenceAccount(), {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity', 1) },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/^account: immutability_policy.state "Locked", period_since_creation_in_days 365 .*azurerm_storage_container.activity: .*immutability_period_in_days 1 \(below the floor of 365 days\)/);
  });

  test('non-compliant: the account policy is Disabled and allLogs of an ML workspace writes into containers that are not declared', () => {
    const account = evidenceAccount({ immutability_policy: { state: 'Disabled', period_since_creation_in_days: 365, allow_protected_append_writes: true } });
    const doc = evidenceDoc(account, {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity') },
      ...mlAllLogs(),
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/state "Disabled".*category group allLogs of azurerm_monitor_diagnostic_setting.ml makes Azure Monitor create container\(s\) insights-logs-amlcomputeclusterevent, .* and 23 more, which are not declared/);
  });

  test('non-compliant: no account policy, and allLogs of an ML workspace writes into containers that are not declared', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity') },
      ...mlAllLogs(),
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no immutability_policy block.*not covered by the account-level policy/);
  });

  test('compliant: an account policy that passes covers the containers a category group creates', () => {
    const doc = evidenceDoc(evidenceAccount(), { ...mlAllLogs() });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('compliant: no account policy, but every container of the ML workspace categories (allLogs) is declared with a passing policy', () => {
    const names = ['insights-activity-logs', ...ML_WORKSPACE_CATEGORIES.map((c) => `insights-logs-${c.toLowerCase()}`)];
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: Object.fromEntries(names.map((n, i) => [`c${i}`, container(n)])),
      azurerm_storage_container_immutability_policy: Object.fromEntries(names.map((_, i) => [`c${i}`, policy(`c${i}`)])),
      ...mlAllLogs(),
    });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('unknown: no account policy, and a category group of a resource type whose categories are not known writes into the store', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity') },
      azurerm_kubernetes_cluster: { aks: { name: 'aks' } },
      azurerm_monitor_diagnostic_setting: {
        aks: { name: 'aks', target_resource_id: '${azurerm_kubernetes_cluster.aks.id}', storage_account_id: '${azurerm_storage_account.evidence.id}', enabled_log: [{ category_group: 'allLogs' }] },
      },
    });
    const j = judge(rule, model(doc), EVIDENCE);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/the containers azurerm_monitor_diagnostic_setting.aks write into cannot be listed before deploy/);
  });

  test('unknown: a container policy period is a variable (the account policy passing does not hide it)', () => {
    const doc = evidenceDoc(evidenceAccount(), {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity', '${var.days}') },
    });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  describe('two immutability policies for one container (a container has one; each replaces it)', () => {
    const two = (weak: Record<string, unknown>) =>
      evidenceDoc(noAccountPolicy(), {
        azurerm_storage_container: { activity: container('insights-activity-logs') },
        azurerm_storage_container_immutability_policy: { activity: policy('activity'), weak: { ...policy('activity'), ...weak } },
      });
    const preamble =
      'azurerm_storage_container.activity: 2 azurerm_storage_container_immutability_policy name this container (azurerm_storage_container_immutability_policy.activity, azurerm_storage_container_immutability_policy.weak); a container has one immutability policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: ';

    test('non-compliant: judged by the weakest, naming both', () => {
      expect(judge(rule, model(two({ immutability_period_in_days: 1, locked: false })), EVIDENCE)).toEqual({
        verdict: 'NON_COMPLIANT',
        reason: `account: no immutability_policy block; containers: ${preamble}azurerm_storage_container_immutability_policy.weak immutability_period_in_days 1 (below the floor of 365 days)`,
      });
    });

    test('unknown: the other one alone cannot be judged', () => {
      expect(judge(rule, model(two({ immutability_period_in_days: '${var.days}' })), EVIDENCE)).toEqual({
        verdict: 'UNKNOWN',
        reason: `account: no immutability_policy block; containers: ${preamble}azurerm_storage_container_immutability_policy.weak immutability_period_in_days a value known only at deploy (cannot be resolved before deploy)`,
      });
    });

    test('compliant: each alone keeps the floor', () => {
      expect(judge(rule, model(two({ immutability_period_in_days: 400 })), EVIDENCE)).toEqual({
        verdict: 'COMPLIANT',
        reason: 'every declared container (azurerm_storage_container.activity) has a passing immutability policy',
      });
    });
  });
});
