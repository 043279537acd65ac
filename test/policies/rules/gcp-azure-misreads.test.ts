/**
 * Inputs the GCP and Azure value readers once misread: blocks a Terraform `dynamic` block generates
 * (read as absent), GCP bools that are no bool (read as absent), and azurerm 3.x argument names
 * (not read at all).
 */
import { AuditDataAccessLogs } from '../../../policies/rules/gcp/AuditDataAccessLogs';
import { DnsNetworkLogging } from '../../../policies/rules/gcp/DnsNetworkLogging';
import { DnsPolicyLogging } from '../../../policies/rules/gcp/DnsPolicyLogging';
import { LoggingBucketCmek } from '../../../policies/rules/gcp/LoggingBucketCmek';
import { NetworkVpcFlowLogCoverage } from '../../../policies/rules/gcp/NetworkVpcFlowLogCoverage';
import { StorageUniformAccess } from '../../../policies/rules/gcp/StorageUniformAccess';
import { VertexCmek } from '../../../policies/rules/gcp/VertexCmek';
import { WorkbenchHardening } from '../../../policies/rules/gcp/WorkbenchHardening';
import { MonitorKeyVaultAuditLogs } from '../../../policies/rules/azure/MonitorKeyVaultAuditLogs';
import { LogAnalyticsLocalAuthDisabled } from '../../../policies/rules/azure/LogAnalyticsLocalAuthDisabled';
import { MachineLearningWorkspacePublicNetworkDisabled } from '../../../policies/rules/azure/MachineLearningWorkspacePublicNetworkDisabled';
import { StorageSecureTransport } from '../../../policies/rules/azure/StorageSecureTransport';
import { StorageSoftDelete } from '../../../policies/rules/azure/StorageSoftDelete';
import { judge } from '../helpers';
import { goodBucket, sinkInto, tf } from './gcp/_gcp';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './azure/_fixtures';

type Body = Record<string, any>;

/** A `dynamic "<name>"` block as cdk.tf.json writes it. */
const dynamic = (name: string, content: Body) => ({ dynamic: { [name]: { for_each: '${var.items}', content } } });

const KEY = '${google_kms_crypto_key.k.id}';
const cmek = { disk_encryption: 'CMEK', kms_key: KEY };

function workbench(setup: Body) {
  return tf({
    google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } },
    google_workbench_instance: { w: { name: 'nb', location: 'us-central1-a', ...setup } },
  });
}

const hardenedSetup = {
  disable_public_ip: true,
  metadata: { 'notebook-disable-root': 'true' },
  boot_disk: cmek,
  data_disks: cmek,
};

const LB = 'google_logging_project_bucket_config.b';
const loggingBucket = (extra: Body) => tf({ google_logging_project_bucket_config: { b: { project: 'p', location: 'eu', bucket_id: 'forensic', retention_days: 365, locked: true, ...extra } } });

describe('Terraform dynamic blocks are known only at deploy, never absent', () => {
  it('GCP.Logging.BucketCmek: cmek_settings from a dynamic block is UNKNOWN', () => {
    const j = judge(LoggingBucketCmek, loggingBucket(dynamic('cmek_settings', { kms_key_name: '${cmek_settings.value}' })), LB);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/cmek_settings\.kms_key_name is a value known only at deploy/);
  });

  it('GCP.Logging.BucketCmek: the HCL JSON list forms of a dynamic block are UNKNOWN too', () => {
    const m = loggingBucket({ dynamic: [{ cmek_settings: [{ for_each: '${var.keys}', content: { kms_key_name: '${cmek_settings.value}' } }] }] });
    expect(judge(LoggingBucketCmek, m, LB).verdict).toBe('UNKNOWN');
  });

  it('GCP.Logging.BucketCmek: a dynamic block of another name leaves cmek_settings absent', () => {
    expect(judge(LoggingBucketCmek, loggingBucket(dynamic('index_configs', { field_path: 'jsonPayload.x', type: 'INDEX_TYPE_STRING' })), LB).verdict).toBe('NON_COMPLIANT');
  });

  it('GCP.Workbench.Hardening: shielded_instance_config from a dynamic block inside gce_setup is UNKNOWN', () => {
    const j = judge(WorkbenchHardening, workbench({ gce_setup: { ...hardenedSetup, ...dynamic('shielded_instance_config', { enable_secure_boot: true }) } }), 'google_workbench_instance.w');
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/gce_setup\.shielded_instance_config\.enable_secure_boot is a value known only at deploy/);
  });

  it('GCP.Workbench.Hardening: a whole gce_setup from a dynamic block is UNKNOWN', () => {
    const j = judge(WorkbenchHardening, workbench(dynamic('gce_setup', hardenedSetup)), 'google_workbench_instance.w');
    expect(j.verdict).toBe('UNKNOWN');
  });

  it('GCP.Workbench.Hardening: a failing written setting still fails beside a dynamic block', () => {
    const setup = { ...hardenedSetup, boot_disk: { disk_encryption: 'GMEK' }, ...dynamic('shielded_instance_config', { enable_secure_boot: true }) };
    const j = judge(WorkbenchHardening, workbench({ gce_setup: setup }), 'google_workbench_instance.w');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/boot_disk\.disk_encryption is "GMEK"/);
  });

  it('GCP.Vertex.Cmek: encryption_spec from a dynamic block is UNKNOWN', () => {
    const m = tf({ google_vertex_ai_endpoint: { e: { name: 'e', display_name: 'e', location: 'us-central1', ...dynamic('encryption_spec', { kms_key_name: '${encryption_spec.value}' }) } } });
    expect(judge(VertexCmek, m, 'google_vertex_ai_endpoint.e').verdict).toBe('UNKNOWN');
  });

  it('GCP.Audit.DataAccessLogs: a dynamic audit_log_config beside written ones is UNKNOWN (it may exempt members)', () => {
    const written = [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }];
    const m = tf({
      google_project_iam_audit_config: {
        a: { project: 'ml-prod', service: 'allServices', audit_log_config: written, ...dynamic('audit_log_config', { log_type: '${audit_log_config.key}', exempted_members: '${audit_log_config.value}' }) },
      },
    });
    expect(judge(AuditDataAccessLogs, m, 'google_project_iam_audit_config.a').verdict).toBe('UNKNOWN');
  });

  it('GCP.Dns.NetworkLogging: a logging DNS policy whose networks come from a dynamic block makes it UNKNOWN', () => {
    const m = tf({
      google_compute_network: { vpc: { name: 'ml-vpc', auto_create_subnetworks: false } },
      google_dns_policy: { p: { name: 'p', enable_logging: true, ...dynamic('networks', { network_url: '${networks.value}' }) } },
    });
    const j = judge(DnsNetworkLogging, m, 'google_compute_network.vpc');
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/google_dns_policy\.p/);
  });

  it('AZURE.Storage.SoftDelete: blob_properties from a dynamic block is UNKNOWN', () => {
    const account = evidenceAccount({ ...dynamic('blob_properties', { versioning_enabled: true, delete_retention_policy: { days: 365 } }) });
    delete account.blob_properties;
    const j = judge(StorageSoftDelete, model(evidenceDoc(account)), EVIDENCE);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/blob_properties\.delete_retention_policy cannot be resolved before deploy/);
  });

  it('AZURE.Storage.SoftDelete: delete_retention_policy from a dynamic block inside blob_properties is UNKNOWN', () => {
    const account = evidenceAccount({ blob_properties: { versioning_enabled: true, container_delete_retention_policy: { days: 365 }, ...dynamic('delete_retention_policy', { days: 365 }) } });
    expect(judge(StorageSoftDelete, model(evidenceDoc(account)), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  it('AZURE.Monitor.KeyVaultAuditLogs: enabled_log blocks from a dynamic block are UNKNOWN', () => {
    const m = model({
      resource: {
        azurerm_key_vault: { kv: { name: 'kv-ml' } },
        azurerm_monitor_diagnostic_setting: {
          kv: { name: 'kv', target_resource_id: '${azurerm_key_vault.kv.id}', log_analytics_workspace_id: 'law', ...dynamic('enabled_log', { category: '${enabled_log.value}' }) },
        },
      },
    });
    expect(judge(MonitorKeyVaultAuditLogs, m, 'azurerm_key_vault.kv').verdict).toBe('UNKNOWN');
  });
});

describe('GCP bools that are no bool are UNKNOWN, never absent', () => {
  const uniform = (value: unknown) =>
    tf({ google_storage_bucket: { ev: goodBucket({ uniform_bucket_level_access: value }) }, google_logging_project_sink: { s: sinkInto('ev') } });

  it.each([['"maybe"', 'maybe'], ['3', 3], ['"TRUE"', 'TRUE']])('GCP.Storage.UniformAccess: uniform_bucket_level_access %s is UNKNOWN', (_, value) => {
    expect(judge(StorageUniformAccess, uniform(value), 'google_storage_bucket.ev').verdict).toBe('UNKNOWN');
  });

  it('GCP.Storage.UniformAccess: the string "true" is still true and absence still fails', () => {
    expect(judge(StorageUniformAccess, uniform('true'), 'google_storage_bucket.ev').verdict).toBe('COMPLIANT');
    expect(judge(StorageUniformAccess, uniform(undefined), 'google_storage_bucket.ev').verdict).toBe('NON_COMPLIANT');
  });

  it('GCP.Dns.PolicyLogging: enable_logging "maybe" is UNKNOWN', () => {
    const m = tf({ google_dns_policy: { p: { name: 'p', enable_logging: 'maybe' } } });
    expect(judge(DnsPolicyLogging, m, 'google_dns_policy.p').verdict).toBe('UNKNOWN');
  });

  it('GCP.Workbench.Hardening: enable_secure_boot 1 is UNKNOWN', () => {
    const setup = { ...hardenedSetup, shielded_instance_config: { enable_secure_boot: 1, enable_vtpm: true, enable_integrity_monitoring: true } };
    expect(judge(WorkbenchHardening, workbench({ gce_setup: setup }), 'google_workbench_instance.w').verdict).toBe('UNKNOWN');
  });

  it('GCP.Network.VpcFlowLogCoverage: a subnetwork with log_config and enable_flow_logs "maybe" is UNKNOWN', () => {
    const m = tf({
      google_compute_network: { vpc: { name: 'ml-vpc', auto_create_subnetworks: false } },
      google_compute_subnetwork: { s: { name: 's', ip_cidr_range: '10.0.0.0/24', network: '${google_compute_network.vpc.id}', log_config: { aggregation_interval: 'INTERVAL_5_SEC' }, enable_flow_logs: 'maybe' } },
    });
    expect(judge(NetworkVpcFlowLogCoverage, m, 'google_compute_network.vpc').verdict).toBe('UNKNOWN');
  });
});

describe('azurerm 3.x argument names are read', () => {
  const secure = (props: Body) => {
    const account = evidenceAccount(props);
    if (!('https_traffic_only_enabled' in props)) delete account.https_traffic_only_enabled;
    return judge(StorageSecureTransport, model(evidenceDoc(account)), EVIDENCE);
  };

  it('AZURE.Storage.SecureTransport: enable_https_traffic_only = false (azurerm 3.x) fails, naming it', () => {
    const j = secure({ enable_https_traffic_only: false });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('enable_https_traffic_only is false: plain HTTP is accepted');
  });

  it('AZURE.Storage.SecureTransport: enable_https_traffic_only = true passes, and a variable is UNKNOWN', () => {
    expect(secure({ enable_https_traffic_only: true }).reason).toMatch(/enable_https_traffic_only true/);
    expect(secure({ enable_https_traffic_only: '${var.https}' }).verdict).toBe('UNKNOWN');
  });

  it('AZURE.Storage.SecureTransport: the 4.x https_traffic_only_enabled wins when both are written', () => {
    expect(secure({ https_traffic_only_enabled: true, enable_https_traffic_only: false }).verdict).toBe('COMPLIANT');
    expect(secure({ https_traffic_only_enabled: false, enable_https_traffic_only: true }).verdict).toBe('NON_COMPLIANT');
  });

  it('AZURE.LogAnalytics.LocalAuthDisabled: the 4.x local_authentication_enabled wins over the 3.x local_authentication_disabled', () => {
    const run = (body: Body) => judge(LogAnalyticsLocalAuthDisabled, model({ resource: { azurerm_log_analytics_workspace: { law: { name: 'law', ...body } } } }), 'azurerm_log_analytics_workspace.law');
    expect(run({ local_authentication_disabled: true }).verdict).toBe('COMPLIANT');
    expect(run({ local_authentication_enabled: true, local_authentication_disabled: true }).verdict).toBe('NON_COMPLIANT');
  });

  it('AZURE.ML.WorkspacePublicNetworkDisabled: public_access_behind_virtual_network_enabled = false is not read as public_network_access_enabled (azurerm 3.x never sent it)', () => {
    const run = (body: Body) => judge(MachineLearningWorkspacePublicNetworkDisabled, model({ resource: { azurerm_machine_learning_workspace: { ml: { name: 'ml', ...body } } } }), 'azurerm_machine_learning_workspace.ml');
    expect(run({ public_access_behind_virtual_network_enabled: false }).verdict).toBe('NON_COMPLIANT');
  });
});
