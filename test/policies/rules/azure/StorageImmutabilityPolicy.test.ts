import { StorageImmutabilityPolicy as rule } from '../../../../policies/rules/azure/StorageImmutabilityPolicy';
import { judge } from '../../helpers';
import { EVIDENCE, SUB, evidenceAccount, evidenceDoc, model } from './_fixtures';

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

  test('unknown: containers pass but an allLogs writer creates containers that cannot be listed', () => {
    const doc = evidenceDoc(noAccountPolicy(), {
      azurerm_storage_container: { activity: container('insights-activity-logs') },
      azurerm_storage_container_immutability_policy: { activity: policy('activity') },
      azurerm_machine_learning_workspace: { ml: { name: 'mlw' } },
      azurerm_monitor_diagnostic_setting: {
        ml: { name: 'ml', target_resource_id: '${azurerm_machine_learning_workspace.ml.id}', storage_account_id: '${azurerm_storage_account.evidence.id}', enabled_log: [{ category_group: 'allLogs' }] },
      },
    });
    expect(judge(rule, model(doc), EVIDENCE).verdict).toBe('UNKNOWN');
  });
});
