/**
 * Building blocks of the AWS rule tests: CloudFormation resources in their compliant form, which
 * each test then breaks in the one way it is about. Every template is still written inline in the test.
 */
export const arn = (logicalId: string): Record<string, unknown> => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
export const ref = (logicalId: string): Record<string, unknown> => ({ Ref: logicalId });
export const objectsArn = (logicalId: string): Record<string, unknown> => ({ 'Fn::Join': ['', [arn(logicalId), '/']] });

/** A bucket with every evidence protection: COMPLIANCE lock for 365 days, versioning, BPA, SSE-KMS, Retain. */
export function lockedBucket(props: Record<string, unknown> = {}, attributes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    ...attributes,
    Properties: {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arn('Key') }, BucketKeyEnabled: true }] },
      ...props,
    },
  };
}

/** A plain bucket (a data bucket unless something writes into it). */
export function bucket(props: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: 'AWS::S3::Bucket', Properties: props };
}

export const key = (props: Record<string, unknown> = {}, attributes: Record<string, unknown> = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }): Record<string, unknown> => ({
  Type: 'AWS::KMS::Key',
  ...attributes,
  Properties: { EnableKeyRotation: true, KeyPolicy: {}, ...props },
});

/** A compliant trail writing into `bucketId`. */
export function trail(bucketId = 'TrailBucket', props: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'AWS::CloudTrail::Trail',
    Properties: {
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KMSKeyId: arn('Key'),
      S3BucketName: ref(bucketId),
      CloudWatchLogsLogGroupArn: arn('TrailLogs'),
      CloudWatchLogsRoleArn: arn('TrailRole'),
      ...props,
    },
  };
}

/** An advanced selector recording the data events of a resource type, optionally scoped by ARN conditions. */
export function dataSelector(type: string, arnConditions?: Record<string, unknown>, extra: Record<string, unknown>[] = []): Record<string, unknown> {
  return {
    Name: `data ${type}`,
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: [type] },
      ...(arnConditions ? [{ Field: 'resources.ARN', ...arnConditions }] : []),
      ...extra,
    ],
  };
}

/** The TLS-only bucket policy the CDK writes for enforceSSL. */
export function tlsPolicy(bucketId: string, statement: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: ref(bucketId),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [arn(bucketId), { 'Fn::Join': ['', [arn(bucketId), '/*']] }],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            ...statement,
          },
        ],
      },
    },
  };
}

export const logGroup = (props: Record<string, unknown> = {}): Record<string, unknown> => ({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365, KmsKeyId: arn('Key'), ...props } });

export const INVESTIGATOR_FORMAT =
  '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} ${subnet-id} ${instance-id} ${tcp-flags} ${type} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} ${traffic-path}';

export function flowLog(props: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'AWS::EC2::FlowLog',
    Properties: {
      ResourceType: 'VPC',
      ResourceId: ref('Vpc'),
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: arn('FlowBucket'),
      LogFormat: INVESTIGATOR_FORMAT,
      MaxAggregationInterval: 60,
      ...props,
    },
  };
}

export const vpc = (): Record<string, unknown> => ({ Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } });

/** An endpoint config capturing Input and Output of every request into `bucketId`, with KMS. */
/** `capture` null: no DataCaptureConfig. */
export function endpointConfig(capture: Record<string, unknown> | null = {}, props: Record<string, unknown> = {}, bucketId = 'CaptureBucket'): Record<string, unknown> {
  return {
    Type: 'AWS::SageMaker::EndpointConfig',
    Properties: {
      ProductionVariants: [{ VariantName: 'main', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }],
      KmsKeyId: arn('Key'),
      ...(capture === null
        ? {}
        : {
            DataCaptureConfig: {
              EnableCapture: true,
              InitialSamplingPercentage: 100,
              DestinationS3Uri: { 'Fn::Join': ['', ['s3://', ref(bucketId), '/capture']] },
              KmsKeyId: arn('Key'),
              CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
              ...capture,
            },
          }),
      ...props,
    },
  };
}
