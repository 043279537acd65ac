import { StoragePreventDestroy as rule } from '../../../../policies/rules/azure/StoragePreventDestroy';
import { ResourceModel, cloudOf } from '../../../../policies/engine/model';
import { Resource } from '../../../../policies/engine/types';
import { judge } from '../../helpers';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './_fixtures';

describe('AZURE.Storage.PreventDestroy', () => {
  test('compliant: lifecycle.prevent_destroy true', () => {
    expect(judge(rule, model(evidenceDoc()), EVIDENCE).verdict).toBe('COMPLIANT');
  });

  test('non-compliant: no lifecycle', () => {
    const j = judge(rule, model(evidenceDoc(evidenceAccount({ lifecycle: undefined }))), EVIDENCE);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('lifecycle.prevent_destroy is absent');
  });

  test('non-compliant: prevent_destroy false', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ lifecycle: { prevent_destroy: false } }))), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });

  test('not applicable: not an evidence store', () => {
    const doc = { resource: { azurerm_storage_account: { data: evidenceAccount({ lifecycle: undefined }) } } };
    expect(judge(rule, model(doc), 'azurerm_storage_account.data').verdict).toBe('NOT_APPLICABLE');
  });

  test('unknown: a plan (terraform show -json) carries no lifecycle', () => {
    const account: Resource = {
      address: 'azurerm_storage_account.evidence',
      type: 'azurerm_storage_account',
      properties: { name: 'stevidence', tags: { 'forensic-evidence-store': 'true' } },
      attributes: {},
      sourceFile: 'plan.json',
      format: 'terraform-plan',
      cloud: cloudOf('azurerm_storage_account'),
      suppressions: [],
    };
    const j = judge(rule, new ResourceModel([account]), EVIDENCE);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/does not record lifecycle/);
  });

  test('unknown: prevent_destroy is a variable', () => {
    expect(judge(rule, model(evidenceDoc(evidenceAccount({ lifecycle: { prevent_destroy: '${var.keep}' } }))), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  describe('the containers, container policies and locks of an evidence store', () => {
    const keep = { prevent_destroy: true };
    const parts = (lifecycle: { container?: unknown; policy?: unknown; lock?: unknown } = {}) =>
      evidenceDoc(evidenceAccount(), {
        azurerm_storage_container: {
          activity: { name: 'insights-activity-logs', storage_account_id: '${azurerm_storage_account.evidence.id}', lifecycle: 'container' in lifecycle ? lifecycle.container : keep },
        },
        azurerm_storage_container_immutability_policy: {
          activity: { storage_container_resource_manager_id: '${azurerm_storage_container.activity.id}', immutability_period_in_days: 365, lifecycle: 'policy' in lifecycle ? lifecycle.policy : keep },
        },
        azurerm_management_lock: { evidence: { name: 'keep', scope: '${azurerm_storage_account.evidence.id}', lock_level: 'CanNotDelete', lifecycle: 'lock' in lifecycle ? lifecycle.lock : keep } },
      });

    test('compliant: each has lifecycle.prevent_destroy true', () => {
      const m = model(parts());
      for (const a of ['azurerm_storage_container.activity', 'azurerm_storage_container_immutability_policy.activity', 'azurerm_management_lock.evidence']) {
        expect([a, judge(rule, m, a).verdict]).toEqual([a, 'COMPLIANT']);
      }
    });

    test('non-compliant: an evidence container without prevent_destroy', () => {
      const j = judge(rule, model(parts({ container: undefined })), 'azurerm_storage_container.activity');
      expect(j).toEqual({ verdict: 'NON_COMPLIANT', reason: 'lifecycle.prevent_destroy is absent' });
    });

    test('non-compliant: a container immutability policy with prevent_destroy false', () => {
      expect(judge(rule, model(parts({ policy: { prevent_destroy: false } })), 'azurerm_storage_container_immutability_policy.activity').reason).toBe('lifecycle.prevent_destroy is false');
    });

    test('non-compliant: the management lock of the store without prevent_destroy', () => {
      expect(judge(rule, model(parts({ lock: undefined })), 'azurerm_management_lock.evidence').verdict).toBe('NON_COMPLIANT');
    });

    test('not applicable: a container and a lock of an account that holds no evidence', () => {
      const m = model({
        resource: {
          azurerm_storage_account: { data: evidenceAccount({ lifecycle: undefined }) },
          azurerm_storage_container: { raw: { name: 'raw', storage_account_id: '${azurerm_storage_account.data.id}' } },
          azurerm_management_lock: { data: { name: 'l', scope: '${azurerm_storage_account.data.id}', lock_level: 'CanNotDelete' } },
        },
      });
      expect(judge(rule, m, 'azurerm_storage_container.raw').verdict).toBe('NOT_APPLICABLE');
      expect(judge(rule, m, 'azurerm_management_lock.data').verdict).toBe('NOT_APPLICABLE');
    });

    test('unknown: the container prevent_destroy is a variable', () => {
      expect(judge(rule, model(parts({ container: [{ prevent_destroy: '${var.keep}' }] })), 'azurerm_storage_container.activity').verdict).toBe('UNKNOWN');
    });
  });
});
