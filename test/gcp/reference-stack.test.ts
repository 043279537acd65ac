import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { Immutability, WARNINGS } from '../../constructs/core';
import { createGcpStacks, GCP_CONTEXT_KEYS, GCP_STACK_NAME, GcpForensicReadinessStack, PLACEHOLDER_PROJECT_ID } from '../../cdktf/gcp';
import { infosOf, resourcesOf, synth, TfJson, warningsOf } from './helpers';

/**
 * The one test that pins Terraform addresses: an evidence store whose address changes is a new
 * resource to Terraform, so the old one would be orphaned (or, without prevent_destroy, deleted).
 */
const EVIDENCE_STORES = [
  'google_storage_bucket.EvidenceBucket_FBA44255',
  'google_storage_bucket.EvidenceBucket_AccessLogs_6F92A1C6',
  'google_storage_bucket.MlWorkload_TrainingData_E80E4E46',
  'google_logging_project_bucket_config.LogSink_LogBucket_8F6CB9FC',
  'google_bigquery_dataset.MlWorkload_VertexAi_RequestLogs_36B18441',
  'google_kms_key_ring.Key_KeyRing_7D5AF6B8',
  'google_kms_crypto_key.Key_961B73FD',
];

const KEY = '${google_kms_crypto_key.Key_961B73FD.id}';

function build(context?: Record<string, unknown>, props = {}): { stack: GcpForensicReadinessStack; json: TfJson; text: string } {
  const app = Testing.app({ context });
  const [stack] = createGcpStacks(app, props);
  return { stack, ...synth(stack) };
}

function at(json: TfJson, address: string): any {
  const [type, name] = address.split('.');
  return json.resource[type]?.[name];
}

describe('GcpForensicReadinessStack', () => {
  // One synth of the default reference stack, shared by the read-only checks below.
  const { stack, json, text } = build();

  test('has the stable name gcp-forensic-readiness and warns that the placeholder project id must be replaced', () => {
    expect(GCP_STACK_NAME).toBe('gcp-forensic-readiness');
    expect(stack.node.id).toBe('gcp-forensic-readiness');
    const placeholder = warningsOf(stack).filter((w) => w.startsWith(`[${WARNINGS.PLACEHOLDER_IDS}]`));
    expect(placeholder).toEqual([expect.stringContaining(`'${PLACEHOLDER_PROJECT_ID}'`)]);
    // The only kit warning of the default stack is the placeholder one; locks are notices.
    expect(warningsOf(stack)).toEqual(placeholder);
    expect(infosOf(stack).filter((i) => i.includes('is locked for 365 days'))).toHaveLength(4);
  });

  test('configures the Google provider with the project and region', () => {
    expect(text).toHaveProviderWithProperties(GoogleProvider, { project: PLACEHOLDER_PROJECT_ID, region: 'us-central1' });
  });

  test('pins the Terraform addresses of the evidence stores, each with prevent_destroy', () => {
    for (const address of EVIDENCE_STORES) {
      const resource = at(json, address);
      expect({ address, defined: resource !== undefined }).toEqual({ address, defined: true });
      expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    }
    // Every GCS bucket, log bucket and BigQuery dataset in the stack is one of the pinned ones, but
    // the investigation pack's dataset: it holds table functions, not evidence.
    const stores = ['google_storage_bucket', 'google_logging_project_bucket_config', 'google_bigquery_dataset'].flatMap((type) =>
      Object.keys(resourcesOf(json, type)).map((name) => `${type}.${name}`),
    );
    const pack = stores.filter((a) => a.startsWith('google_bigquery_dataset.InvestigationPack_'));
    expect(pack).toHaveLength(1);
    expect(at(json, pack[0]).labels['forensic-evidence-store']).toBeUndefined();
    expect(stores.filter((a) => !pack.includes(a)).sort()).toEqual(EVIDENCE_STORES.filter((a) => !a.startsWith('google_kms')).sort());
  });

  test('synthesizes into cdktf.out/stacks/gcp-forensic-readiness/', () => {
    const app = Testing.app();
    createGcpStacks(app, { projectId: 'acme-prod' });
    app.synth();
    const file = join(app.outdir, 'stacks', GCP_STACK_NAME, 'cdk.tf.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).resource.google_storage_bucket).toBeDefined();
  });

  test('every GCS bucket is locked for at least 365 days, uniform, public access prevented, never force-destroyed, with CMEK', () => {
    const buckets = Object.values(resourcesOf(json, 'google_storage_bucket')) as any[];
    expect(buckets).toHaveLength(3);
    for (const b of buckets) {
      expect(b.retention_policy.is_locked).toBe(true);
      expect(b.retention_policy.retention_period).toBeGreaterThanOrEqual(365 * 86_400);
      expect(b.uniform_bucket_level_access).toBe(true);
      expect(b.public_access_prevention).toBe('enforced');
      expect(b.force_destroy).toBe(false);
      expect(b.encryption.default_kms_key_name).toBe(KEY);
    }
  });

  test('deploys the investigation pack: the locked log bucket linked to BigQuery, a table function per GCP question in its region', () => {
    expect(Object.values(resourcesOf(json, 'google_logging_linked_dataset'))).toEqual([
      expect.objectContaining({ link_id: 'forensic_logs', bucket: '${google_logging_project_bucket_config.LogSink_LogBucket_8F6CB9FC.id}' }),
    ]);
    const dataset = Object.values(resourcesOf(json, 'google_bigquery_dataset')).find((d: any) => d.dataset_id === 'forensic_investigation') as any;
    expect(dataset).toMatchObject({ project: PLACEHOLDER_PROJECT_ID, location: 'us-central1', delete_contents_on_destroy: false });
    const routines = Object.values(resourcesOf(json, 'google_bigquery_routine')) as any[];
    expect(routines.map((r) => r.routine_id).sort()).toEqual(Object.keys(stack.investigationPack.routines).map((id) => id.replace(/-/g, '_')).sort());
    expect(routines).toHaveLength(9);
    for (const r of routines) expect(r.definition_body).toContain(`\`${PLACEHOLDER_PROJECT_ID}.forensic_logs._AllLogs\``);
  });

  test('audit configs log ADMIN_READ, DATA_READ and DATA_WRITE with no exemptions, allServices included', () => {
    const configs = Object.values(resourcesOf(json, 'google_project_iam_audit_config')) as any[];
    expect(configs.map((c) => c.service)).toContain('allServices');
    for (const c of configs) {
      expect(c.audit_log_config).toEqual([{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }]);
    }
  });

  test('every sink lands in locked storage: the locked log bucket or the locked evidence bucket', () => {
    const sinks = Object.values(resourcesOf(json, 'google_logging_project_sink')) as any[];
    expect(sinks.map((s) => s.destination).sort()).toEqual([
      'logging.googleapis.com/${google_logging_project_bucket_config.LogSink_LogBucket_8F6CB9FC.id}',
      'storage.googleapis.com/${google_storage_bucket.EvidenceBucket_FBA44255.name}',
    ]);
    const logBucket = at(json, 'google_logging_project_bucket_config.LogSink_LogBucket_8F6CB9FC');
    expect(logBucket).toMatchObject({ locked: true, retention_days: 365, enable_analytics: true, location: 'us-central1', cmek_settings: { kms_key_name: KEY } });
  });

  test('configuration history: RESOURCE and IAM_POLICY project feeds into the CMEK topic, a Cloud Storage subscription into the locked evidence bucket', () => {
    const feeds = Object.values(resourcesOf(json, 'google_cloud_asset_project_feed')) as any[];
    expect(feeds.map((f) => f.content_type)).toEqual(['RESOURCE', 'IAM_POLICY']);
    for (const f of feeds) expect(f).toMatchObject({ project: PLACEHOLDER_PROJECT_ID, feed_output_config: { pubsub_destination: { topic: expect.stringMatching(/google_pubsub_topic\.AssetFeeds_Topic_/) } } });
    expect(Object.values(resourcesOf(json, 'google_pubsub_topic'))).toEqual([expect.objectContaining({ kms_key_name: KEY, message_retention_duration: '2678400s' })]);
    expect(Object.values(resourcesOf(json, 'google_pubsub_subscription'))).toEqual([
      expect.objectContaining({ cloud_storage_config: expect.objectContaining({ bucket: '${google_storage_bucket.EvidenceBucket_FBA44255.name}' }), expiration_policy: { ttl: '' } }),
    ]);
  });

  test('network evidence: subnet flow logs at 5 s with all metadata, logged firewall rules, DNS policy logging, NAT logging', () => {
    for (const s of Object.values(resourcesOf(json, 'google_compute_subnetwork')) as any[]) {
      expect(s.log_config).toEqual({ aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' });
    }
    for (const f of Object.values(resourcesOf(json, 'google_compute_firewall')) as any[]) {
      expect(f).toMatchObject({ enable_logging: true, log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    }
    const dns = Object.values(resourcesOf(json, 'google_dns_policy')) as any[];
    expect(dns).toEqual([expect.objectContaining({ enable_logging: true })]);
    for (const n of Object.values(resourcesOf(json, 'google_compute_router_nat')) as any[]) expect(n.log_config).toEqual({ enable: true, filter: 'ALL' });
  });

  test('Vertex AI: endpoint request-response logging with sampling above 0, CMEK on endpoint and dataset, Workbench without public IP', () => {
    for (const e of Object.values(resourcesOf(json, 'google_vertex_ai_endpoint')) as any[]) {
      expect(e.predict_request_response_logging_config.enabled).toBe(true);
      expect(e.predict_request_response_logging_config.sampling_rate).toBeGreaterThan(0);
      expect(e.encryption_spec.kms_key_name).toBe(KEY);
    }
    for (const d of Object.values(resourcesOf(json, 'google_vertex_ai_dataset')) as any[]) expect(d.encryption_spec.kms_key_name).toBe(KEY);
    const workbench = Object.values(resourcesOf(json, 'google_workbench_instance')) as any[];
    expect(workbench).toHaveLength(1);
    expect(workbench[0].gce_setup.disable_public_ip).toBe(true);
  });

  test('project, region and organization come from node context; no placeholder warning then', () => {
    const { stack: ctxStack, json: ctxJson, text: ctxText } = build({
      [GCP_CONTEXT_KEYS.projectId]: 'acme-prod',
      [GCP_CONTEXT_KEYS.region]: 'europe-west4',
      [GCP_CONTEXT_KEYS.organizationId]: '123456789012',
    });
    expect(warningsOf(ctxStack).filter((w) => w.includes(WARNINGS.PLACEHOLDER_IDS))).toEqual([]);
    expect(ctxText).toHaveProviderWithProperties(GoogleProvider, { project: 'acme-prod', region: 'europe-west4' });
    expect(Object.values(resourcesOf(ctxJson, 'google_organization_iam_audit_config'))).toEqual([expect.objectContaining({ org_id: '123456789012', service: 'allServices' })]);
    expect(Object.values(resourcesOf(ctxJson, 'google_logging_organization_sink'))).toHaveLength(2);
    for (const s of Object.values(resourcesOf(ctxJson, 'google_logging_organization_sink')) as any[]) expect(s.include_children).toBe(true);
    expect(Object.values(resourcesOf(ctxJson, 'google_project_iam_member'))).toEqual([expect.objectContaining({ project: 'acme-prod', role: 'roles/logging.bucketWriter' })]);
    expect((Object.values(resourcesOf(ctxJson, 'google_cloud_asset_organization_feed')) as any[]).map((f) => [f.org_id, f.billing_project, f.content_type])).toEqual([
      ['123456789012', 'acme-prod', 'RESOURCE'],
      ['123456789012', 'acme-prod', 'IAM_POLICY'],
    ]);
    expect(Object.values(resourcesOf(ctxJson, 'google_storage_bucket')).map((b: any) => b.name).sort()).toEqual([
      'acme-prod-evidence',
      'acme-prod-evidence-logs',
      'acme-prod-training-data',
    ]);
  });

  test('props win over context; a folder id routes from the folder; the example workload can be left out', () => {
    const { json: folderJson } = build({ [GCP_CONTEXT_KEYS.projectId]: 'ignored-project' }, { projectId: 'acme-prod', folderId: '42', exampleWorkloadEnabled: false });
    expect(Object.values(resourcesOf(folderJson, 'google_folder_iam_audit_config'))).toEqual([expect.objectContaining({ folder: 'folders/42' })]);
    expect(Object.values(resourcesOf(folderJson, 'google_logging_folder_sink'))).toHaveLength(2);
    expect(resourcesOf(folderJson, 'google_vertex_ai_endpoint')).toEqual({});
    expect(Object.values(resourcesOf(folderJson, 'google_storage_bucket')).map((b: any) => b.name)).not.toContain('ignored-project-evidence');
  });

  test('SOAK mode unlocks every store and warns for each', () => {
    const { stack: soak, json: soakJson } = build({ [GCP_CONTEXT_KEYS.projectId]: 'acme-prod' }, { immutability: Immutability.SOAK, workbenchEnabled: false });
    for (const b of Object.values(resourcesOf(soakJson, 'google_storage_bucket')) as any[]) expect(b.retention_policy.is_locked).toBe(false);
    expect(Object.values(resourcesOf(soakJson, 'google_logging_project_bucket_config'))).toEqual([expect.objectContaining({ locked: false })]);
    expect(warningsOf(soak).filter((w) => w.includes(WARNINGS.SOAK_MODE))).toHaveLength(3);
    expect(resourcesOf(soakJson, 'google_workbench_instance')).toEqual({});
  });
});
