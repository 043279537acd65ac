/**
 * Every AWS construct reads each prop exactly once: props whose getters answer the real value on
 * the first read and a weak one after (SOAK for LOCKED, one day for a year, logs off) build
 * exactly the template and the warnings the plain props build, and every getter was read once.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CDK_CONTEXT } from '../../cdk/app';
import {
  AccessLogBucket,
  AuditTrail,
  BedrockInvocationLogging,
  ConfigurationHistory,
  DnsQueryLogs,
  EvidenceBucket,
  FlowLogs,
  InvestigationPack,
  SageMakerAudit,
  SageMakerJobLogs,
  StudioSourceIdentity,
  ThreatDetection,
} from '../../constructs/aws';
import { Immutability, Retention } from '../../constructs/core';
import { describeTwoFaced, twoFaced, TwoFacedCase } from '../two-faced';

type Case = TwoFacedCase<Stack>;

const vpc = (stack: Stack, id = 'Vpc') => new ec2.Vpc(stack, id, { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const evidence = (stack: Stack) => new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
const role = (stack: Stack) => new iam.Role(stack, 'BreakGlass', { assumedBy: new iam.AccountRootPrincipal(), roleName: 'break-glass' });

const CASES: Record<string, Case> = {
  EvidenceBucket: {
    props: (stack) => ({
      bucketName: 'evidence-bucket-1',
      retention: Retention.days(400),
      immutability: Immutability.LOCKED,
      breakGlassRole: role(stack),
      serverAccessLogsEnabled: true,
      archive: { transitionAfter: Duration.days(90), storageClass: s3.StorageClass.GLACIER },
      evidenceSource: 'evidence-immutability',
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new EvidenceBucket(stack, 'Target', props),
    later: { retention: Retention.days(1), immutability: Immutability.SOAK, serverAccessLogsEnabled: false, 'archive.transitionAfter': Duration.days(1), 'tags.team': 'x' },
  },
  AccessLogBucket: {
    props: (stack) => ({ bucketName: 'access-logs-1', breakGlassRole: role(stack), replicateTo: evidence(stack).bucket, replicatePrefixes: ['training-data/'], tags: { team: 'ir' } }),
    build: (stack, props) => new AccessLogBucket(stack, 'Target', props),
    later: { replicatePrefixes: ['x/'] },
  },
  AuditTrail: {
    props: (stack) => ({
      destination: evidence(stack),
      trailName: 'forensic-trail',
      cloudWatchLogsEnabled: true,
      retention: Retention.days(400),
      insightsEnabled: true,
      dataEvents: { sageMakerEndpoints: true, bedrock: true, lambdaFunctions: true },
      tags: { team: 'ir' },
    }),
    build: (stack, props) => new AuditTrail(stack, 'Target', props),
    later: { cloudWatchLogsEnabled: false, retention: Retention.days(1), insightsEnabled: false, 'dataEvents.sageMakerEndpoints': false, 'dataEvents.bedrock': false },
  },
  BedrockInvocationLogging: {
    props: (stack) => ({ destination: evidence(stack), prefix: 'bedrock', cloudWatchLogsEnabled: true, retention: Retention.days(400), removeOnDelete: false, tags: { team: 'ir' } }),
    build: (stack, props) => new BedrockInvocationLogging(stack, 'Target', props),
    later: { cloudWatchLogsEnabled: false, retention: Retention.days(1), removeOnDelete: true },
  },
  ConfigurationHistory: {
    props: (stack) => ({ destination: evidence(stack), prefix: 'config', snapshotDeliveryFrequency: 'TwentyFour_Hours', retention: Retention.days(400), removeRetentionOnDelete: false, tags: { team: 'ir' } }),
    build: (stack, props) => new ConfigurationHistory(stack, 'Target', props),
    later: { retention: Retention.days(1), removeRetentionOnDelete: true },
  },
  DnsQueryLogs: {
    props: (stack) => ({ destination: evidence(stack), vpcs: [vpc(stack, 'A'), vpc(stack, 'B')], configName: 'prod-dns', tags: { team: 'ir' } }),
    build: (stack, props) => new DnsQueryLogs(stack, 'Target', props),
    later: { 'vpcs[1]': undefined },
  },
  FlowLogs: {
    props: (stack) => ({ vpcs: [vpc(stack)], destination: evidence(stack), cloudWatchLogsEnabled: true, retention: Retention.days(400), maxAggregationIntervalSeconds: 60, extraFields: ['tcp-flags'], tags: { team: 'ir' } }),
    build: (stack, props) => new FlowLogs(stack, 'Target', props),
    later: { cloudWatchLogsEnabled: false, retention: Retention.days(1), maxAggregationIntervalSeconds: 600 },
  },
  InvestigationPack: {
    props: (stack) => ({
      trail: new AuditTrail(stack, 'Trail', { destination: evidence(stack) }),
      accounts: ['111122223333'],
      regions: ['us-east-1'],
      since: '2025/06/01',
      databaseName: 'forensics',
      workgroupName: 'forensics',
      bytesScannedCutoffPerQuery: 10_000_000_000,
      resultsRetention: Duration.days(30),
    }),
    build: (stack, props) => new InvestigationPack(stack, 'Target', props),
    later: { resultsRetention: Duration.days(1), bytesScannedCutoffPerQuery: 10_000_000 },
  },
  SageMakerAudit: {
    props: (stack) => ({ destination: evidence(stack), prefix: 'capture', samplingPercentage: 100, retention: Retention.days(400), hardeningEnabled: true, tags: { team: 'ir' } }),
    build: (stack, props) => new SageMakerAudit(stack, 'Target', props),
    later: { samplingPercentage: 1, retention: Retention.days(1), hardeningEnabled: false },
  },
  SageMakerJobLogs: {
    props: (stack) => ({ destination: evidence(stack), prefix: 'jobs', retention: Retention.days(400), endpointNames: ['batch-scorer'], studioEnabled: true, deletionProtection: true, tags: { team: 'ir' } }),
    build: (stack, props) => new SageMakerJobLogs(stack, 'Target', props),
    later: { retention: Retention.days(1), studioEnabled: false, deletionProtection: false },
  },
  StudioSourceIdentity: {
    props: (stack) => ({ scope: stack }),
    build: (stack, props) => new StudioSourceIdentity(stack, 'Target', props),
    later: {},
  },
  ThreatDetection: {
    props: (stack) => ({ destination: evidence(stack), s3ProtectionEnabled: true, runtimeMonitoringEnabled: true, tags: { team: 'ir' } }),
    build: (stack, props) => new ThreatDetection(stack, 'Target', props),
    later: { s3ProtectionEnabled: false, runtimeMonitoringEnabled: false },
  },
};

/** The template and the warnings, infos and errors of every construct, as one comparable value. */
function built(c: Case, wrap: boolean): { output: unknown; reads?: Record<string, number> } {
  const stack = new Stack(new App({ context: CDK_CONTEXT }), 'TestStack');
  const props = c.props(stack);
  const faced = wrap ? twoFaced(props, c.later) : undefined;
  c.build(stack, (faced ? faced.props : props) as never);
  const annotations = stack.node
    .findAll()
    .flatMap((n) => n.node.metadata.filter((m) => /^aws:cdk:(warning|info|error)$/.test(m.type)).map((m) => [n.node.path, m.type, m.data]));
  return { output: { template: Template.fromStack(stack).toJSON(), annotations }, reads: faced?.reads() };
}

describeTwoFaced(CASES, built);

test('the two-faced cases cover every AWS construct', () => {
  expect(Object.keys(CASES).sort()).toEqual(
    ['AccessLogBucket', 'AuditTrail', 'BedrockInvocationLogging', 'ConfigurationHistory', 'DnsQueryLogs', 'EvidenceBucket', 'FlowLogs', 'InvestigationPack', 'SageMakerAudit', 'SageMakerJobLogs', 'StudioSourceIdentity', 'ThreatDetection'].sort(),
  );
});
