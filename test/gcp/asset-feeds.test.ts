import { CloudAssetFolderFeed } from '@cdktf/provider-google/lib/cloud-asset-folder-feed';
import { CloudAssetOrganizationFeed } from '@cdktf/provider-google/lib/cloud-asset-organization-feed';
import { TerraformStack } from 'cdktf';
import { Retention, WARNINGS } from '../../constructs/core';
import { AssetInventoryFeeds, AssetInventoryFeedsProps, DEFAULT_ASSET_TYPES, EvidenceBucket, ForensicKey, GcpParent, REQUIRED_ASSET_SERVICES } from '../../constructs/gcp';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { GCP_RULES } from '../../policies/rules/gcp';
import { expectAcknowledgeableWarning, expectNoCorruptTokens, newStack, numberVariable, refusal, resourcesOf, stringVariable, synth, synthFile, warningsOf } from './helpers';

const TOPIC_REF = /^\$\{google_pubsub_topic\.Feeds_Topic_[0-9A-F]+\.id\}$/;
const BUCKET_NAME_REF = /^\$\{google_storage_bucket\.Evidence_[0-9A-F]+\.name\}$/;

/** A stack with an EvidenceBucket, and the feeds built into it with `props` beside the destination and region. */
function feeds(stack: TerraformStack, props: Partial<AssetInventoryFeedsProps> = {}): AssetInventoryFeeds {
  const destination = new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us-central1' });
  return new AssetInventoryFeeds(stack, 'Feeds', { destination, region: 'us-central1', parent: GcpParent.project('acme-prod'), ...props });
}
const build = (props: Record<string, unknown>) => () => feeds(newStack(), props as Partial<AssetInventoryFeedsProps>);

describe('AssetInventoryFeeds', () => {
  test('defaults: a RESOURCE and an IAM_POLICY project feed of the default asset types into a CMEK topic kept 31 days in the region, and a never-expiring Cloud Storage subscription into the evidence bucket', () => {
    const stack = newStack();
    feeds(stack);
    const { json } = synth(stack);
    const projectFeeds = Object.values(resourcesOf(json, 'google_cloud_asset_project_feed'));
    expect(projectFeeds).toEqual([
      { project: 'acme-prod', feed_id: 'forensic-config-history-resources', content_type: 'RESOURCE', asset_types: [...DEFAULT_ASSET_TYPES], feed_output_config: { pubsub_destination: { topic: expect.stringMatching(TOPIC_REF) } }, depends_on: [expect.stringMatching(/^google_pubsub_topic_iam_member\./)] },
      { project: 'acme-prod', feed_id: 'forensic-config-history-iam-policies', content_type: 'IAM_POLICY', asset_types: [...DEFAULT_ASSET_TYPES], feed_output_config: { pubsub_destination: { topic: expect.stringMatching(TOPIC_REF) } }, depends_on: [expect.stringMatching(/^google_pubsub_topic_iam_member\./)] },
    ]);
    // A project feed publishes as its own project: no billing_project, no condition, no asset_names.
    for (const f of projectFeeds as any[]) for (const key of ['billing_project', 'condition', 'asset_names']) expect(f).not.toHaveProperty(key);

    const topic = Object.values(resourcesOf(json, 'google_pubsub_topic'))[0] as any;
    expect(topic).toEqual({
      name: 'forensic-asset-feed',
      project: 'acme-prod',
      kms_key_name: expect.stringMatching(/^\$\{google_kms_crypto_key\.Feeds_Key_[0-9A-F]+\.id\}$/),
      message_retention_duration: '2678400s',
      message_storage_policy: { allowed_persistence_regions: ['us-central1'] },
      labels: { 'forensic-readiness': 'forensic-readiness-kit', 'forensic-evidence-source': 'configuration-history' },
      depends_on: [expect.stringMatching(/^google_kms_crypto_key_iam_member\.Feeds_Key_PubsubKeyAccess/)],
    });
    const sub = Object.values(resourcesOf(json, 'google_pubsub_subscription'))[0] as any;
    expect(sub).toEqual({
      name: 'forensic-asset-feed-gcs',
      project: 'acme-prod',
      topic: expect.stringMatching(TOPIC_REF),
      ack_deadline_seconds: 600,
      message_retention_duration: '2678400s',
      expiration_policy: { ttl: '' },
      cloud_storage_config: { bucket: expect.stringMatching(BUCKET_NAME_REF), filename_prefix: 'cloud-asset-feeds/', filename_suffix: '.json', max_duration: '300s' },
      labels: topic.labels,
      depends_on: [expect.stringMatching(/^google_storage_bucket_iam_member\./), expect.stringMatching(/^google_storage_bucket_iam_member\./)],
    });
    // Text output, no filter, no push or BigQuery delivery, no dead-letter drain.
    for (const key of ['filter', 'push_config', 'bigquery_config', 'dead_letter_policy', 'retain_acked_messages']) expect(sub).not.toHaveProperty(key);
    expect(sub.cloud_storage_config).not.toHaveProperty('avro_config');
    expect(Object.values(resourcesOf(json, 'google_kms_key_ring'))).toContainEqual(expect.objectContaining({ name: 'forensic-asset-feeds', location: 'us-central1', project: 'acme-prod' }));
    expect(warningsOf(stack)).toEqual([]);
  });

  test('the Cloud Asset service agent may publish to the topic, and the Pub/Sub service agent may use the key, create objects and read the bucket metadata, nothing more', () => {
    const stack = newStack();
    feeds(stack);
    const { json } = synth(stack);
    const pubsubAgent = expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.Feeds_TopicProject_[0-9A-F]+\.number\}@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/);
    expect(Object.values(resourcesOf(json, 'google_pubsub_topic_iam_member'))).toEqual([
      { project: 'acme-prod', topic: expect.stringMatching(/google_pubsub_topic\.Feeds_Topic_[0-9A-F]+\.name/), role: 'roles/pubsub.publisher', member: expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.Feeds_TopicProject_[0-9A-F]+\.number\}@gcp-sa-cloudasset\.iam\.gserviceaccount\.com$/) },
    ]);
    const bucketGrants = Object.values(resourcesOf(json, 'google_storage_bucket_iam_member')).filter((g: any) => /gcp-sa-pubsub/.test(g.member));
    expect(bucketGrants).toEqual([
      { bucket: expect.stringMatching(BUCKET_NAME_REF), role: 'roles/storage.objectCreator', member: pubsubAgent },
      { bucket: expect.stringMatching(BUCKET_NAME_REF), role: 'roles/storage.legacyBucketReader', member: pubsubAgent },
    ]);
    expect(Object.values(resourcesOf(json, 'google_kms_crypto_key_iam_member'))).toContainEqual({ crypto_key_id: expect.stringMatching(/Feeds_Key_/), role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: pubsubAgent });
    expect(json.data?.google_project).toEqual({ [Object.keys(json.data!.google_project)[0]]: { project_id: 'acme-prod' } });
  });

  test('the synthesized feeds pass the GCP rules of configuration history and every evidence rule', () => {
    const stack = newStack();
    feeds(stack);
    const result = runRules(buildModel([loadDocument(JSON.parse(synth(stack).text), 'cdk.tf.json')]), GCP_RULES);
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([]);
    const verdicts = result.evaluations.filter((e) => e.ruleId === 'GCP.Asset.FeedContentTypes' || e.ruleId === 'GCP.PubSub.AssetFeedLockedDestination').map((e) => `${e.ruleId} ${e.verdict}`);
    expect(verdicts.sort()).toEqual(['GCP.Asset.FeedContentTypes COMPLIANT', 'GCP.Asset.FeedContentTypes COMPLIANT', 'GCP.PubSub.AssetFeedLockedDestination COMPLIANT', 'GCP.PubSub.AssetFeedLockedDestination COMPLIANT']);
  });

  test('the default asset types cover every required service', () => {
    for (const s of REQUIRED_ASSET_SERVICES) expect(DEFAULT_ASSET_TYPES.some((t) => t.startsWith(`${s}/`))).toBe(true);
    expect(DEFAULT_ASSET_TYPES.some((t) => t.startsWith('compute.googleapis.com/'))).toBe(true);
  });

  test('a folder parent: folder feeds billed to the topic project, whose Cloud Asset agent publishes', () => {
    const stack = newStack();
    feeds(stack, { parent: GcpParent.folder('folders/1234'), project: 'acme-logs' });
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(CloudAssetFolderFeed, { folder: '1234', billing_project: 'acme-logs', content_type: 'IAM_POLICY' });
    expect(text).toHaveResourceWithProperties(CloudAssetFolderFeed, { folder: '1234', billing_project: 'acme-logs', content_type: 'RESOURCE' });
    expect(Object.values(resourcesOf(json, 'google_pubsub_topic'))[0]).toMatchObject({ project: 'acme-logs' });
  });

  test('an organization parent with its own billing project: that project\'s Cloud Asset agent publishes', () => {
    const stack = newStack();
    feeds(stack, { parent: GcpParent.organization('42'), project: 'acme-logs', billingProject: 'acme-billing' });
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(CloudAssetOrganizationFeed, { org_id: '42', billing_project: 'acme-billing' });
    const publisher = Object.values(resourcesOf(json, 'google_pubsub_topic_iam_member'))[0] as any;
    expect(publisher.member).toMatch(/data\.google_project\.Feeds_BillingProject_[0-9A-F]+\.number/);
    expect(Object.values(json.data!.google_project)).toEqual(expect.arrayContaining([{ project_id: 'acme-logs' }, { project_id: 'acme-billing' }]));
  });

  test('a given key is used for the topic and granted to the Pub/Sub agent, and no key is created', () => {
    const stack = newStack();
    const key = new ForensicKey(stack, 'StackKey', { location: 'us-central1' });
    feeds(stack, { encryptionKey: key });
    const { json } = synth(stack);
    expect((Object.values(resourcesOf(json, 'google_pubsub_topic'))[0] as any).kms_key_name).toMatch(/google_kms_crypto_key\.StackKey_[0-9A-F]+\.id/);
    expect(Object.keys(resourcesOf(json, 'google_kms_crypto_key')).sort()).toEqual([expect.stringMatching(/^Evidence_Key_/), expect.stringMatching(/^StackKey_/)]);
    expect(Object.values(resourcesOf(json, 'google_kms_crypto_key_iam_member'))).toContainEqual(expect.objectContaining({ crypto_key_id: expect.stringMatching(/StackKey_/), member: expect.stringMatching(/gcp-sa-pubsub/) }));
  });

  test('avro output writes the message metadata into .avro objects', () => {
    const stack = newStack();
    feeds(stack, { outputFormat: 'avro', filenamePrefix: 'history/feeds/' });
    const sub = Object.values(resourcesOf(synth(stack).json, 'google_pubsub_subscription'))[0] as any;
    expect(sub.cloud_storage_config).toMatchObject({ filename_prefix: 'history/feeds/', filename_suffix: '.avro', avro_config: { write_metadata: true } });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('more asset types than the defaults do not warn', () => {
    const stack = newStack();
    feeds(stack, { assetTypes: [...DEFAULT_ASSET_TYPES, 'bigquery.googleapis.com/Dataset'] });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('names: feedIdPrefix and topicName', () => {
    const stack = newStack();
    feeds(stack, { feedIdPrefix: 'ml_history', topicName: 'ml.history~feed' });
    const { json } = synth(stack);
    expect(Object.values(resourcesOf(json, 'google_cloud_asset_project_feed')).map((f: any) => f.feed_id)).toEqual(['ml_history-resources', 'ml_history-iam-policies']);
    expect((Object.values(resourcesOf(json, 'google_pubsub_subscription'))[0] as any).name).toBe('ml.history~feed-gcs');
  });

  test('dropping the IAM_POLICY feed warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => feeds(stack, { contentTypes: ['RESOURCE'] }), WARNINGS.WEAKENED_DEFAULT, /no IAM_POLICY feed; IAM allow-policy changes of project acme-prod are not recorded/);
    const stack = newStack();
    feeds(stack, { contentTypes: ['RESOURCE'] });
    expect(Object.values(resourcesOf(synth(stack).json, 'google_cloud_asset_project_feed')).map((f: any) => f.content_type)).toEqual(['RESOURCE']);
  });

  test('dropping the RESOURCE feed warns weakened-default', () => {
    expectAcknowledgeableWarning((stack) => feeds(stack, { contentTypes: ['IAM_POLICY'] }), WARNINGS.WEAKENED_DEFAULT, /no RESOURCE feed; resource configuration changes/);
  });

  test('asset types without some defaults warn weakened-default, naming what is no longer watched', () => {
    expectAcknowledgeableWarning(
      (stack) => feeds(stack, { assetTypes: DEFAULT_ASSET_TYPES.filter((t) => t !== 'iam.googleapis.com/ServiceAccountKey') }),
      WARNINGS.WEAKENED_DEFAULT,
      /the feeds no longer watch iam\.googleapis\.com\/ServiceAccountKey; their changes are not recorded/,
    );
  });

  test('a message retention under 31 days warns retention-below-floor', () => {
    expectAcknowledgeableWarning((stack) => feeds(stack, { messageRetention: Retention.days(7) }), WARNINGS.SHORT_RETENTION, /keeps feed messages 7 days, under the kit's 31/);
    const stack = newStack();
    feeds(stack, { messageRetention: Retention.days(7) });
    expect((Object.values(resourcesOf(synth(stack).json, 'google_pubsub_topic'))[0] as any).message_retention_duration).toBe('604800s');
  });

  test('deploy-time values pass through: a project, a billing project and a number of retention days', () => {
    const stack = newStack();
    const project = stringVariable(stack, 'project');
    const days = numberVariable(stack, 'days');
    feeds(stack, { parent: GcpParent.organization('42'), project, billingProject: stringVariable(stack, 'billing'), messageRetention: Retention.days(days) });
    const { text } = synthFile(stack);
    expect(text).toContain('${var.project}');
    expect(text).toContain('${var.billing}');
    expect(text).toMatch(/"message_retention_duration": "\$\{\(var\.days \* 86400\)\}s"/);
    expectNoCorruptTokens(text);
    expect(warningsOf(stack)).toEqual([]);
  });

  test('fails when props is not an object', () => {
    refusal(() => new AssetInventoryFeeds(newStack(), 'F', 'feeds' as never), 'props', /^AssetInventoryFeedsProps$/);
  });

  test('fails when destination is not an EvidenceBucket', () => {
    refusal(() => new AssetInventoryFeeds(newStack(), 'F', { destination: { name: 'b' } as never, region: 'us-central1' }), 'destination', /^an EvidenceBucket of this app/);
  });

  test('fails when region is not a region', () => {
    refusal(build({ region: 'US' }), 'region', /^a region such as us-central1$/);
  });

  test('fails when parent is not a GcpParent', () => {
    refusal(build({ parent: { kind: 'folder', id: '1' } }), 'parent', /^a GcpParent/);
  });

  test('fails when a folder or organization parent has no project for the topic', () => {
    refusal(build({ parent: GcpParent.folder('1') }), 'project', /^a project id to hold the topic and subscription of a folder feed$/);
    refusal(build({ parent: GcpParent.organization('1') }), 'project', /of a organization feed$/);
  });

  test('fails when project or billingProject is not a project id', () => {
    refusal(build({ project: 'Acme' }), 'project', /^a project id/);
    refusal(build({ billingProject: 'a' }), 'billingProject', /^a project id/);
  });

  test('fails when contentTypes is empty, repeats, names another content type or is a token', () => {
    refusal(build({ contentTypes: [] }), 'contentTypes', /^a non-empty list of RESOURCE and IAM_POLICY$/);
    refusal(build({ contentTypes: ['RESOURCE', 'RESOURCE'] }), 'contentTypes', /without repeats$/);
    refusal(build({ contentTypes: ['ORG_POLICY'] }), 'contentTypes[0]', /^one of "RESOURCE", "IAM_POLICY"$/);
    const stack = newStack();
    const tok = stringVariable(stack, 'types') as unknown as string[];
    refusal(() => feeds(stack, { contentTypes: tok as never }), 'contentTypes', /^a list written out, not a token/);
  });

  test('fails when an asset type is a regular expression, not a type, or the list is empty or repeats', () => {
    refusal(build({ assetTypes: ['compute.googleapis.com.*'] }), 'assetTypes[0]', /^an asset type <service>\.googleapis\.com\/<Type> \(feeds take exact types, not regular expressions\)$/);
    refusal(build({ assetTypes: ['storage.googleapis.com/Bucket', '.*'] }), 'assetTypes[1]', /^an asset type/);
    refusal(build({ assetTypes: ['Bucket'] }), 'assetTypes[0]', /^an asset type/);
    refusal(build({ assetTypes: [] }), 'assetTypes', /^a non-empty list of asset types$/);
    refusal(build({ assetTypes: ['storage.googleapis.com/Bucket', 'storage.googleapis.com/Bucket'] }), 'assetTypes', /without repeats$/);
  });

  test('fails when feedIdPrefix or topicName break the naming rules', () => {
    refusal(build({ feedIdPrefix: '1feed' }), 'feedIdPrefix', /^a letter first/);
    refusal(build({ feedIdPrefix: 'f'.repeat(51) }), 'feedIdPrefix', /at most 50 characters$/);
    refusal(build({ topicName: 'goog-feed' }), 'topicName', /not beginning with goog/);
    refusal(build({ topicName: 'ab' }), 'topicName', /^a Pub\/Sub name/);
    refusal(build({ topicName: 't'.repeat(252) }), 'topicName', /^a Pub\/Sub name/);
  });

  test('fails when encryptionKey is not a key name', () => {
    refusal(build({ encryptionKey: { id: 'k' } }), 'encryptionKey.id', /^a key name projects\//);
  });

  test('fails when messageRetention is outside 1 to 31 days or not a Retention', () => {
    refusal(build({ messageRetention: Retention.days(32) }), 'messageRetention', /^1 to 31 days \(Pub\/Sub message retention\)$/);
    refusal(build({ messageRetention: 31 }), 'messageRetention', /^a Retention/);
  });

  test('fails when outputFormat or filenamePrefix are not what the subscription takes', () => {
    refusal(build({ outputFormat: 'json' }), 'outputFormat', /^one of "text", "avro"$/);
    refusal(build({ filenamePrefix: '/abs' }), 'filenamePrefix', /^an object name prefix/);
  });

  test('labels reach the topic, the subscription and the key, beside the kit\'s', () => {
    const stack = newStack();
    feeds(stack, { tags: { équipe: 'données', team_1: '' } });
    const { json } = synth(stack);
    for (const type of ['google_pubsub_topic', 'google_pubsub_subscription']) {
      expect((Object.values(resourcesOf(json, type))[0] as any).labels).toEqual({ 'forensic-readiness': 'forensic-readiness-kit', 'forensic-evidence-source': 'configuration-history', équipe: 'données', team_1: '' });
    }
    const key = Object.entries(resourcesOf(json, 'google_kms_crypto_key')).find(([k]) => k.startsWith('Feeds_Key'))![1] as any;
    expect(key.labels).toMatchObject({ équipe: 'données', 'forensic-evidence-source': 'configuration-history' });
  });

  test('fails when a label is not a GCP label, overrides the kit\'s, or there are more than 62', () => {
    refusal(build({ tags: { Team: 'ml' } }), 'tags.Team', /^a GCP label/);
    refusal(build({ tags: { 'forensic-evidence-source': 'x' } }), 'tags.forensic-evidence-source', /^a label of your own/);
    refusal(build({ tags: Object.fromEntries(Array.from({ length: 63 }, (_, i) => [`l-${i}`, 'v'])) }), 'tags', /^at most 62 labels \(GCP allows 64, the kit sets 2\)$/);
    expect(build({ tags: Object.fromEntries(Array.from({ length: 62 }, (_, i) => [`l-${i}`, 'v'])) })).not.toThrow();
  });
});
