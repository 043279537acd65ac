import { App, AppProps } from 'aws-cdk-lib';
import { ForensicReadinessStack } from './forensic-readiness-stack';
import { MlWorkloadStack } from './ml-workload-stack';

/** Feature flags the kit's stacks are written for; set here too, since an app run directly does not read cdk.json. */
export const CDK_CONTEXT: Record<string, unknown> = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-kms:aliasNameRef': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  // Record each resource's construct path (as `cdk synth` does), so findings name the construct.
  'aws:cdk:enable-path-metadata': true,
};

export interface AwsReferenceApp {
  readonly app: App;
  readonly readiness: ForensicReadinessStack;
  readonly workload: MlWorkloadStack;
}

/** The AWS reference app: the ML workload and the account's forensic readiness stack, whose trail records the workload's data events. */
export function createAwsApp(props: AppProps = {}): AwsReferenceApp {
  const app = new App({ ...props, context: { ...CDK_CONTEXT, ...(props.context ?? {}) } });
  const workload = new MlWorkloadStack(app, 'MlWorkloadStack', { description: 'Forensic readiness kit: example ML workload with flow logs, DNS query logs and SageMaker data capture' });
  const readiness = new ForensicReadinessStack(app, 'ForensicReadinessStack', {
    description: 'Forensic readiness kit: evidence bucket, CloudTrail with ML data events, GuardDuty, investigation pack',
    dataBuckets: [workload.trainingData],
    sageMakerEndpointArns: [workload.endpointArn],
    workloadEvidence: { flowLogsBucket: workload.evidence.bucket, dnsQueryLogs: workload.dnsQueryLogs, sageMakerAudit: workload.sageMakerAudit },
  });
  return { app, readiness, workload };
}
