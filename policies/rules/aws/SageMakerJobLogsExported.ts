import { SAGEMAKER_LOG_GROUP_PREFIX } from '../../../constructs/core/sagemaker-log-groups';
import { EvidenceContext } from '../../engine/context';
import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource, Rule } from '../../engine/types';
import { State, anyOf, judgement, lockState, render, show } from '../../facts/aws/evidence';
import { replicaLockStates } from '../../facts/aws/replication';
import { firehoseBucket, firehosePrefix, subscriptionDestination, subscriptionsOf } from '../../facts/aws/subscriptions';

/** A log group of the inputs SageMaker writes into. */
function isSageMakerGroup(model: ResourceModel, group: Resource): boolean {
  const name = render(model, group.properties.LogGroupName, group);
  return typeof name === 'string' && name.startsWith(SAGEMAKER_LOG_GROUP_PREFIX);
}

/** Whether what a stream writes under `prefix` into `bucket` stands locked: in the bucket itself, or in a locked replica of the prefix. */
function lockedCopy(model: ResourceModel, bucket: Resource, prefix: string, floor: number, what: string, context?: EvidenceContext): State {
  const own = lockState(model, bucket, floor);
  if (own.ok === true) return { ok: true, reason: `${what} writes into ${own.reason}` };
  const replicas = replicaLockStates(model, bucket, prefix, floor, context).map((s) => ({ ok: s.ok, reason: `${what} writes into ${bucket.address}, replicated under ${JSON.stringify(prefix)} into ${s.reason}` }));
  return anyOf(replicas, `${what} writes into ${bucket.address}, which is not locked (${own.reason}) and replicates ${JSON.stringify(prefix)} into no locked bucket`);
}

/** Where one subscription filter's records end up. */
function filterState(model: ResourceModel, f: Resource, floor: number, context?: EvidenceContext): State {
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

export const SageMakerJobLogsExported: Rule = {
  id: 'AWS.SageMaker.JobLogsExported',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Logs::LogGroup'],
  isApplicable: (r, ctx) => isSageMakerGroup(ctx.model, r),
  description: 'A SageMaker log group (/aws/sagemaker/...) has no subscription filter that copies every record into a Firehose stream writing into a locked evidence bucket (directly or by replication).',
  rationale:
    'A log group is not an evidence store that holds: whoever may change its retention or delete its streams can erase what a job printed. A copy of every record in an Object Lock bucket cannot be edited or deleted by anyone until its retention ends, so the logs of a short-lived training or processing job stand as they were written.',
  fix: 'Use SageMakerJobLogs (a subscription per group into a KMS-encrypted Firehose stream that stages into a bucket replicated into the EvidenceBucket), or add an AWS::Logs::SubscriptionFilter with FilterPattern "" to a Firehose stream whose S3 destination is locked or replicates its prefix into a locked bucket.',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1485'],
  atlas: ['AML.T0020', 'AML.T0018'],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => {
    const filters = subscriptionsOf(ctx.model, r);
    const states = filters.map((f) => filterState(ctx.model, f, ctx.config.retentionFloorDays, ctx.config.context));
    return judgement(anyOf(states, `${r.address}: no subscription filter copies its records out, so they exist only in the group, as long as its retention and anyone allowed logs:DeleteLogGroup let them`));
  },
};
