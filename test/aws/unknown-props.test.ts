/**
 * Every AWS construct refuses a props key it does not know (a typo from JavaScript or `as any`
 * would otherwise deploy the default with no word), in its props and in each nested options
 * object, with one line naming the construct, its path, the bag and the nearest known key.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CDK_CONTEXT } from '../../cdk/app';
import * as aws from '../../constructs/aws';
import { AccessLogBucket, AuditTrail, BedrockInvocationLogging, ConfigurationHistory, DnsQueryLogs, EvidenceBucket, FlowLogs, InvestigationPack, SageMakerAudit, SageMakerJobLogs, StudioSourceIdentity, ThreatDetection } from '../../constructs/aws';
import { refusal } from '../refusal';
import { unknownPropCases } from '../unknown-props';

type Extra = Record<string, unknown>;

interface Row {
  /** The construct class named in the message. */
  construct: string;
  /** The bag the unknown key is put in, as the message names it. */
  bag: string;
  /** A typo of a known key, and the key the message suggests. */
  typo: [string, string];
  /** Builds `Target` with `extra` merged into the bag. */
  build(stack: Stack, extra: Extra): void;
}

const evidence = (stack: Stack) => new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
const vpc = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const imported = (stack: Stack) => s3.Bucket.fromBucketName(stack, 'Imported', 'acme-central-trail');
const as = (props: Extra): never => props as never;

const ROWS: Row[] = [
  { construct: 'EvidenceBucket', bag: 'props', typo: ['retentionDays', 'retention'], build: (s, x) => new EvidenceBucket(s, 'Target', as({ ...x })) },
  {
    construct: 'EvidenceBucket',
    bag: 'archive',
    typo: ['storageclass', 'storageClass'],
    build: (s, x) => new EvidenceBucket(s, 'Target', as({ archive: { transitionAfter: Duration.days(90), ...x } })),
  },
  {
    construct: 'EvidenceBucket',
    bag: 'replication',
    typo: ['destinationKeys', 'destinationKey'],
    build: (s, x) => new EvidenceBucket(s, 'Target', as({ replication: { destination: imported(s), ...x } })),
  },
  { construct: 'AccessLogBucket', bag: 'props', typo: ['bucketname', 'bucketName'], build: (s, x) => new AccessLogBucket(s, 'Target', as({ ...x })) },
  { construct: 'AuditTrail', bag: 'props', typo: ['dataEvent', 'dataEvents'], build: (s, x) => new AuditTrail(s, 'Target', as({ destination: evidence(s), ...x })) },
  {
    construct: 'AuditTrail',
    bag: 'dataEvents',
    typo: ['s3buckets', 's3Buckets'],
    build: (s, x) => new AuditTrail(s, 'Target', as({ destination: evidence(s), dataEvents: { ...x } })),
  },
  { construct: 'BedrockInvocationLogging', bag: 'props', typo: ['prefx', 'prefix'], build: (s, x) => new BedrockInvocationLogging(s, 'Target', as({ destination: evidence(s), ...x })) },
  { construct: 'ConfigurationHistory', bag: 'props', typo: ['retentionDays', 'retention'], build: (s, x) => new ConfigurationHistory(s, 'Target', as({ destination: evidence(s), ...x })) },
  { construct: 'DnsQueryLogs', bag: 'props', typo: ['vpc', 'vpcs'], build: (s, x) => new DnsQueryLogs(s, 'Target', as({ destination: evidence(s), vpcs: [vpc(s)], ...x })) },
  { construct: 'FlowLogs', bag: 'props', typo: ['extrafields', 'extraFields'], build: (s, x) => new FlowLogs(s, 'Target', as({ vpcs: [vpc(s)], destination: evidence(s), ...x })) },
  {
    construct: 'InvestigationPack',
    bag: 'props',
    typo: ['databasename', 'databaseName'],
    build: (s, x) => new InvestigationPack(s, 'Target', as({ trail: new AuditTrail(s, 'Trail', { destination: evidence(s) }), ...x })),
  },
  {
    construct: 'InvestigationPack',
    bag: 'cloudTrail',
    typo: ['organisationId', 'organizationId'],
    build: (s, x) => new InvestigationPack(s, 'Target', as({ cloudTrail: { bucket: imported(s), ...x } })),
  },
  {
    construct: 'InvestigationPack',
    bag: 'dataCapture',
    typo: ['prefixes', 'prefix'],
    build: (s, x) => {
      const bucket = imported(s);
      new InvestigationPack(s, 'Target', as({ cloudTrail: { bucket }, dataCapture: { bucket, prefix: 'ml/capture', ...x } }));
    },
  },
  { construct: 'SageMakerAudit', bag: 'props', typo: ['samplingPercent', 'samplingPercentage'], build: (s, x) => new SageMakerAudit(s, 'Target', as({ destination: evidence(s), ...x })) },
  { construct: 'SageMakerJobLogs', bag: 'props', typo: ['endpointName', 'endpointNames'], build: (s, x) => new SageMakerJobLogs(s, 'Target', as({ destination: evidence(s), ...x })) },
  { construct: 'StudioSourceIdentity', bag: 'props', typo: ['scopes', 'scope'], build: (s, x) => new StudioSourceIdentity(s, 'Target', as({ scope: s, ...x })) },
  { construct: 'ThreatDetection', bag: 'props', typo: ['s3ProtectionEnable', 's3ProtectionEnabled'], build: (s, x) => new ThreatDetection(s, 'Target', as({ destination: evidence(s), ...x })) },
];

const newStack = () => new Stack(new App({ context: CDK_CONTEXT }), 'TestStack');
const head = (r: Row, key: string) => `${r.construct} TestStack/Target: unknown prop "${key}" in ${r.bag} (expected one of: `;

describe('AWS: an unknown props key is refused', () => {
  unknownPropCases(ROWS, newStack, (r) => `${r.construct} ${r.bag}`, head);

  test('the review cases: retentionDays on an EvidenceBucket, s3buckets in AuditTrail dataEvents', () => {
    const stack = newStack();
    expect(refusal(() => new EvidenceBucket(stack, 'E', { retentionDays: 3650 } as any)).message).toMatch(
      /^EvidenceBucket TestStack\/E: unknown prop "retentionDays" in props \(expected one of: bucketName, retention, .*; did you mean "retention"\?\)$/,
    );
    const e = evidence(stack);
    const b = new s3.Bucket(stack, 'Data');
    expect(refusal(() => new AuditTrail(stack, 'T', { destination: e, dataEvents: { s3buckets: [b] } } as any)).message).toMatch(
      /^AuditTrail TestStack\/T: unknown prop "s3buckets" in dataEvents \(expected one of: s3Buckets, .*; did you mean "s3Buckets"\?\)$/,
    );
  });

  test('the rows cover every AWS construct the package exports', () => {
    const exported = Object.entries(aws)
      .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Construct)
      .map(([name]) => name);
    expect([...new Set(ROWS.map((r) => r.construct))].sort()).toEqual(exported.sort());
  });
});
