/**
 * CloudWatch Logs subscriptions and the Amazon Data Firehose streams they feed: which filters copy a
 * log group's records out, where a filter delivers, and which bucket (and key prefix) a stream
 * writes into. Built once per model; the evidence index and the SageMaker log rules read it.
 */
import { ResourceModel, Unresolved, isUnresolved, modelFact } from '../../engine/model';
import { Resource } from '../../engine/types';
import { LOG_GROUP, Target, bucketByArn, logGroupByName, rawAt, render } from './refs';

/** A CloudWatch Logs subscription filter. */
export const SUBSCRIPTION_FILTER = 'AWS::Logs::SubscriptionFilter';
/** An Amazon Data Firehose stream. */
export const DELIVERY_STREAM = 'AWS::KinesisFirehose::DeliveryStream';

/** Where a subscription filter delivers. */
export type SubscriptionDestination =
  | { readonly kind: 'stream'; readonly stream: Resource }
  | { readonly kind: 'external-stream'; readonly text: string }
  | { readonly kind: 'other'; readonly text: string }
  | { readonly kind: 'unresolved' };

class SubscriptionIndex {
  /** The filters of each log group of the inputs. */
  public readonly byGroup = new Map<Resource, Resource[]>();
  /** The filters that name, literally, a log group no input holds. */
  public readonly byExternalName = new Map<string, Resource[]>();

  constructor(model: ResourceModel) {
    for (const f of model.ofType(SUBSCRIPTION_FILTER)) {
      const t = logGroupByName(model, rawAt(model, f, 'LogGroupName'), f);
      if (t.kind === 'resource' && t.resource.type === LOG_GROUP) push(this.byGroup, t.resource, f);
      else if (t.kind === 'external') push(this.byExternalName, t.text, f);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const SUBSCRIPTIONS = modelFact('AWS log subscriptions', (model) => new SubscriptionIndex(model));

/** The subscription filters on a log group of the inputs (by reference or literal name). */
export function subscriptionsOf(model: ResourceModel, group: Resource): readonly Resource[] {
  return model.fact(SUBSCRIPTIONS).byGroup.get(group) ?? [];
}

/** The subscription filters that name a log group by a literal name no input holds (a group adopted from outside). */
export function subscriptionsNaming(model: ResourceModel, name: string): readonly Resource[] {
  return model.fact(SUBSCRIPTIONS).byExternalName.get(name) ?? [];
}

/** Where a filter delivers: a Firehose stream of the inputs, one named by ARN only, something else, or unknown. */
export function subscriptionDestination(model: ResourceModel, filter: Resource): SubscriptionDestination {
  const raw = rawAt(model, filter, 'DestinationArn');
  const stream = model.targets(raw, filter).find((r) => r.type === DELIVERY_STREAM);
  if (stream) return { kind: 'stream', stream };
  const text = render(model, raw, filter);
  if (text === undefined || isUnresolved(text)) return { kind: 'unresolved' };
  const name = /^arn:[^:]*:firehose:[^:]*:[^:]*:deliverystream\/(.+)$/.exec(text)?.[1];
  if (name === undefined) return { kind: 'other', text };
  const named = model.ofType(DELIVERY_STREAM).filter((s) => model.get(s, 'DeliveryStreamName') === name);
  return named.length === 1 ? { kind: 'stream', stream: named[0] } : { kind: 'external-stream', text };
}

/** The S3 destination of a stream: ExtendedS3DestinationConfiguration, else S3DestinationConfiguration; undefined for another destination. */
function s3Path(model: ResourceModel, stream: Resource): string | undefined {
  for (const p of ['ExtendedS3DestinationConfiguration', 'S3DestinationConfiguration']) if (rawAt(model, stream, p) !== undefined) return p;
  return undefined;
}

/** The bucket a Firehose stream writes into; `other` when it delivers somewhere that is not S3. */
export function firehoseBucket(model: ResourceModel, stream: Resource): Target {
  const path = s3Path(model, stream);
  if (path === undefined) return { kind: 'other', text: 'a destination that is not Amazon S3' };
  return bucketByArn(model, rawAt(model, stream, `${path}.BucketARN`), stream);
}

/** The key prefix a Firehose stream writes under ('' when it states none); UNRESOLVED when only the deploy knows. */
export function firehosePrefix(model: ResourceModel, stream: Resource): string | Unresolved {
  const path = s3Path(model, stream);
  if (path === undefined) return '';
  const text = render(model, rawAt(model, stream, `${path}.Prefix`), stream);
  return text === undefined ? '' : text;
}
