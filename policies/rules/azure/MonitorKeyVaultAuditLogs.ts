import { Rule } from '../../engine/types';
import { T, judgeResourceDiagnostics } from '../../facts/azure';

/**
 * Every Key Vault records AuditEvent (every key, secret and certificate operation) through a
 * diagnostic setting; category groups audit and allLogs include it.
 */
export const MonitorKeyVaultAuditLogs: Rule = {
  id: 'AZURE.Monitor.KeyVaultAuditLogs',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.keyVault],
  description: 'A Key Vault has no diagnostic setting sending AuditEvent to a Log Analytics workspace or storage account.',
  rationale: 'Key Vault holds the keys that encrypt evidence and ML data and the secrets pipelines use; its audit log shows who read which secret or used which key, from where, which is how credential theft is traced.',
  fix: 'Add an azurerm_monitor_diagnostic_setting with target_resource_id = azurerm_key_vault.x.id, enabled_log { category = "AuditEvent" } (or category_group "audit" / "allLogs") and log_analytics_workspace_id or storage_account_id.',
  evidenceSource: 'control-plane-audit',
  nist: 'Collection',
  attack: ['T1078.004', 'T1098.001'],
  atlas: ['AML.T0055'],
  check: (r, ctx) =>
    judgeResourceDiagnostics(ctx.model, r, { what: `Key Vault ${r.address}`, required: ['AuditEvent'], coveringGroups: ['audit', 'allLogs'] }),
};
