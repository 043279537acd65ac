import { LoggingFolderSink } from '@cdktf/provider-google/lib/logging-folder-sink';
import { LoggingOrganizationSink } from '@cdktf/provider-google/lib/logging-organization-sink';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { acknowledgeKitWarning, Immutability, Retention, WARNINGS } from '../../constructs/core';
import { EvidenceBucket, FORENSIC_LOG_FILTER, GcpParent, LogSink, LogSinkProps } from '../../constructs/gcp';
import { expectAcknowledgeableWarning, expectNoCorruptTokens, infosOf, newStack, numberVariable, onlyResource, refusal, resourcesOf, stringVariable, synth, synthFile, warningsOf } from './helpers';

const BUCKET_REF = /^logging\.googleapis\.com\/\$\{google_logging_project_bucket_config\.Sink_LogBucket_[0-9A-F]+\.id\}$/;

describe('LogSink', () => {
  test('the filter routes admin activity, data access, system event, policy, VPC flow, firewall, NAT and DNS logs', () => {
    for (const log of [
      'cloudaudit.googleapis.com%2Factivity',
      'cloudaudit.googleapis.com%2Fdata_access',
      'cloudaudit.googleapis.com%2Fsystem_event',
      'cloudaudit.googleapis.com%2Fpolicy',
      'compute.googleapis.com%2Fvpc_flows',
      'compute.googleapis.com%2Ffirewall',
      'compute.googleapis.com%2Fnat_flows',
      'dns.googleapis.com%2Fdns_queries',
    ]) {
      expect(FORENSIC_LOG_FILTER).toContain(`logName:"/logs/${log}"`);
    }
    expect(FORENSIC_LOG_FILTER.split(' OR ')).toHaveLength(9);
  });

  test('defaults: a project sink with unique writer identity into a locked 365-day log bucket with Log Analytics and prevent_destroy; no grant needed in the same project', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod') });
    const { json } = synth(stack);
    const bucket = onlyResource(json, 'google_logging_project_bucket_config');
    expect(bucket).toEqual({
      project: 'acme-prod',
      location: 'global',
      bucket_id: 'forensic-evidence',
      description: expect.any(String),
      retention_days: 365,
      locked: true,
      enable_analytics: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(Object.values(resourcesOf(json, 'google_logging_project_sink'))).toEqual([
      {
        project: 'acme-prod',
        name: 'forensic-readiness',
        destination: expect.stringMatching(BUCKET_REF),
        filter: FORENSIC_LOG_FILTER,
        unique_writer_identity: true,
        description: expect.any(String),
      },
    ]);
    expect(resourcesOf(json, 'google_project_iam_member')).toEqual({});
    expect(warningsOf(stack)).toEqual([]);
    expect(infosOf(stack)).toEqual([expect.stringMatching(/Cloud Logging bucket forensic-evidence .* is locked for 365 days/)]);
  });

  test('an EvidenceBucket destination gets a second sink and grants its writer identity objectCreator only', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us-central1' });
    new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), destination: evidence });
    const { json } = synth(stack);
    const sinks = Object.values(resourcesOf(json, 'google_logging_project_sink')) as any[];
    const gcs = sinks.find((s) => s.name === 'forensic-readiness-gcs');
    expect(gcs.destination).toMatch(/^storage\.googleapis\.com\/\$\{google_storage_bucket\.Evidence_[0-9A-F]+\.name\}$/);
    expect(gcs.unique_writer_identity).toBe(true);
    const sinkKey = Object.entries(resourcesOf(json, 'google_logging_project_sink')).find(([, s]: any) => s === gcs)![0];
    expect(Object.values(resourcesOf(json, 'google_storage_bucket_iam_member'))).toContainEqual({
      bucket: expect.stringMatching(/Evidence_[0-9A-F]+\.name/),
      role: 'roles/storage.objectCreator',
      member: `\${google_logging_project_sink.${sinkKey}.writer_identity}`,
    });
  });

  test('a folder sink includes children and grants bucketWriter on the log bucket project, conditioned on the bucket', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { parent: GcpParent.folder('1234'), logBucket: { project: 'acme-logs', location: 'us-central1' } });
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(LoggingFolderSink, { folder: '1234', include_children: true, filter: FORENSIC_LOG_FILTER, destination: expect.stringMatching(BUCKET_REF) });
    expect(text).toHaveResourceWithProperties(LoggingProjectBucketConfig, { project: 'acme-logs', location: 'us-central1' });
    const grant = onlyResource(json, 'google_project_iam_member');
    expect(grant).toEqual({
      project: 'acme-logs',
      role: 'roles/logging.bucketWriter',
      member: expect.stringMatching(/^\$\{google_logging_folder_sink\.Sink_[0-9A-F]+\.writer_identity\}$/),
      condition: {
        title: 'forensic-log-bucket-writer',
        description: expect.any(String),
        expression: expect.stringMatching(/^resource\.name\.endsWith\('\$\{google_logging_project_bucket_config\.Sink_LogBucket_[0-9A-F]+\.id\}'\)$/),
      },
    });
    expect(resourcesOf(json, 'google_logging_project_sink')).toEqual({});
  });

  test('an organization sink includes children', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { parent: GcpParent.organization('42'), logBucket: { project: 'acme-logs' } });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(LoggingOrganizationSink, { org_id: '42', include_children: true, name: 'forensic-readiness' });
    expect(text).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/logging.bucketWriter' });
  });

  test('a project sink into a log bucket of another project grants bucketWriter', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucket: { project: 'acme-logs' } });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(ProjectIamMember, { project: 'acme-logs', role: 'roles/logging.bucketWriter' });
  });

  test('a CMEK key is granted to the Logging service agent before the bucket is created', () => {
    const stack = newStack();
    const id = 'projects/acme-prod/locations/us-central1/keyRings/r/cryptoKeys/k';
    new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), logBucket: { location: 'us-central1', encryptionKey: { id } } });
    const { json } = synth(stack);
    const bucket = onlyResource(json, 'google_logging_project_bucket_config');
    expect(bucket.cmek_settings).toEqual({ kms_key_name: id });
    const grant = onlyResource(json, 'google_kms_crypto_key_iam_member');
    expect(grant).toEqual({
      crypto_key_id: id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: expect.stringMatching(/^serviceAccount:\$\{data\.google_logging_project_cmek_settings\.Sink_LoggingServiceAgent_[0-9A-F]+\.service_account_id\}$/),
    });
    expect(bucket.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\.Sink_KeyAccess_/)]);
  });

  test('retention, bucket id, name and Log Analytics can be set', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { parent: GcpParent.project('acme-prod'), sinkName: 'evidence', logBucket: { bucketId: 'evidence-logs', retention: Retention.days(3650), logAnalyticsEnabled: false } });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_logging_project_bucket_config')).toMatchObject({ bucket_id: 'evidence-logs', retention_days: 3650, enable_analytics: false });
    expect(onlyResource(json, 'google_logging_project_sink').name).toBe('evidence');
  });

  test('SOAK leaves the log bucket unlocked and warns; a short retention warns', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { logBucket: { immutability: Immutability.SOAK, retention: Retention.days(30) } });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_logging_project_bucket_config').locked).toBe(false);
    expect(warningsOf(stack)).toEqual([expect.stringContaining(`[${WARNINGS.SOAK_MODE}]`), expect.stringContaining(`[${WARNINGS.SHORT_RETENTION}]`)]);
  });

  test('the log bucket can be left out when an EvidenceBucket receives the logs', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us' });
    new LogSink(stack, 'Sink', { logBucketEnabled: false, destination: evidence });
    const { json } = synth(stack);
    expect(resourcesOf(json, 'google_logging_project_bucket_config')).toEqual({});
    expect(onlyResource(json, 'google_logging_project_sink').name).toBe('forensic-readiness-gcs');
  });

  test('includeChildren false at folder level warns', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { parent: GcpParent.folder('1'), includeChildren: false, logBucket: { project: 'acme-logs' } });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(LoggingFolderSink, { include_children: false });
    expect(warningsOf(stack)).toEqual([expect.stringContaining('includeChildren is false')]);
  });

  test('a custom filter is used, with a warning', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { filter: 'logName:"/logs/cloudaudit.googleapis.com%2Factivity"' });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_logging_project_sink').filter).toBe('logName:"/logs/cloudaudit.googleapis.com%2Factivity"');
    expect(warningsOf(stack)).toEqual([expect.stringContaining('custom sink filter')]);
  });

  test('a filter prop that reads differently the second time (a getter) still warns: the warning judges the filter the sinks got', () => {
    const stack = newStack();
    let reads = 0;
    const props = { get filter() { return reads++ === 0 ? 'logName:"/logs/cloudaudit.googleapis.com"' : undefined; } };
    new LogSink(stack, 'Sink', props);
    expect(onlyResource(synth(stack).json, 'google_logging_project_sink').filter).toBe('logName:"/logs/cloudaudit.googleapis.com"');
    expect(warningsOf(stack)).toEqual([expect.stringContaining('custom sink filter')]);
  });

  test('the kit\'s own filter given explicitly is no weaker choice: no warning', () => {
    const stack = newStack();
    new LogSink(stack, 'Sink', { filter: FORENSIC_LOG_FILTER });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('fails when there is no destination', () => {
    expect(() => new LogSink(newStack(), 'S', { logBucketEnabled: false })).toThrow(/destination must be an EvidenceBucket/);
  });

  test('fails when log bucket options are given with the log bucket off', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us' });
    expect(() => new LogSink(stack, 'S', { logBucketEnabled: false, destination: evidence, logBucket: {} })).toThrow(/logBucket must be unset/);
  });

  test('fails when the log bucket retention is outside 1 to 3650 days', () => {
    expect(() => new LogSink(newStack(), 'S', { logBucket: { retention: Retention.days(4000) } })).toThrow(/logBucket.retention must be 1 to 3650 days/);
  });

  test('fails when a folder or organization sink has no log bucket project', () => {
    expect(() => new LogSink(newStack(), 'S', { parent: GcpParent.folder('1') })).toThrow(/logBucket.project/);
    expect(() => new LogSink(newStack(), 'S', { parent: GcpParent.organization('1') })).toThrow(/logBucket.project/);
  });

  test('fails when includeChildren is set on a project sink', () => {
    expect(() => new LogSink(newStack(), 'S', { includeChildren: true })).toThrow(/includeChildren must be unset for a project sink/);
  });

  test('fails when the filter is empty, or names are malformed', () => {
    expect(() => new LogSink(newStack(), 'S', { filter: '  ' })).toThrow(/filter must be a non-empty Logging query/);
    expect(() => new LogSink(newStack(), 'S', { sinkName: 'bad name' })).toThrow(/sinkName/);
    expect(() => new LogSink(newStack(), 'S', { logBucket: { bucketId: '_Default' } })).toThrow(/logBucket.bucketId/);
    expect(() => new LogSink(newStack(), 'S', { logBucket: { location: 'US' } })).toThrow(/logBucket.location/);
  });
});

describe('LogSink props', () => {
  const sink = (props: unknown) => () => new LogSink(newStack(), 'S', props as LogSinkProps);
  const FILTER = /^a non-empty Logging query \(an empty filter routes every log entry\)$/;

  test('fails when props are not an object', () => {
    refusal(sink('forensic'), 'props', /^LogSinkProps$/);
  });

  test('fails when parent is not a GcpParent', () => {
    refusal(sink({ parent: { kind: 'folder', id: '1' } }), 'parent', /^a GcpParent/);
  });

  test.each([
    ['5', 5],
    ['empty', ''],
    ['blank', ' \n\t'],
    ['a list', ['logName:"x"']],
  ])('fails when filter is %s', (_case, filter) => {
    refusal(sink({ filter }), 'filter', FILTER);
  });

  test('fails when includeChildren is set on a project sink', () => {
    refusal(sink({ includeChildren: false }), 'includeChildren', /^unset for a project sink \(projects have no children\)$/);
  });

  test('fails when includeChildren is not a boolean', () => {
    refusal(sink({ parent: GcpParent.folder('1'), includeChildren: 'yes', logBucket: { project: 'acme-logs' } }), 'includeChildren', /^true or false$/);
  });

  test('fails when the log bucket is off and there is no destination', () => {
    refusal(sink({ logBucketEnabled: false }), 'destination', /^an EvidenceBucket when logBucketEnabled is false/);
  });

  test('fails when logBucketEnabled is not a boolean', () => {
    refusal(sink({ logBucketEnabled: 0 }), 'logBucketEnabled', /^true or false$/);
  });

  test.each([
    ['a bucket reference', { name: 'acme-evidence', sinkDestination: 'storage.googleapis.com/acme-evidence' }],
    ['a destination string', 'storage.googleapis.com/acme-evidence'],
  ])('fails when destination is %s, not an EvidenceBucket', (_case, destination) => {
    refusal(sink({ destination }), 'destination', /^an EvidenceBucket of this app$/);
  });

  test('fails when logBucket is not an object, or is given with the log bucket off', () => {
    refusal(sink({ logBucket: 'forensic-evidence' }), 'logBucket', /^LogBucketOptions$/);
    const stack = newStack();
    const destination = new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us' });
    refusal(() => new LogSink(stack, 'S', { logBucketEnabled: false, destination, logBucket: { retention: Retention.days(400) } }), 'logBucket', /^unset when logBucketEnabled is false$/);
  });

  test.each([
    ["the string 'locked'", 'locked'],
    ["{ mode: 'locked' }", { mode: 'locked' }],
    ['true', true],
  ])('fails when logBucket.immutability is %s', (_case, immutability) => {
    refusal(sink({ logBucket: { immutability } }), 'logBucket.immutability', /^Immutability\.LOCKED or Immutability\.SOAK$/);
  });

  test.each([
    ['0 days', Retention.days(0)],
    ['3651 days', Retention.days(3651)],
    ['1.5 days', Retention.days(1.5)],
  ])('fails when logBucket.retention is %s', (_case, retention) => {
    refusal(sink({ logBucket: { retention } }), 'logBucket.retention', /^1 to 3650 days \(Cloud Logging bucket\)$/);
  });

  test('fails when logBucket.retention is a bare number', () => {
    refusal(sink({ logBucket: { retention: 365 } }), 'logBucket.retention', /^a Retention/);
  });

  test.each([
    ['starting with _', '_Default'],
    ['with a space', 'forensic evidence'],
    ['101 characters long', 'b'.repeat(101)],
    ['empty', ''],
  ])('fails when logBucket.bucketId is %s', (_case, bucketId) => {
    refusal(sink({ logBucket: { bucketId } }), 'logBucket.bucketId', /^letters, digits, underscores, hyphens and periods, at most 100 characters/);
  });

  test.each([
    ['in upper case', 'US'],
    ['with a space', 'us central1'],
    ['not a string', 1],
  ])('fails when logBucket.location is %s', (_case, location) => {
    refusal(sink({ logBucket: { location } }), 'logBucket.location', /^global or a Cloud Logging region such as us-central1$/);
  });

  test('fails when logBucket.encryptionKey is not a key name', () => {
    refusal(sink({ logBucket: { encryptionKey: { id: 'projects/p/keyRings/r/cryptoKeys/k' } } }), 'logBucket.encryptionKey.id', /^a key name projects\//);
  });

  test('fails when logBucket.logAnalyticsEnabled is not a boolean', () => {
    refusal(sink({ logBucket: { logAnalyticsEnabled: 'false' } }), 'logBucket.logAnalyticsEnabled', /^true or false$/);
  });

  test('fails when logBucket.project is not a project id', () => {
    refusal(sink({ logBucket: { project: 'ACME' } }), 'logBucket.project', /^a project id/);
  });

  test.each([
    ['folder', GcpParent.folder('1')],
    ['organization', GcpParent.organization('1')],
  ])('fails when a %s sink has no logBucket.project', (kind, parent) => {
    refusal(sink({ parent }), 'logBucket.project', new RegExp(`^a project id to hold the log bucket of a ${kind} sink$`));
  });

  test('fails when sinkName is malformed', () => {
    refusal(sink({ sinkName: 'bad name' }), 'sinkName', /^letters, digits, underscores, hyphens and periods, at most 96 characters$/);
    refusal(sink({ sinkName: 's'.repeat(97) }), 'sinkName', /at most 96 characters/);
  });

  test('a custom filter warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new LogSink(stack, 'S', { filter: 'severity>=ERROR' }), WARNINGS.WEAKENED_DEFAULT, /a custom sink filter replaces the kit's/);
  });

  test('includeChildren: false warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning(
      (stack) => new LogSink(stack, 'S', { parent: GcpParent.organization('42'), includeChildren: false, logBucket: { project: 'acme-logs' } }),
      WARNINGS.WEAKENED_DEFAULT,
      /includeChildren is false, so logs of projects under organization 42 are not routed/,
    );
  });

  test('a SOAK log bucket warns soak-immutability, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new LogSink(stack, 'S', { logBucket: { immutability: Immutability.SOAK } }), WARNINGS.SOAK_MODE, /Cloud Logging bucket forensic-evidence .*unlocked/);
  });

  test('a log bucket retention under 365 days warns retention-below-floor, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new LogSink(stack, 'S', { logBucket: { retention: Retention.days(364) } }), WARNINGS.SHORT_RETENTION, /log bucket retention of 364 days is under the kit's floor of 365 days/);
  });

  test('logAnalyticsEnabled: false warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new LogSink(stack, 'S', { logBucket: { logAnalyticsEnabled: false } }), WARNINGS.WEAKENED_DEFAULT, /Log Analytics is off on log bucket forensic-evidence/);
  });

  test('TerraformVariable tokens reach cdk.tf.json unchanged: retention in days, bucket, location, project, name and filter as written', () => {
    const stack = newStack();
    acknowledgeKitWarning(stack, WARNINGS.WEAKENED_DEFAULT, 'the token test gives its own filter on purpose');
    new LogSink(stack, 'S', {
      parent: GcpParent.project(stringVariable(stack, 'project')),
      sinkName: stringVariable(stack, 'sink'),
      filter: stringVariable(stack, 'filter'),
      logBucket: {
        bucketId: stringVariable(stack, 'bucket'),
        location: stringVariable(stack, 'location'),
        retention: Retention.days(numberVariable(stack, 'retention')),
        encryptionKey: { id: stringVariable(stack, 'key') },
      },
    });
    const { text, json } = synthFile(stack);
    expect(onlyResource(json, 'google_logging_project_bucket_config')).toMatchObject({
      project: '${var.project}',
      bucket_id: '${var.bucket}',
      location: '${var.location}',
      retention_days: '${var.retention}',
      locked: true,
      cmek_settings: { kms_key_name: '${var.key}' },
    });
    expect(onlyResource(json, 'google_logging_project_sink')).toMatchObject({ project: '${var.project}', name: '${var.sink}', filter: '${var.filter}' });
    expectNoCorruptTokens(text);
    expect(warningsOf(stack)).toEqual([]);
    // The lock notice names a deploy-time retention as such, never its token's bit pattern.
    expect(infosOf(stack)).toEqual([expect.stringContaining('is locked for the number of days given at deploy')]);
    expect(infosOf(stack).join('\n')).not.toMatch(/e[+-]\d{2,}/);
  });
});
