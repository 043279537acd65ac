import * as fs from 'fs';
import * as path from 'path';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { TerraformStack } from 'cdktf';
import { question, QUESTIONS, QuestionId } from '../../constructs/core';
import { EvidenceBucket, GcpParent, InvestigationPack, InvestigationPackProps, LogSink, tableFunctionArguments } from '../../constructs/gcp';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { infosOf, newStack, onlyResource, refusal, resourcesOf, synth, warningsOf } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const GCP_FILES = fs.readdirSync(path.join(ROOT, 'queries', 'gcp')).filter((f) => f.endsWith('.sql')).sort();
const fileText = (id: string): string => fs.readFileSync(path.join(ROOT, 'queries', 'gcp', `${id}.sql`), 'utf8');

/** A stack with the kit's project sink into a regional log bucket, and a pack on it. */
function packStack(props: Partial<InvestigationPackProps> = {}, sink: ConstructorParameters<typeof LogSink>[2] = {}): { stack: TerraformStack; pack: InvestigationPack } {
  const stack = newStack();
  const logSink = new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucket: { location: 'us-central1' }, ...sink });
  const pack = new InvestigationPack(stack, 'Pack', { logSink, ...props });
  return { stack, pack };
}

describe('GCP InvestigationPack', () => {
  test('defaults: a linked dataset on the log bucket, a dataset of its own in the same location, no delete_contents_on_destroy', () => {
    const { stack } = packStack();
    const { json } = synth(stack);
    const bucketAddress = Object.keys(resourcesOf(json, 'google_logging_project_bucket_config'))[0];
    expect(onlyResource(json, 'google_logging_linked_dataset')).toEqual({
      link_id: 'forensic_logs',
      bucket: `\${google_logging_project_bucket_config.${bucketAddress}.id}`,
      description: expect.stringMatching(/read-only/),
    });
    const dataset = onlyResource(json, 'google_bigquery_dataset');
    expect(dataset).toMatchObject({ project: 'acme-prod', dataset_id: 'forensic_investigation', location: 'us-central1', delete_contents_on_destroy: false });
    // The dataset holds derived queries, not evidence: labelled as the kit's, not as an evidence store.
    expect(dataset.labels).toEqual({ 'forensic-readiness': 'forensic-readiness-kit', 'forensic-evidence-source': 'control-plane-audit' });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('defaults: one table function per GCP query file, the file byte for byte but for {{dataset}}, with the header\'s arguments', () => {
    const { stack } = packStack();
    const routines = Object.values(resourcesOf(synth(stack).json, 'google_bigquery_routine'));
    expect(routines.map((r) => r.routine_id).sort()).toEqual(GCP_FILES.map((f) => f.replace(/\.sql$/, '').replace(/-/g, '_')).sort());
    for (const f of GCP_FILES) {
      const id = f.replace(/\.sql$/, '') as QuestionId;
      const r = routines.find((x) => x.routine_id === id.replace(/-/g, '_'))!;
      const text = fileText(id);
      expect(r).toMatchObject({ project: 'acme-prod', routine_type: 'TABLE_VALUED_FUNCTION', language: 'SQL', description: question(id).title });
      expect(r.dataset_id).toMatch(/^\$\{google_bigquery_dataset\.Pack_[0-9A-F]+\.dataset_id\}$/);
      // Exactly one substitution: every {{dataset}} becomes acme-prod.forensic_logs, nothing else changes.
      expect(text).toContain('`{{dataset}}._AllLogs`');
      expect(r.definition_body).toBe(text.split('{{dataset}}').join('acme-prod.forensic_logs'));
      expect(r.definition_body).not.toContain('{{');
      expect(r.depends_on).toEqual([expect.stringMatching(/^google_logging_linked_dataset\.Pack_LinkedDataset_[0-9A-F]+$/)]);
      const expected = question(id).parameters.map((p) => ({
        name: p.name === 'from' ? 'from_time' : p.name === 'to' ? 'to_time' : p.name,
        data_type: JSON.stringify({ typeKind: p.type === 'timestamp' ? 'TIMESTAMP' : 'STRING' }),
      }));
      expect(r.arguments).toEqual(expected);
    }
  });

  test('every question the catalog says GCP records is deployed', () => {
    const { pack } = packStack();
    expect(Object.keys(pack.routines).sort()).toEqual(QUESTIONS.filter((q) => q.clouds.gcp.status !== 'not-recorded').map((q) => q.id).sort());
    expect(pack.linkedDatasetName).toBe('acme-prod.forensic_logs');
  });

  test('overrides: link id, dataset id, location and a subset of the questions', () => {
    const { stack } = packStack({ linkId: 'evidence_link', datasetId: 'ir_pack', location: 'US', questions: ['evidence-tampering', 'endpoint-callers'] });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_logging_linked_dataset').link_id).toBe('evidence_link');
    expect(onlyResource(json, 'google_bigquery_dataset')).toMatchObject({ dataset_id: 'ir_pack', location: 'US' });
    const routines = Object.values(resourcesOf(json, 'google_bigquery_routine'));
    expect(routines.map((r) => r.routine_id)).toEqual(['endpoint_callers', 'evidence_tampering']);
    expect(routines[0].definition_body).toContain('FROM `acme-prod.evidence_link._AllLogs` AS l');
  });

  test('overrides: labels reach the dataset beside the kit\'s', () => {
    const { stack } = packStack({ tags: { team: 'ir' } });
    expect(onlyResource(synth(stack).json, 'google_bigquery_dataset').labels).toMatchObject({ team: 'ir', 'forensic-readiness': 'forensic-readiness-kit' });
  });

  test('a log bucket made elsewhere, with Log Analytics on, is linked the same way', () => {
    const stack = newStack();
    const bucket = new LoggingProjectBucketConfig(stack, 'Bucket', { project: 'acme-logs', location: 'europe-west1', bucketId: 'central', enableAnalytics: true });
    const pack = new InvestigationPack(stack, 'Pack', { logBucket: bucket });
    expect(pack.linkedDatasetName).toBe('acme-logs.forensic_logs');
    expect(onlyResource(synth(stack).json, 'google_bigquery_dataset').location).toBe('europe-west1');
    expect(Object.keys(pack.routines)).toHaveLength(GCP_FILES.length);
  });

  test('a custom sink filter that does not route a question\'s logs: the question is not deployed, and synth says why', () => {
    const { stack, pack } = packStack({}, { filter: 'logName:"/logs/cloudaudit.googleapis.com%2Factivity" OR logName:"/logs/cloudaudit.googleapis.com%2Fdata_access"' });
    expect(Object.keys(pack.routines)).not.toContain('network-egress');
    expect(Object.keys(pack.routines)).toContain('endpoint-callers');
    expect(infosOf(pack)).toEqual([
      'question network-egress is not deployed: its query reads compute.googleapis.com/vpc_flows and dns.googleapis.com/dns_queries, which the sink\'s filter does not route into the log bucket',
    ]);
    expect(Object.values(resourcesOf(synth(stack).json, 'google_bigquery_routine')).map((r) => r.routine_id)).not.toContain('network_egress');
  });

  test('judged by the kit, the pack with its sink has no finding on the pack\'s resources', () => {
    const { stack } = packStack();
    const result = runRules(buildModel([loadDocument(JSON.parse(synth(stack).text), 'cdk.tf.json')]), ALL_RULES);
    const onPack = result.findings.filter((f) => /google_(bigquery|logging_linked)/.test(f.address));
    expect(onPack.map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
  });

  test('fails when neither logSink nor logBucket is given, or both', () => {
    refusal(() => new InvestigationPack(newStack(), 'Pack', {}), 'logSink', /LogSink, or logBucket/);
    const stack = newStack();
    const logSink = new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucket: { location: 'us-central1' } });
    refusal(() => new InvestigationPack(stack, 'Pack', { logSink, logBucket: logSink.logBucket }), 'logBucket', /not both/);
  });

  test('fails when logSink is not the kit\'s LogSink, or has no log bucket', () => {
    refusal(() => new InvestigationPack(newStack(), 'Pack', { logSink: {} as LogSink }), 'logSink', /the kit's LogSink/);
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us-central1' });
    const evidenceOnly = new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucketEnabled: false, destination: evidence });
    refusal(() => new InvestigationPack(stack, 'Pack', { logSink: evidenceOnly }), 'logSink', /logBucketEnabled/);
  });

  test('fails when the log bucket has Log Analytics off: it cannot be linked to BigQuery', () => {
    const stack = newStack();
    const logSink = new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucket: { location: 'us-central1', logAnalyticsEnabled: false } });
    refusal(() => new InvestigationPack(stack, 'Pack', { logSink }), 'logSink', /Log Analytics on/);
    const other = newStack();
    const bucket = new LoggingProjectBucketConfig(other, 'Bucket', { project: 'acme-logs', location: 'europe-west1', bucketId: 'central' });
    refusal(() => new InvestigationPack(other, 'Pack', { logBucket: bucket }), 'logBucket', /Log Analytics on/);
    refusal(() => new InvestigationPack(other, 'Pack2', { logBucket: { id: 'x' } as never }), 'logBucket', /LoggingProjectBucketConfig/);
  });

  test('fails when the log bucket is global and no location is given: BigQuery has no global location', () => {
    const stack = newStack();
    const logSink = new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod') });
    refusal(() => new InvestigationPack(stack, 'Pack', { logSink }), 'location', /BigQuery has no global location/);
    expect(() => new InvestigationPack(stack, 'Pack2', { logSink, location: 'US' })).not.toThrow();
  });

  test('fails when linkId, datasetId or location is not a valid name', () => {
    refusal(() => packStack({ linkId: 'forensic-logs' }), 'linkId', /letters, digits and underscores/);
    refusal(() => packStack({ linkId: 'x'.repeat(101) }), 'linkId', /at most 100/);
    refusal(() => packStack({ datasetId: 'ir pack' }), 'datasetId', /BigQuery dataset id/);
    refusal(() => packStack({ location: 'us central' }), 'location', /BigQuery location/);
  });

  test('fails when questions is empty, repeats one, or names one without a GCP query', () => {
    refusal(() => packStack({ questions: [] }), 'questions', /non-empty list/);
    refusal(() => packStack({ questions: ['endpoint-callers', 'endpoint-callers'] }), 'questions', /without repeats/);
    refusal(() => packStack({ questions: ['who-did-it' as QuestionId] }), 'questions[0]', /"endpoint-callers"/);
  });

  test('the header parser refuses a file without a parameters line or with another type, naming the file', () => {
    expect(tableFunctionArguments('endpoint-callers', fileText('endpoint-callers'))).toEqual([
      { name: 'endpointName', type: 'STRING' },
      { name: 'from_time', type: 'TIMESTAMP' },
      { name: 'to_time', type: 'TIMESTAMP' },
    ]);
    expect(() => tableFunctionArguments('data-reads', '-- Question: data-reads.\nSELECT 1')).toThrow(/queries\/gcp\/data-reads\.sql has no "-- Parameters, in order:" header line/);
    expect(() => tableFunctionArguments('data-reads', '-- Parameters, in order: location INT64\nSELECT 1')).toThrow(/queries\/gcp\/data-reads\.sql declares a parameter "location INT64"/);
  });
});
