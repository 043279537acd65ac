import { deepFreeze } from './freeze';
/**
 * The Cloud Asset Inventory catalog shared by the GCP AssetInventoryFeeds construct and the rules
 * that judge feeds (policies/rules/gcp/AssetFeedContentTypes.ts), so a construct default and the
 * rule that guards it cannot drift apart.
 *
 * Asset type names are Cloud Asset Inventory's (`<service>.googleapis.com/<Type>`). Checked
 * against Google's lists that use them: the Cloud KMS "View key usage" tracked resource types
 * (the Vertex AI, Workbench, Cloud Storage, Compute Engine disk / image / snapshot, Logging bucket
 * and Pub/Sub topic types), the Cloud Asset feed examples (compute.googleapis.com/Network,
 * Subnetwork, Disk) and the Cloud Asset sample messages (storage.googleapis.com/Bucket).
 */

/** How long a feed's topic keeps messages: 31 days, the Pub/Sub maximum, so a delivery outage of up to a month loses nothing. */
export const ASSET_FEED_RETENTION_DAYS = 31;

/** The feed content types the kit creates: one feed each. RESOURCE records the resource's metadata, IAM_POLICY its allow policy. */
export const ASSET_FEED_CONTENT_TYPES = ['RESOURCE', 'IAM_POLICY'] as const;

/** A content type the kit creates a feed for. */
export type AssetFeedContentType = (typeof ASSET_FEED_CONTENT_TYPES)[number];

/**
 * The services whose asset types every kit feed must include: Vertex AI (the ML resources), Cloud
 * Storage (datasets, model artifacts, evidence) and IAM (service accounts, keys, roles).
 */
export const REQUIRED_ASSET_SERVICES = ['aiplatform.googleapis.com', 'storage.googleapis.com', 'iam.googleapis.com'] as const;

/**
 * The asset types the kit's feeds watch by default: Vertex AI and Workbench, Cloud Storage, IAM,
 * Compute Engine, the projects, folders and organization (where IAM allow policies are granted),
 * and the kit's own evidence path (keys, log sinks and buckets, Pub/Sub topics).
 */
export const DEFAULT_ASSET_TYPES: readonly string[] = [
  'aiplatform.googleapis.com/Dataset',
  'aiplatform.googleapis.com/Endpoint',
  'aiplatform.googleapis.com/Model',
  'aiplatform.googleapis.com/CustomJob',
  'aiplatform.googleapis.com/TrainingPipeline',
  'aiplatform.googleapis.com/PipelineJob',
  'aiplatform.googleapis.com/BatchPredictionJob',
  'aiplatform.googleapis.com/Featurestore',
  'aiplatform.googleapis.com/MetadataStore',
  'aiplatform.googleapis.com/Tensorboard',
  'notebooks.googleapis.com/Instance',
  'storage.googleapis.com/Bucket',
  'iam.googleapis.com/ServiceAccount',
  'iam.googleapis.com/ServiceAccountKey',
  'iam.googleapis.com/Role',
  'compute.googleapis.com/Instance',
  'compute.googleapis.com/Disk',
  'compute.googleapis.com/Image',
  'compute.googleapis.com/Snapshot',
  'compute.googleapis.com/Network',
  'compute.googleapis.com/Subnetwork',
  'compute.googleapis.com/Firewall',
  'cloudresourcemanager.googleapis.com/Project',
  'cloudresourcemanager.googleapis.com/Folder',
  'cloudresourcemanager.googleapis.com/Organization',
  'cloudkms.googleapis.com/CryptoKey',
  'logging.googleapis.com/LogSink',
  'logging.googleapis.com/LogBucket',
  'pubsub.googleapis.com/Topic',
];

/**
 * An asset type as a feed takes it: `<service>.googleapis.com/<Type>`. Feeds take exact types:
 * regular expressions (`compute.googleapis.com.*`) are documented for exports and searches, not
 * for feeds, so the kit refuses them.
 */
export const ASSET_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.googleapis\.com\/[A-Z][A-Za-z0-9]*$/;

/** The service of an asset type (`storage.googleapis.com` of `storage.googleapis.com/Bucket`). */
export function assetTypeService(assetType: string): string {
  const i = assetType.indexOf('/');
  return i < 0 ? assetType : assetType.slice(0, i);
}

// Frozen: a caller cannot change the kit's catalogs (and so its defaults) at runtime.
deepFreeze(ASSET_FEED_CONTENT_TYPES);
deepFreeze(REQUIRED_ASSET_SERVICES);
deepFreeze(DEFAULT_ASSET_TYPES);
