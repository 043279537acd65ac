import { Rule } from '../../engine/types';
import { anyOf, judgement } from '../../facts/aws/evidence';
import { sageMakerLogGroupName, subscriptionCopyState } from '../../facts/aws/sagemaker-logs';
import { subscriptionsOf } from '../../facts/aws/subscriptions';

/** Every SageMaker log group is copied, record for record, into a locked evidence bucket (see subscriptionCopyState). */
export const SageMakerJobLogsExported: Rule = {
  id: 'AWS.SageMaker.JobLogsExported',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Logs::LogGroup'],
  isApplicable: (r, ctx) => sageMakerLogGroupName(ctx.model, r) !== undefined,
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
    const states = filters.map((f) => subscriptionCopyState(ctx.model, f, ctx.config.retentionFloorDays, ctx.config.context));
    return judgement(anyOf(states, `${r.address}: no subscription filter copies its records out, so they exist only in the group, as long as its retention and anyone allowed logs:DeleteLogGroup let them`));
  },
};
