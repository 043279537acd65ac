import { CloudAssetFolderFeed } from '@cdktf/provider-google/lib/cloud-asset-folder-feed';
import { CloudAssetOrganizationFeed } from '@cdktf/provider-google/lib/cloud-asset-organization-feed';
import { CloudAssetProjectFeed } from '@cdktf/provider-google/lib/cloud-asset-project-feed';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { PropCheck, PropKeys, Retention, RetentionBounds, WARNINGS } from '../core';
import { ASSET_FEED_CONTENT_TYPES, ASSET_FEED_RETENTION_DAYS, ASSET_TYPE_PATTERN, AssetFeedContentType, DEFAULT_ASSET_TYPES } from '../core/asset-feeds';
import { gcpLabels, warn } from './annotations';
import { EvidenceBucket } from './evidence-bucket';
import { ForensicKey, grantKeyUse, IEncryptionKey } from './forensic-key';
import { checkKeyRef, PROJECT_ID, REGION } from './names';
import { checkParent, GcpParent } from './parent';

export { ASSET_FEED_CONTENT_TYPES, DEFAULT_ASSET_TYPES, REQUIRED_ASSET_SERVICES } from '../core/asset-feeds';
export type { AssetFeedContentType } from '../core/asset-feeds';

/** Pub/Sub keeps messages at most 31 days, on a topic and on a subscription. */
export const PUBSUB_RETENTION_BOUNDS: RetentionBounds = { service: 'Pub/Sub message retention', minDays: 1, maxDays: 31 };

/** The kit's message retention: 31 days, the Pub/Sub maximum, so a delivery outage of up to a month loses nothing. */
export const DEFAULT_FEED_RETENTION_DAYS = ASSET_FEED_RETENTION_DAYS;

/**
 * A topic name the kit accepts: Pub/Sub names take a letter first, 3 to 255 letters, digits and
 * `-_.~+%`, and never begin with `goog`; 4 characters are kept for the subscription's `-gcs`.
 */
const TOPIC_NAME = {
  pattern: /^[A-Za-z][A-Za-z0-9._~+%-]{2,250}$/,
  expected: 'a Pub/Sub name: a letter first, 3 to 251 letters, digits, -, _, ., ~, + and %, not beginning with goog',
  refuse: (v: string) => (v.toLowerCase().startsWith('goog') ? 'not beginning with goog' : undefined),
};
/** The kit's rule for feed ids: letters, digits, hyphens and underscores, at most 50 characters (the kit appends `-resources`). */
const FEED_ID_PREFIX = { pattern: /^[A-Za-z][A-Za-z0-9_-]{0,49}$/, expected: 'a letter first, then letters, digits, - and _, at most 50 characters' };
const ASSET_TYPE = { pattern: ASSET_TYPE_PATTERN, expected: 'an asset type <service>.googleapis.com/<Type> (feeds take exact types, not regular expressions)' };

/** The feed id suffix of each content type. */
const FEED_SUFFIX: Record<AssetFeedContentType, string> = { RESOURCE: 'resources', IAM_POLICY: 'iam-policies' };
/** The construct id of each content type's feed (the RESOURCE feed is the primary child). */
const FEED_ID: Record<AssetFeedContentType, string> = { RESOURCE: 'Resource', IAM_POLICY: 'IamPolicyFeed' };

/** How the Cloud Storage subscription writes messages: one JSON TemporalAsset per line, or Avro with the message metadata. */
export type FeedOutputFormat = 'text' | 'avro';

/** The props of AssetInventoryFeeds: where the feeds watch, which asset types, and the Pub/Sub path into the evidence bucket. */
export interface AssetInventoryFeedsProps {
  /** Where the feeds are created: a project, a folder or an organization (a folder or organization feed covers every project below it). @default GcpParent.project() - the provider's project */
  readonly parent?: GcpParent;
  /** The locked EvidenceBucket the Cloud Storage subscription writes into; anything else is refused. */
  readonly destination: EvidenceBucket;
  /** The region the topic stores messages in and its key lives in, such as us-central1. */
  readonly region: string;
  /** The project of the topic, the subscription and the key. @default - the parent project; required for a folder or organization parent */
  readonly project?: string;
  /** The project whose Cloud Asset service agent publishes (and is billed). @default - the feed's project for a project parent, `project` for a folder or organization parent */
  readonly billingProject?: string;
  /** The content types, one feed each: RESOURCE and IAM_POLICY; leaving one out warns. @default ['RESOURCE', 'IAM_POLICY'] */
  readonly contentTypes?: readonly AssetFeedContentType[];
  /** The asset types watched, exact `<service>.googleapis.com/<Type>` names (regular expressions are refused); dropping a default type warns. @default DEFAULT_ASSET_TYPES */
  readonly assetTypes?: readonly string[];
  /** The start of each feed id; `-resources` and `-iam-policies` are appended. @default 'forensic-config-history' */
  readonly feedIdPrefix?: string;
  /** The Pub/Sub topic name; the subscription is `<topicName>-gcs`. @default 'forensic-asset-feed' */
  readonly topicName?: string;
  /** The CMEK key of the topic; it must be in `region`. @default - a new ForensicKey in `region` (key ring 'forensic-asset-feeds') */
  readonly encryptionKey?: IEncryptionKey;
  /** How long the topic and the subscription keep messages (1 to 31 days; under 31 warns; a number token passes). @default Retention.days(31) */
  readonly messageRetention?: Retention;
  /** The format of the objects written. @default 'text' - one JSON TemporalAsset per line */
  readonly outputFormat?: FeedOutputFormat;
  /** The object name prefix in the evidence bucket. @default 'cloud-asset-feeds/' */
  readonly filenamePrefix?: string;
  /** Extra labels of the topic and the subscription. @default - the kit's labels only */
  readonly tags?: Record<string, string>;
}

/** The props AssetInventoryFeedsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const ASSET_INVENTORY_FEEDS_PROPS_KEYS = { parent: true, destination: true, region: true, project: true, billingProject: true, contentTypes: true, assetTypes: true, feedIdPrefix: true, topicName: true, encryptionKey: true, messageRetention: true, outputFormat: true, filenamePrefix: true, tags: true } as const satisfies PropKeys<AssetInventoryFeedsProps>;

/** The feed resource of a project, a folder or an organization. */
export type AssetFeedResource = CloudAssetProjectFeed | CloudAssetFolderFeed | CloudAssetOrganizationFeed;

/**
 * Configuration history: Cloud Asset Inventory feeds (one per content type, RESOURCE and
 * IAM_POLICY) of a project, folder or organization, publishing every change of the watched asset
 * types (Vertex AI, Workbench, Cloud Storage, IAM, Compute Engine, projects, keys, log sinks) into
 * a CMEK Pub/Sub topic that keeps messages 31 days, and a Cloud Storage subscription that writes
 * them into the locked EvidenceBucket. Each message is a TemporalAsset: the asset after the change
 * and, as `priorAsset`, before it. The Cloud Asset service
 * agent of the billing project gets roles/pubsub.publisher on the topic only; the Pub/Sub service
 * agent gets roles/storage.objectCreator and roles/storage.legacyBucketReader (bucket metadata,
 * object listing, no object read) on the evidence bucket and the key of the topic.
 *
 * What a feed does not record: only changes after the feed exists (the first message is a
 * welcome string, not a snapshot: export the inventory with `gcloud asset export` for the state
 * before); not who made the change (the Admin Activity audit logs say that; AuditLogs and
 * LogSink keep them); only the asset types listed. Export subscriptions do not support
 * exactly-once delivery, so an object may hold a message twice: deduplicate on the asset name and `updateTime`. The Cloud Asset service
 * agent (`service-<number>@gcp-sa-cloudasset.iam.gserviceaccount.com`) must exist before the
 * grant: enabling the API does not always create it (`gcloud beta services identity create
 * --service=cloudasset.googleapis.com`); google 6.50 has no GA resource for it.
 */
export class AssetInventoryFeeds extends Construct {
  /** The feeds, by content type (the RESOURCE feed has id 'Resource'). */
  public readonly feeds: Readonly<Partial<Record<AssetFeedContentType, AssetFeedResource>>>;
  /** The CMEK Pub/Sub topic the feeds publish to. */
  public readonly topic: PubsubTopic;
  /** The Cloud Storage subscription that writes every message into the evidence bucket. */
  public readonly subscription: PubsubSubscription;
  /** The topic's CMEK key: the one given, or a new ForensicKey in the region. */
  public readonly encryptionKey: IEncryptionKey;
  /** The roles/pubsub.publisher grant of the Cloud Asset service agent on the topic. */
  public readonly publisherGrant: PubsubTopicIamMember;

  constructor(scope: Construct, id: string, props: AssetInventoryFeedsProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    props = check.props<AssetInventoryFeedsProps>('props', props, ASSET_INVENTORY_FEEDS_PROPS_KEYS, 'AssetInventoryFeedsProps');
    const parent = checkParent(check, props.parent);
    if (!(props.destination instanceof EvidenceBucket)) check.fail('destination', props.destination, 'an EvidenceBucket of this app (the locked store the subscription writes into)');
    const destination = props.destination;
    const region = check.string('region', props.region, REGION);
    const givenProject = check.optionalString('project', props.project, PROJECT_ID);
    if (parent.kind !== 'project' && givenProject === undefined) check.fail('project', undefined, `a project id to hold the topic and subscription of a ${parent.kind} feed`);
    const billingProject = check.optionalString('billingProject', props.billingProject, PROJECT_ID);
    const contentTypes = check.list<AssetFeedContentType>('contentTypes', props.contentTypes, { nonEmpty: true, unique: true, expected: 'a non-empty list of RESOURCE and IAM_POLICY' }, ASSET_FEED_CONTENT_TYPES);
    if (check.isToken(contentTypes)) check.fail('contentTypes', contentTypes, 'a list written out, not a token (each content type is a feed of its own)');
    contentTypes.forEach((t, i) => check.oneOf(`contentTypes[${i}]`, t, ASSET_FEED_CONTENT_TYPES));
    const assetTypes = check.list<string>('assetTypes', props.assetTypes, { nonEmpty: true, unique: true, expected: 'a non-empty list of asset types' }, DEFAULT_ASSET_TYPES);
    if (!check.isToken(assetTypes)) assetTypes.forEach((t, i) => check.string(`assetTypes[${i}]`, t, ASSET_TYPE));
    const feedIdPrefix = check.string('feedIdPrefix', props.feedIdPrefix ?? 'forensic-config-history', FEED_ID_PREFIX);
    const topicName = check.string('topicName', props.topicName ?? 'forensic-asset-feed', TOPIC_NAME);
    const givenKey = checkKeyRef(check, 'encryptionKey', props.encryptionKey);
    const retention = check.retention('messageRetention', props.messageRetention, PUBSUB_RETENTION_BOUNDS, Retention.days(DEFAULT_FEED_RETENTION_DAYS));
    const outputFormat = check.oneOf<FeedOutputFormat>('outputFormat', props.outputFormat, ['text', 'avro'], 'text');
    const filenamePrefix = check.string('filenamePrefix', props.filenamePrefix ?? 'cloud-asset-feeds/', {
      pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/,
      expected: 'an object name prefix: a letter or digit first, then letters, digits, -, _, . and /, at most 200 characters',
    });
    const labels = gcpLabels('configuration-history', false, props.tags, check);

    // The project of the topic: the one given, the parent project, or the provider's (read back for its number).
    const topicProject = givenProject ?? (parent.kind === 'project' ? parent.id : undefined);
    const topicProjectData = new DataGoogleProject(this, 'TopicProject', { projectId: topicProject });
    // The Cloud Asset agent that publishes is the billing project's (folder and organization feeds
    // must name one), or, for a project feed without one, the feed's project.
    const identityProjectId = billingProject ?? (parent.kind === 'project' ? parent.id : topicProject);
    const identityProject = identityProjectId === topicProject ? topicProjectData : new DataGoogleProject(this, 'BillingProject', { projectId: identityProjectId });
    const pubsubAgent = `serviceAccount:service-${topicProjectData.number}@gcp-sa-pubsub.iam.gserviceaccount.com`;
    const assetAgent = `serviceAccount:service-${identityProject.number}@gcp-sa-cloudasset.iam.gserviceaccount.com`;

    // CMEK: the Pub/Sub service agent encrypts the topic's messages; it needs the key first.
    let keyGrant;
    if (givenKey) {
      this.encryptionKey = givenKey;
      keyGrant = grantKeyUse(this, givenKey.id, pubsubAgent, 'PubsubKeyAccess');
    } else {
      const key = new ForensicKey(this, 'Key', { location: region, project: topicProject, keyRingName: 'forensic-asset-feeds', evidenceSource: 'configuration-history', tags: props.tags });
      this.encryptionKey = key;
      keyGrant = key.grantEncryptDecrypt(pubsubAgent, 'PubsubKeyAccess');
    }

    const seconds = durationOf(check, retention);
    this.topic = new PubsubTopic(this, 'Topic', {
      name: topicName,
      project: topicProject,
      kmsKeyName: this.encryptionKey.id,
      messageRetentionDuration: seconds,
      messageStoragePolicy: { allowedPersistenceRegions: [region] },
      labels,
      dependsOn: [keyGrant],
    });
    this.publisherGrant = new PubsubTopicIamMember(this, 'AssetAgentPublisher', {
      project: topicProject,
      topic: this.topic.name,
      role: 'roles/pubsub.publisher',
      member: assetAgent,
    });

    // The Pub/Sub service agent writes new objects and reads the bucket's metadata, nothing more.
    const creator = destination.grantAppend(pubsubAgent, `PubsubWriter-${where.replace(/[^A-Za-z0-9]+/g, '-')}`);
    const reader = new StorageBucketIamMember(this, 'PubsubBucketReader', { bucket: destination.name, role: 'roles/storage.legacyBucketReader', member: pubsubAgent });

    this.subscription = new PubsubSubscription(this, 'Subscription', {
      name: `${topicName}-gcs`,
      project: topicProject,
      topic: this.topic.id,
      // A Cloud Storage file is closed after max_duration, which may not exceed the ack deadline.
      ackDeadlineSeconds: 600,
      messageRetentionDuration: seconds,
      expirationPolicy: { ttl: '' },
      cloudStorageConfig: {
        bucket: destination.name,
        filenamePrefix,
        filenameSuffix: outputFormat === 'avro' ? '.avro' : '.json',
        maxDuration: '300s',
        avroConfig: outputFormat === 'avro' ? { writeMetadata: true } : undefined,
      },
      labels,
      dependsOn: [creator, reader],
    });

    const feeds: Partial<Record<AssetFeedContentType, AssetFeedResource>> = {};
    for (const contentType of contentTypes) {
      feeds[contentType] = this.feed(FEED_ID[contentType], parent, `${feedIdPrefix}-${FEED_SUFFIX[contentType]}`, contentType, assetTypes, parent.kind === 'project' ? billingProject : identityProjectId);
    }
    this.feeds = feeds;

    for (const t of ASSET_FEED_CONTENT_TYPES) {
      if (!contentTypes.includes(t)) {
        warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no ${t} feed; ${t === 'RESOURCE' ? 'resource configuration changes' : 'IAM allow-policy changes'} of ${parent} are not recorded.`);
      }
    }
    if (!check.isToken(assetTypes)) {
      const dropped = DEFAULT_ASSET_TYPES.filter((t) => !assetTypes.includes(t));
      if (dropped.length > 0) warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: the feeds no longer watch ${dropped.join(', ')}; their changes are not recorded.`);
    }
    if (!check.isToken(retention.days) && retention.days < DEFAULT_FEED_RETENTION_DAYS) {
      warn(this, WARNINGS.SHORT_RETENTION, `${where}: Pub/Sub keeps feed messages ${retention.days} days, under the kit's ${DEFAULT_FEED_RETENTION_DAYS}; a longer delivery outage into the evidence bucket loses changes.`);
    }
  }

  private feed(id: string, parent: GcpParent, feedId: string, contentType: AssetFeedContentType, assetTypes: readonly string[], billingProject: string | undefined): AssetFeedResource {
    const common = {
      feedId,
      contentType,
      assetTypes: [...assetTypes],
      feedOutputConfig: { pubsubDestination: { topic: this.topic.id } },
      dependsOn: [this.publisherGrant],
    };
    switch (parent.kind) {
      case 'folder':
        return new CloudAssetFolderFeed(this, id, { ...common, folder: parent.id!, billingProject: billingProject! });
      case 'organization':
        return new CloudAssetOrganizationFeed(this, id, { ...common, orgId: parent.id!, billingProject: billingProject! });
      default:
        return new CloudAssetProjectFeed(this, id, { ...common, project: parent.id, billingProject });
    }
  }
}

/** A Pub/Sub duration of whole days (`2678400s`); for a deploy-time number of days, a Terraform expression of them. */
function durationOf(check: PropCheck, retention: Retention): string {
  const seconds = check.isToken(retention.days) ? Token.asString(Op.mul(retention.days, 86_400)) : String(retention.toSeconds());
  return `${seconds}s`;
}
