import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { ASSET_FEED_CONTENT_TYPES, assetTypeService, REQUIRED_ASSET_SERVICES } from '../../../constructs/core/asset-feeds';
import { asList, FEED_TYPES, scopeContentTypes, show } from '../../facts/gcp';

/** Content types whose feeds record something other than resources and allow policies: not judged here. */
const OTHER_CONTENT_TYPES = ['ORG_POLICY', 'ACCESS_POLICY', 'OS_INVENTORY', 'RELATIONSHIP'];

/**
 * A scope's configuration history needs two feeds: RESOURCE (what a resource looked like) and
 * IAM_POLICY (who was granted what on it), each watching the Vertex AI, Cloud Storage and IAM
 * asset types, and neither restricted by a condition. A feed without a content type records only
 * asset names. Feeds of a scope known only at deploy can only "maybe" be the same scope: UNKNOWN.
 */
export const AssetFeedContentTypes: Rule = {
  id: 'GCP.Asset.FeedContentTypes',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: [...FEED_TYPES],
  description: 'A Cloud Asset Inventory feed records no configuration, misses the ML, storage or IAM asset types, is restricted by a condition, or its scope lacks a RESOURCE or an IAM_POLICY feed.',
  rationale:
    'Logs say that a bucket policy or an endpoint changed; only configuration history says what it was before and after. ' +
    'Without a RESOURCE and an IAM_POLICY feed per scope, an attacker who widens a grant or swaps a model and then restores it leaves no trace of the window.',
  fix: "Use the kit's AssetInventoryFeeds (both content types, DEFAULT_ASSET_TYPES), or declare a google_cloud_asset_*_feed with content_type = \"RESOURCE\" and one with \"IAM_POLICY\", asset_types including aiplatform.googleapis.com/*, storage.googleapis.com/Bucket and iam.googleapis.com/*, and no condition.",
  evidenceSource: 'configuration-history',
  nist: 'Collection',
  attack: ['T1098.001', 'T1578.002', 'T1530'],
  atlas: ['AML.T0018', 'AML.T0010.003'],
  isApplicable: (feed, { model }) => {
    const t = model.get(feed, 'content_type');
    return !(typeof t === 'string' && OTHER_CONTENT_TYPES.includes(t));
  },
  check: (feed, { model }) => {
    const contentType = model.get(feed, 'content_type');
    if (isUnresolved(contentType)) return unknown(`content_type is ${show(contentType)}, known only at deploy`);
    if (contentType === undefined || contentType === 'CONTENT_TYPE_UNSPECIFIED') {
      return nonCompliant(`content_type is ${show(contentType)}: the feed publishes only asset names and types, no configuration`);
    }

    const types = model.get(feed, 'asset_types');
    if (isUnresolved(types) || asList(types).some(isUnresolved)) return unknown(`asset_types is ${show(types)}, known only at deploy`);
    const list = asList(types).filter((t): t is string => typeof t === 'string');
    if (list.length === 0) return nonCompliant('asset_types is absent: the feed watches only the assets asset_names lists, and a new resource escapes it');
    const services = new Set(list.map(assetTypeService));
    const missing = REQUIRED_ASSET_SERVICES.filter((s) => !list.some((t) => t.startsWith(`${s}/`)) && !services.has(s));
    if (missing.length > 0) return nonCompliant(`asset_types has no type of ${missing.join(', ')}: changes to those resources are not recorded`);

    const condition = model.get(feed, 'condition.expression');
    if (isUnresolved(condition)) return unknown(`condition.expression is ${show(condition)}, known only at deploy`);
    if (typeof condition === 'string' && condition.trim() !== '') return nonCompliant(`condition ${show(condition)} publishes only the changes it matches`);

    const { same, maybe } = scopeContentTypes(model, feed);
    const absent = ASSET_FEED_CONTENT_TYPES.filter((t) => !same.has(t));
    if (absent.length === 0) return compliant(`content_type is ${contentType}; this scope has ${ASSET_FEED_CONTENT_TYPES.map((t) => `a ${t} feed (${same.get(t)!.address})`).join(' and ')}`);
    const possible = absent.filter((t) => maybe.has(t) || same.has('?') || maybe.has('?'));
    if (possible.length === absent.length) {
      const by = absent.map((t) => (maybe.get(t) ?? same.get('?') ?? maybe.get('?'))!.address);
      return unknown(`this scope has no ${absent.join(' or ')} feed for sure; ${[...new Set(by)].join(', ')} may be one (a scope or content type known only at deploy)`);
    }
    return nonCompliant(`content_type is ${contentType}, but this scope has no ${absent.join(' and no ')} feed: ${absent.includes('IAM_POLICY') ? 'allow-policy changes' : 'resource configuration changes'} are not recorded`);
  },
};
