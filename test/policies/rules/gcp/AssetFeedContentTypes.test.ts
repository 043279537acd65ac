import { AssetFeedContentTypes } from '../../../../policies/rules/gcp/AssetFeedContentTypes';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const TYPES = ['aiplatform.googleapis.com/Endpoint', 'storage.googleapis.com/Bucket', 'iam.googleapis.com/ServiceAccount'];
const topic = { feed_output_config: { pubsub_destination: { topic: '${google_pubsub_topic.t.id}' } } };
const feed = (contentType: unknown, extra: Record<string, unknown> = {}) => ({ project: 'ml-prod', feed_id: `f-${String(contentType)}`, content_type: contentType, asset_types: TYPES, ...topic, ...extra });
const pair = (resource: Record<string, unknown> = {}, iam: Record<string, unknown> = {}) => ({ r: feed('RESOURCE', resource), i: feed('IAM_POLICY', iam) });
const R = 'google_cloud_asset_project_feed.r';

describe('GCP.Asset.FeedContentTypes', () => {
  it('passes a RESOURCE feed of a project that also has an IAM_POLICY feed, both watching the ML, storage and IAM types', () => {
    const m = tf({ google_cloud_asset_project_feed: pair() });
    const j = judge(AssetFeedContentTypes, m, R);
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/a RESOURCE feed \(google_cloud_asset_project_feed.r\) and a IAM_POLICY feed \(google_cloud_asset_project_feed.i\)/);
    expect(judge(AssetFeedContentTypes, m, 'google_cloud_asset_project_feed.i').verdict).toBe('COMPLIANT');
  });

  it('passes organization feeds of one organization', () => {
    const m = tf({ google_cloud_asset_organization_feed: { r: { ...feed('RESOURCE'), project: undefined, org_id: '123', billing_project: 'ml-prod' }, i: { ...feed('IAM_POLICY'), project: undefined, org_id: 'organizations/123', billing_project: 'ml-prod' } } });
    expect(judge(AssetFeedContentTypes, m, 'google_cloud_asset_organization_feed.r').verdict).toBe('COMPLIANT');
  });

  it('fails a RESOURCE feed whose project has no IAM_POLICY feed', () => {
    const m = tf({ google_cloud_asset_project_feed: { r: feed('RESOURCE'), i: { ...feed('IAM_POLICY'), project: 'other-project' } } });
    const j = judge(AssetFeedContentTypes, m, R);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no IAM_POLICY feed: allow-policy changes are not recorded/);
  });

  it('fails an IAM_POLICY feed whose folder has no RESOURCE feed', () => {
    const m = tf({ google_cloud_asset_folder_feed: { i: { ...feed('IAM_POLICY'), project: undefined, folder: 'folders/42', billing_project: 'ml-prod' } } });
    const j = judge(AssetFeedContentTypes, m, 'google_cloud_asset_folder_feed.i');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/no RESOURCE feed: resource configuration changes are not recorded/);
  });

  it('fails a feed without content_type (names and types only)', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ content_type: undefined }) });
    expect(judge(AssetFeedContentTypes, m, R).reason).toMatch(/content_type is absent: the feed publishes only asset names and types/);
  });

  it('fails a feed of CONTENT_TYPE_UNSPECIFIED', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ content_type: 'CONTENT_TYPE_UNSPECIFIED' }) });
    expect(judge(AssetFeedContentTypes, m, R).verdict).toBe('NON_COMPLIANT');
  });

  it('fails a feed without asset_types (only the named assets)', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ asset_types: undefined, asset_names: ['//storage.googleapis.com/b'] }) });
    expect(judge(AssetFeedContentTypes, m, R).reason).toMatch(/asset_types is absent: the feed watches only the assets asset_names lists/);
  });

  it('fails a feed that watches no Vertex AI type', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ asset_types: ['storage.googleapis.com/Bucket', 'iam.googleapis.com/Role', 'compute.googleapis.com/Instance'] }) });
    const j = judge(AssetFeedContentTypes, m, R);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/asset_types has no type of aiplatform.googleapis.com:/);
  });

  it('fails a feed that watches only compute, naming every missing service', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ asset_types: ['compute.googleapis.com/Instance'] }) });
    expect(judge(AssetFeedContentTypes, m, R).reason).toMatch(/no type of aiplatform.googleapis.com, storage.googleapis.com, iam.googleapis.com/);
  });

  it('fails a feed restricted by a condition', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ condition: { expression: 'temporal_asset.deleted == true', title: 'deletions' } }) });
    const j = judge(AssetFeedContentTypes, m, R);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/condition "temporal_asset.deleted == true" publishes only the changes it matches/);
  });

  it('does not judge an ORG_POLICY feed', () => {
    const m = tf({ google_cloud_asset_project_feed: { o: feed('ORG_POLICY') } });
    expect(judge(AssetFeedContentTypes, m, 'google_cloud_asset_project_feed.o').verdict).toBe('NOT_APPLICABLE');
  });

  it('is UNKNOWN when content_type is a variable', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ content_type: '${var.content_type}' }) });
    const j = judge(AssetFeedContentTypes, m, R);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/content_type is .* known only at deploy/);
  });

  it('is UNKNOWN when asset_types is a variable', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({ asset_types: '${var.types}' }) });
    expect(judge(AssetFeedContentTypes, m, R).verdict).toBe('UNKNOWN');
  });

  it('is UNKNOWN when the only IAM_POLICY feed is in a project known only at deploy', () => {
    const m = tf({ google_cloud_asset_project_feed: { r: feed('RESOURCE'), i: { ...feed('IAM_POLICY'), project: '${var.project}' } } });
    const j = judge(AssetFeedContentTypes, m, R);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/no IAM_POLICY feed for sure; google_cloud_asset_project_feed.i may be one/);
  });

  it('is UNKNOWN when the other feed of the project has a content type known only at deploy', () => {
    const m = tf({ google_cloud_asset_project_feed: pair({}, { content_type: '${var.content_type}' }) });
    expect(judge(AssetFeedContentTypes, m, R).verdict).toBe('UNKNOWN');
  });
});
