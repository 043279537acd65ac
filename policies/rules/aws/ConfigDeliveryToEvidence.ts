import { Rule } from '../../engine/types';
import { configDeliveryState } from '../../facts/aws/config';
import { judgement } from '../../facts/aws/evidence';

/**
 * AWS Config does not deliver into a bucket with Object Lock enabled (CloudFormation reference,
 * AWS::Config::DeliveryChannel): the delivery bucket must be unlocked and replicate what Config
 * delivers into a bucket locked for at least the retention floor.
 */
export const ConfigDeliveryToEvidence: Rule = {
  id: 'AWS.Config.DeliveryToEvidence',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Config::DeliveryChannel'],
  description: 'An AWS Config delivery channel delivers into a bucket with Object Lock (Config cannot deliver there) or into one not replicated into a bucket locked for at least the retention floor.',
  rationale:
    'The configuration history and snapshots Config delivers are the durable record of what changed; in a bucket anyone with write access can edit, an intruder rewrites the history of the very policy or role they changed. Config cannot write into a locked bucket, so only a locked replica keeps the files unaltered.',
  fix: 'Use ConfigurationHistory (a staging bucket replicated into an EvidenceBucket), or point S3BucketName at a bucket without Object Lock whose ReplicationConfiguration copies the S3KeyPrefix into a bucket with ObjectLockEnabled and a COMPLIANCE DefaultRetention of at least the floor.',
  evidenceSource: 'configuration-history',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: [],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => judgement(configDeliveryState(ctx.model, r, ctx.config.retentionFloorDays, ctx.config.context)),
};
