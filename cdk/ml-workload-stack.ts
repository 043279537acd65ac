import { CfnParameter, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { AccessLogBucket, acknowledgeNag, applyTags, BedrockInvocationLogging, INLINE_POLICY_REASON, DnsQueryLogs, EvidenceBucket, FlowLogs, SageMakerAudit, SageMakerJobLogs, StudioSourceIdentity } from '../constructs/aws';

export interface MlWorkloadStackProps extends StackProps {
  /** Name of the example endpoint. @default 'forensic-example-endpoint' */
  readonly endpointName?: string;
}

/**
 * An example ML workload made investigable with the kit: a VPC with flow logs and DNS query logs,
 * a training-data bucket whose access is logged, and a SageMaker model, endpoint config (with data
 * capture) and endpoint. Its evidence lands in an evidence bucket of its own.
 */
export class MlWorkloadStack extends Stack {
  public readonly evidence: EvidenceBucket;
  public readonly trainingData: s3.Bucket;
  public readonly vpc: ec2.Vpc;
  public readonly endpoint: sagemaker.CfnEndpoint;
  /** The Route 53 Resolver query logging of the VPC. */
  public readonly dnsQueryLogs: DnsQueryLogs;
  /** The data capture and hardening of the SageMaker resources. */
  public readonly sageMakerAudit: SageMakerAudit;
  /** Bedrock model invocation logging of the workload's account and region. */
  public readonly bedrockLogging: BedrockInvocationLogging;
  /** The log groups of SageMaker jobs, notebooks, Studio and the endpoint, copied into the evidence bucket. */
  public readonly jobLogs: SageMakerJobLogs;
  /** The Studio domain of the workload's data scientists, naming each user profile in CloudTrail. */
  public readonly studioDomain: sagemaker.CfnDomain;

  constructor(scope: Construct, id: string, props: MlWorkloadStackProps = {}) {
    super(scope, id, props);
    const endpointName = props.endpointName ?? 'forensic-example-endpoint';

    this.evidence = new EvidenceBucket(this, 'WorkloadEvidence', { evidenceSource: 'network-flow' });

    // Server access logs cannot land in a locked bucket: they are staged, then replicated under Object Lock.
    const accessLogs = new AccessLogBucket(this, 'AccessLogStaging', { replicateTo: this.evidence.bucket, replicatePrefixes: ['training-data/'] });

    const dataKey = new kms.Key(this, 'TrainingDataKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN, description: 'Encrypts training data and model artifacts' });
    this.trainingData = new s3.Bucket(this, 'TrainingData', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: dataKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: accessLogs.bucket,
      serverAccessLogsPrefix: 'training-data/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    applyTags(this.trainingData, 'storage-data-access', false, { 'ml-data-class': 'training-data' });

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'ml', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      restrictDefaultSecurityGroup: false,
    });
    new FlowLogs(this, 'FlowLogs', { vpcs: [this.vpc], destination: this.evidence, cloudWatchLogsEnabled: true });
    this.dnsQueryLogs = new DnsQueryLogs(this, 'DnsQueryLogs', { vpcs: [this.vpc], destination: this.evidence });

    const modelSg = new ec2.SecurityGroup(this, 'ModelSecurityGroup', { vpc: this.vpc, allowAllOutbound: false, description: 'SageMaker model containers: no inbound, HTTPS out to VPC endpoints only' });
    modelSg.addEgressRule(ec2.Peer.ipv4(this.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS to VPC endpoints');

    const role = new iam.Role(this, 'ModelExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'Runs the example model; reads its artifact and writes data capture',
    });
    const modelArtifact = 'models/model.tar.gz';
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.trainingData.arnForObjects(modelArtifact)] }));
    dataKey.grantDecrypt(role);
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
      resources: ['*'],
    }));

    acknowledgeNag(role, [
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'SageMaker attaches the model to the VPC through ENIs; the EC2 Describe* and network-interface actions it needs take no resource-level ARN.' },
      { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_POLICY_REASON },
    ]);
    for (const bucket of [this.evidence.bucket, this.trainingData]) {
      acknowledgeNag(bucket, [{ id: 'NIST.800.53.R5-S3BucketReplicationEnabled', reason: 'The reference stack is single-region and environment-agnostic, so it has no second destination; set EvidenceBucket.replication (or S3 replication on data buckets) in a multi-region deployment.' }]);
    }
    acknowledgeNag(this.vpc, [{ id: 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed', reason: 'Closing the default security group takes a custom-resource Lambda; nothing in this stack uses the default group, and flow logs record any traffic through it.' }]);

    const audit = new SageMakerAudit(this, 'SageMakerAudit', { destination: this.evidence });
    this.sageMakerAudit = audit;
    audit.grantCapture(role);

    // Prompts and responses of Bedrock models, staged and replicated under Object Lock; the trail's Bedrock data events follow.
    this.bedrockLogging = new BedrockInvocationLogging(this, 'BedrockInvocationLogging', { destination: this.evidence });

    const imageUri = new CfnParameter(this, 'ModelImageUri', {
      type: 'String',
      description: 'Inference container image URI in ECR (replace with your model image before deploying)',
      default: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311-ubuntu20.04-sagemaker',
    });
    const model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: role.roleArn,
      primaryContainer: { image: imageUri.valueAsString, modelDataUrl: this.trainingData.s3UrlForObject(modelArtifact) },
      vpcConfig: { subnets: this.vpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [modelSg.securityGroupId] },
    });
    // The role's inline policy must exist before SageMaker checks the model's access to its artifact.
    const rolePolicy = role.node.tryFindChild('DefaultPolicy');
    if (rolePolicy) model.node.addDependency(rolePolicy);
    const config = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      productionVariants: [{ variantName: 'primary', modelName: model.attrModelName, initialInstanceCount: 1, instanceType: 'ml.m5.large', initialVariantWeight: 1 }],
    });
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', { endpointName, endpointConfigName: config.attrEndpointConfigName });

    // The logs of training, processing and transform jobs, notebooks, Studio and the endpoint outlive the compute: created first, copied under Object Lock.
    this.jobLogs = new SageMakerJobLogs(this, 'JobLogs', { destination: this.evidence });

    // A Studio domain whose users share one execution role: CloudTrail's sourceIdentity names the user profile behind each call.
    const studioRole = new iam.Role(this, 'StudioExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'The shared execution role of the Studio domain (grant it what the data scientists need)',
    });
    this.studioDomain = new sagemaker.CfnDomain(this, 'StudioDomain', {
      domainName: 'forensic-example-studio',
      authMode: 'IAM',
      appNetworkAccessType: 'VpcOnly',
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.isolatedSubnets.map((s) => s.subnetId),
      kmsKeyId: dataKey.keyArn,
      defaultUserSettings: { executionRole: studioRole.roleArn, securityGroups: [modelSg.securityGroupId] },
    });
    new StudioSourceIdentity(this, 'StudioSourceIdentity');
  }

  /** The ARN of the example endpoint. */
  public get endpointArn(): string {
    return this.endpoint.ref;
  }
}
