/**
 * The log groups of SageMaker's ephemeral compute (training, processing and transform jobs,
 * notebook instances, endpoints, Studio) and where their subscription filters copy the records:
 * the facts the SageMaker log rules judge.
 */
import { SAGEMAKER_LOG_GROUP_PREFIX, SAGEMAKER_NOTEBOOK_LOG_GROUP, SAGEMAKER_STUDIO_LOG_GROUP, sageMakerEndpointLogGroup } from '../../../constructs/core/sagemaker-log-groups';
import { EvidenceContext } from '../../engine/context';
import { ResourceModel, isUnresolved } from '../../engine/model';
import { Judgement, Resource, nonCompliant, unknown } from '../../engine/types';
import { State, anyOf, lockState, render, show } from './evidence';
import { replicaLockStates } from './replication';
import { firehoseBucket, firehosePrefix, subscriptionDestination } from './subscriptions';

/** The name of a log group of the inputs when it is one SageMaker writes into (`/aws/sagemaker/...`); undefined otherwise. */
export function sageMakerLogGroupName(model: ResourceModel, group: Resource): string | undefined {
  const name = render(model, group.properties.LogGroupName, group);
  return typeof name === 'string' && name.startsWith(SAGEMAKER_LOG_GROUP_PREFIX) ? name : undefined;
}

/** The log group a SageMaker notebook instance, endpoint or Studio domain writes into, or why it cannot be named. */
export function sageMakerLogGroupOf(model: ResourceModel, r: Resource): { name: string } | Judgement {
  if (r.type === 'AWS::SageMaker::NotebookInstance') return { name: SAGEMAKER_NOTEBOOK_LOG_GROUP };
  if (r.type === 'AWS::SageMaker::Domain') return { name: SAGEMAKER_STUDIO_LOG_GROUP };
  const name = model.get(r, 'EndpointName');
  if (isUnresolved(name)) return unknown(`${r.address}: EndpointName is unresolvable before deploy, so its log group cannot be looked up`);
  if (typeof name !== 'string' || name === '') return nonCompliant(`${r.address}: EndpointName is absent, so the endpoint gets a generated name and its log group /aws/sagemaker/Endpoints/<name> cannot be created beforehand`);
  return { name: sageMakerEndpointLogGroup(name) };
}

/** Whether what a stream writes under `prefix` into `bucket` stands locked: in the bucket itself, or in a locked replica of the prefix. */
function lockedCopy(model: ResourceModel, bucket: Resource, prefix: string, floor: number, what: string, context?: EvidenceContext): State {
  const own = lockState(model, bucket, floor);
  if (own.ok === true) return { ok: true, reason: `${what} writes into ${own.reason}` };
  const replicas = replicaLockStates(model, bucket, prefix, floor, context).map((s) => ({ ok: s.ok, reason: `${what} writes into ${bucket.address}, replicated under ${JSON.stringify(prefix)} into ${s.reason}` }));
  return anyOf(replicas, `${what} writes into ${bucket.address}, which is not locked (${own.reason}) and replicates ${JSON.stringify(prefix)} into no locked bucket`);
}

/**
 * Whether one subscription filter copies every record of its group into a locked evidence bucket:
 * an empty filter pattern, into a Firehose stream of the inputs whose bucket is locked or
 * replicates the stream's prefix into a locked bucket. UNKNOWN where the inputs do not say.
 */
export function subscriptionCopyState(model: ResourceModel, f: Resource, floor: number, context?: EvidenceContext): State {
  const pattern = model.get(f, 'FilterPattern');
  if (isUnresolved(pattern)) return { ok: 'unknown', reason: `${f.address}: FilterPattern is unresolvable before deploy` };
  if (pattern !== '' && pattern !== undefined) return { ok: false, reason: `${f.address}: FilterPattern ${show(pattern)} copies only the matching events; the others stay only in the group` };
  const d = subscriptionDestination(model, f);
  if (d.kind === 'unresolved') return { ok: 'unknown', reason: `${f.address}: DestinationArn is unresolvable before deploy` };
  if (d.kind === 'external-stream') return { ok: 'unknown', reason: `${f.address}: DestinationArn ${d.text} is a Firehose stream not in the inputs, so where it writes cannot be checked here` };
  if (d.kind === 'other') return { ok: false, reason: `${f.address}: DestinationArn ${d.text} is not a Firehose stream writing into an evidence store (a Lambda function or a Kinesis stream keeps nothing)` };
  const what = `${f.address} → ${d.stream.address}`;
  const prefix = firehosePrefix(model, d.stream);
  if (isUnresolved(prefix)) return { ok: 'unknown', reason: `${what}: the stream's Prefix is unresolvable before deploy` };
  const t = firehoseBucket(model, d.stream);
  switch (t.kind) {
    case 'resource':
      return lockedCopy(model, t.resource, prefix, floor, what, context);
    case 'unresolved':
      return { ok: 'unknown', reason: `${what}: BucketARN is ${t.why ?? 'unresolvable before deploy'}` };
    case 'external':
      return { ok: 'unknown', reason: `${what}: BucketARN ${t.text} names no bucket of the inputs, so its lock cannot be checked here` };
    case 'other':
      return { ok: false, reason: `${what}: the stream delivers into ${t.text}, not an evidence bucket` };
    default:
      return { ok: false, reason: `${what}: the stream has no BucketARN` };
  }
}
