/**
 * One UNKNOWN meaning in every cloud: a Terraform JSON `dynamic` block is unknown where the block
 * would be (it exists only after evaluation), never absent; a value that is no boolean is
 * unknown, never absent.
 */
import { LoggingBucketCmek } from '../../../policies/rules/gcp/LoggingBucketCmek';
import { WorkbenchHardening } from '../../../policies/rules/gcp/WorkbenchHardening';
import { DnsNetworkLogging } from '../../../policies/rules/gcp/DnsNetworkLogging';
import { StorageBlobVersioning } from '../../../policies/rules/azure/StorageBlobVersioning';
import { LoggingBucketLocked } from '../../../policies/rules/gcp/LoggingBucketLocked';
import { LogAnalyticsRetention } from '../../../policies/rules/azure/LogAnalyticsRetention';
import { LogsEvidenceRetention } from '../../../policies/rules/aws/LogsEvidenceRetention';
import { cfnModel, judge } from '../helpers';
import { key, lockedBucket, logGroup, trail } from './aws/_fixtures';
import { tf } from './gcp/_gcp';
import { EVIDENCE, evidenceAccount, evidenceDoc, model } from './azure/_fixtures';

const KEY = '${google_kms_crypto_key.k.id}';
const dynamic = (name: string, content: Record<string, unknown>) => ({ dynamic: { [name]: { for_each: '${var.items}', content } } });

describe('a dynamic block is UNKNOWN, never absent', () => {
  it('GCP.Logging.BucketCmek: dynamic "cmek_settings"', () => {
    const m = tf({ google_logging_project_bucket_config: { b: { project: 'p', location: 'eu', bucket_id: 'f', retention_days: 365, locked: true, ...dynamic('cmek_settings', { kms_key_name: KEY }) } } });
    expect(judge(LoggingBucketCmek, m, 'google_logging_project_bucket_config.b').verdict).toBe('UNKNOWN');
  });

  it('GCP.Workbench.Hardening: dynamic "shielded_instance_config" inside gce_setup', () => {
    const cmek = { disk_encryption: 'CMEK', kms_key: KEY };
    const m = tf({
      google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } },
      google_workbench_instance: {
        w: { name: 'nb', location: 'eu', gce_setup: { disable_public_ip: true, metadata: { 'notebook-disable-root': 'true' }, boot_disk: cmek, data_disks: cmek, ...dynamic('shielded_instance_config', { enable_secure_boot: true }) } },
      },
    });
    expect(judge(WorkbenchHardening, m, 'google_workbench_instance.w').verdict).toBe('UNKNOWN');
  });

  it('AZURE.Storage.BlobVersioning: dynamic "blob_properties"', () => {
    const doc = evidenceDoc(evidenceAccount({ blob_properties: undefined, ...dynamic('blob_properties', { versioning_enabled: true }) }));
    expect(judge(StorageBlobVersioning, model(doc), EVIDENCE).verdict).toBe('UNKNOWN');
  });

  it('a block stated beside a dynamic block of another name is read as stated', () => {
    const doc = evidenceDoc(evidenceAccount({ blob_properties: { versioning_enabled: false }, ...dynamic('network_rules', { default_action: 'Deny' }) }));
    expect(judge(StorageBlobVersioning, model(doc), EVIDENCE).verdict).toBe('NON_COMPLIANT');
  });
});

describe('a value that is no boolean is UNKNOWN, never absent (GCP as Azure and AWS)', () => {
  const dns = (enable: unknown) =>
    tf({
      google_compute_network: { n: { name: 'n', auto_create_subnetworks: false } },
      google_dns_policy: { p: { name: 'p', enable_logging: enable, networks: [{ network_url: '${google_compute_network.n.id}' }] } },
    });

  it.each([['maybe'], [3]])('GCP.Dns.NetworkLogging: enable_logging %p', (v) => {
    expect(judge(DnsNetworkLogging, dns(v), 'google_compute_network.n').verdict).toBe('UNKNOWN');
  });

  it('GCP.Dns.NetworkLogging: enable_logging "true" is true, false is false', () => {
    expect(judge(DnsNetworkLogging, dns('true'), 'google_compute_network.n').verdict).toBe('COMPLIANT');
    expect(judge(DnsNetworkLogging, dns(false), 'google_compute_network.n').verdict).toBe('NON_COMPLIANT');
  });
});

describe('a value that is no number is UNKNOWN, never absent, in the three clouds', () => {
  it.each([['ten'], [''], [true]])('AWS.Logs.EvidenceRetention: RetentionInDays %p', (v) => {
    const m = cfnModel({ Resources: { Key: key(), TrailBucket: lockedBucket(), TrailLogs: logGroup({ RetentionInDays: v }), Trail: trail() } });
    expect(judge(LogsEvidenceRetention, m, 'TrailLogs').verdict).toBe('UNKNOWN');
  });

  it.each([['ten'], [true]])('GCP.Logging.BucketLocked: retention_days %p', (v) => {
    const m = tf({ google_logging_project_bucket_config: { b: { project: 'p', location: 'global', bucket_id: 'forensic', retention_days: v, locked: true } } });
    expect(judge(LoggingBucketLocked, m, 'google_logging_project_bucket_config.b').verdict).toBe('UNKNOWN');
  });

  it.each([['ten'], [true]])('AZURE.LogAnalytics.Retention: retention_in_days %p', (v) => {
    const m = model({ resource: { azurerm_log_analytics_workspace: { law: { name: 'law', sku: 'PerGB2018', retention_in_days: v } } } });
    const j = judge(LogAnalyticsRetention, m, 'azurerm_log_analytics_workspace.law', { retentionFloorDays: 365, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 });
    expect(j.verdict).toBe('UNKNOWN');
  });

  it('a numeric string is the number in every cloud', () => {
    const aws = cfnModel({ Resources: { Key: key(), TrailBucket: lockedBucket(), TrailLogs: logGroup({ RetentionInDays: '400' }), Trail: trail() } });
    expect(judge(LogsEvidenceRetention, aws, 'TrailLogs').verdict).toBe('COMPLIANT');
    const gcp = tf({ google_logging_project_bucket_config: { b: { project: 'p', location: 'global', bucket_id: 'forensic', retention_days: '400', locked: true } } });
    expect(judge(LoggingBucketLocked, gcp, 'google_logging_project_bucket_config.b').verdict).toBe('COMPLIANT');
  });
});
