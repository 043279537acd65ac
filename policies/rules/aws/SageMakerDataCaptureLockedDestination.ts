import { Rule } from '../../engine/types';
import { bucketByS3Uri, destinationLockState, judgement, rawAt } from '../../facts/aws/evidence';

/** An S3 URI that names no bucket of the template gives UNKNOWN: its lock cannot be checked here. */
export const SageMakerDataCaptureLockedDestination: Rule = {
  id: 'AWS.SageMaker.DataCaptureLockedDestination',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::SageMaker::EndpointConfig'],
  description: 'An endpoint config captures data into a bucket without an Object Lock default retention of at least the retention floor.',
  rationale: 'Captured requests are the evidence of what an attacker asked the model; an intruder who can delete them erases the extraction attempt itself.',
  fix: 'Use SageMakerAudit with an EvidenceBucket destination, or point DataCaptureConfig.DestinationS3Uri (s3://<bucket>/<prefix>) at a bucket with ObjectLockEnabled: true and a COMPLIANCE DefaultRetention of at least the floor.',
  evidenceSource: 'evidence-immutability',
  nist: 'Collection',
  attack: ['T1485', 'T1490'],
  atlas: ['AML.T0024', 'AML.T0040'],
  thresholds: ['retentionFloorDays'],
  isApplicable: (r, ctx) => rawAt(ctx.model, r, 'DataCaptureConfig') !== undefined,
  check: (r, ctx) => {
    const target = bucketByS3Uri(ctx.model, rawAt(ctx.model, r, 'DataCaptureConfig.DestinationS3Uri'), r);
    const s = destinationLockState(ctx.model, target, `${r.address}: DataCaptureConfig.DestinationS3Uri`, ctx.config.retentionFloorDays, ctx.config.context);
    return judgement({ ...s, reason: target.kind === 'resource' ? `${r.address} captures into ${s.reason}` : s.reason });
  },
};
