import { KeyVaultPurgeProtection as rule } from '../../../../policies/rules/azure/KeyVaultPurgeProtection';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (body: Record<string, unknown>) => judge(rule, model({ resource: { azurerm_key_vault: { kv: { name: 'kv-ml', sku_name: 'standard', ...body } } } }), 'azurerm_key_vault.kv');

describe('AZURE.KeyVault.PurgeProtection', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: purge_protection_enabled true', () => expect(run({ purge_protection_enabled: true })).toEqual({ verdict: 'COMPLIANT', reason: 'purge_protection_enabled is true' }));
  test('non-compliant: purge_protection_enabled false', () => expect(run({ purge_protection_enabled: false }).reason).toBe('purge_protection_enabled is false; it must be true'));
  test('non-compliant: absent (provider default false)', () => expect(run({}).reason).toMatch(/absent \(provider default false\)/));
  test('unknown: a variable', () => expect(run({ purge_protection_enabled: '${var.purge}' }).verdict).toBe('UNKNOWN'));
});
