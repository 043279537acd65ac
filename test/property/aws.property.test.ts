/**
 * Property-based suite of the AWS constructs: for every construct, arbitrary props (valid,
 * boundary, hostile, deploy-time tokens, wrong types) are built in a fresh App and Stack,
 * synthesized and judged by the kit's own engine. The property: either the construct refuses the
 * props with a ForensicValidationError naming one of them, or the template has no error finding
 * but those a warning the construct itself raised announces, every evidence store it holds is
 * retained on delete, no lock is weaker than asked, and a token reaches the template unchanged.
 *
 * Props are generated as plain descriptions (printable when fast-check shrinks a failing case)
 * and turned into values inside the case's own stack.
 */
import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as fc from 'fast-check';
import { CDK_CONTEXT } from '../../cdk/app';
import { AccessLogBucket, AuditTrail, ConfigurationHistory, DnsQueryLogs, EvidenceBucket, FlowLogs, InvestigationPack, SageMakerAudit, SageMakerJobLogs, StudioSourceIdentity, ThreatDetection } from '../../constructs/aws';
import { Immutability, Retention, WARNINGS, WarningId } from '../../constructs/core';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { hostile, params, recordSummary, refusedOrBuilt, runsFor } from './common';

/** A prop as the case describes it; `make` turns it into the value inside the case's stack. */
type Desc =
  | { v: unknown }
  | { retention: number }
  | { retentionToken: true }
  | { numberToken: true }
  | { stringToken: true }
  | { immutability: 'LOCKED' | 'SOAK' }
  | { evidenceBucket: true }
  | { accessLogBucket: true }
  | { lockedBucket: true }
  | { bucket: true }
  | { key: true }
  | { role: true }
  | { vpc: true }
  | { scope: 'stack' }
  | { duration: number; unit: 'days' | 'hours' }
  | { storageClass: 'GLACIER' | 'DEEP_ARCHIVE' | 'GLACIER_INSTANT_RETRIEVAL' | 'INFREQUENT_ACCESS' | 'ONE_ZONE_INFREQUENT_ACCESS' | 'INTELLIGENT_TIERING' }
  | { list: Desc[] }
  | { obj: Record<string, Desc> };

type Props = Record<string, Desc>;

/** What a case asked for, as the property needs it to judge the template. */
interface Asked {
  retentionDays?: number;
  retentionIsToken: boolean;
  soak: boolean;
}

class Case {
  private n = 0;
  private parameters = new Map<string, CfnParameter>();
  public readonly asked: Asked = { retentionIsToken: false, soak: false };
  constructor(public readonly stack: Stack) {}

  public make(d: Desc, prop = ''): unknown {
    const id = () => `P${++this.n}`;
    if ('v' in d) return d.v;
    if ('retention' in d) {
      if (prop === 'retention') this.asked.retentionDays = d.retention;
      return Retention.days(d.retention);
    }
    if ('retentionToken' in d) {
      if (prop === 'retention') this.asked.retentionIsToken = true;
      return Retention.days(this.param('Days', 'Number').valueAsNumber);
    }
    if ('numberToken' in d) return this.param(`N${++this.n}`, 'Number').valueAsNumber;
    if ('stringToken' in d) return this.param(`S${++this.n}`, 'String').valueAsString;
    if ('immutability' in d) {
      if (prop === 'immutability' && d.immutability === 'SOAK') this.asked.soak = true;
      return Immutability[d.immutability];
    }
    if ('evidenceBucket' in d) return new EvidenceBucket(this.stack, id());
    if ('lockedBucket' in d) return new EvidenceBucket(this.stack, id()).bucket;
    if ('accessLogBucket' in d) return new AccessLogBucket(this.stack, id()).bucket;
    if ('bucket' in d) return new s3.Bucket(this.stack, id());
    if ('key' in d) return new kms.Key(this.stack, id(), { enableKeyRotation: true });
    if ('role' in d) return new iam.Role(this.stack, id(), { assumedBy: new iam.AccountRootPrincipal() });
    if ('vpc' in d) return vpc(this.stack, id());
    if ('scope' in d) return this.stack;
    if ('duration' in d) return d.unit === 'days' ? Duration.days(d.duration) : Duration.hours(d.duration);
    if ('storageClass' in d) return s3.StorageClass[d.storageClass];
    if ('list' in d) return d.list.map((x) => this.make(x));
    return Object.fromEntries(Object.entries(d.obj).map(([k, x]) => [k, this.make(x, `${prop}.${k}`)]));
  }

  public props(p: Props): Record<string, unknown> {
    return Object.fromEntries(Object.entries(p).map(([k, d]) => [k, this.make(d, k)]));
  }

  private param(name: string, type: 'Number' | 'String'): CfnParameter {
    let p = this.parameters.get(name);
    if (!p) {
      p = new CfnParameter(this.stack, name, { type, default: type === 'Number' ? 400 : 'x' });
      this.parameters.set(name, p);
    }
    return p;
  }
}

function vpc(stack: Stack, id: string): ec2.Vpc {
  return new ec2.Vpc(stack, id, { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'a', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
}

// ---- generators --------------------------------------------------------------------------------

const bad = hostile.map((v): Desc => ({ v }));
/**
 * A prop's value: mostly valid (boundaries and tokens included), sometimes a value the cloud or the
 * kit refuses, now and then a hostile value of any type. fc.record leaves it out often too.
 */
const pick = (valid: fc.Arbitrary<Desc>, invalid?: fc.Arbitrary<Desc>): fc.Arbitrary<Desc> =>
  invalid
    ? fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: invalid, weight: 2 }, { arbitrary: bad, weight: 1 })
    : fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: bad, weight: 1 });
const v = (...values: unknown[]): fc.Arbitrary<Desc> => fc.constantFrom(...values).map((x): Desc => ({ v: x }));
const days = (...values: number[]): fc.Arbitrary<Desc> => fc.constantFrom(...values).map((d): Desc => ({ retention: d }));
const bool = pick(fc.boolean().map((x): Desc => ({ v: x })));
const numberToken = fc.constant<Desc>({ numberToken: true });
const stringToken = fc.constant<Desc>({ stringToken: true });
const CLOUDWATCH_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const logRetention = pick(
  fc.oneof(days(...CLOUDWATCH_DAYS), fc.integer({ min: 1, max: 3653 }).map((d): Desc => ({ retention: d })), fc.constant<Desc>({ retentionToken: true })),
  fc.oneof(days(0, -1, 3654, 1.5, 1e6), v(365, '365 days', Retention, { days: 365 })),
);
const lockRetention = pick(
  fc.oneof(days(1, 364, 365, 36_500), fc.integer({ min: 1, max: 36_500 }).map((d): Desc => ({ retention: d })), fc.constant<Desc>({ retentionToken: true })),
  fc.oneof(days(0, -1, 0.5, 36_501), v(365, { days: 365 })),
);
const immutability = pick(fc.constantFrom<Desc>({ immutability: 'LOCKED' }, { immutability: 'SOAK' }), v('locked', 'soak', { mode: 'locked' }, true, 'COMPLIANCE'));
const s3Name = pick(
  fc.oneof(fc.stringMatching(/^[a-z0-9]([a-z0-9]|[.-][a-z0-9]){1,20}$/).map((x): Desc => ({ v: x })), v('evidence-bucket', 'a.b.c', 'abc', 'a'.repeat(63)), stringToken),
  v('a..b', '192.168.5.4', 'xn--bucket', 'sthree-bucket', 'sthree-configurator-x', 'amzn-s3-demo-bucket', 'logs-s3alias', 'logs--ol-s3', 'logs.mrap', 'logs--x-s3', 'logs--table-s3', 'ab', 'a'.repeat(64), 'Evidence', 'ev_idence', '-ev', 'ev-'),
);
const tags = pick(
  fc.oneof(v({ team: 'ml' }, { 'cost-center': '42', owner: 'security' }, { team: '' }), fc.constant<Desc>({ obj: { team: { stringToken: true } } })),
  v({ 'aws:reserved': 'x' }, { '': 'x' }, { team: 5 }, { team: 'x'.repeat(257) }, ['team']),
);
const key = pick(fc.constant<Desc>({ key: true }), v('arn:aws:kms:us-east-1:111122223333:key/abc'));
const role = pick(fc.constant<Desc>({ role: true }), v('arn:aws:iam::111122223333:role/breakglass'));
const evidence = pick(fc.constant<Desc>({ evidenceBucket: true }), fc.constantFrom<Desc>({ bucket: true }, { v: 'arn:aws:s3:::evidence' }));
const vpcs = (max: number) =>
  pick(
    fc.integer({ min: 1, max }).map((n): Desc => ({ list: Array.from({ length: n }, (): Desc => ({ vpc: true })) })),
    v([], ['vpc-123'], 'vpc-123'),
  );

const evidenceBucketProps = fc.record(
  {
    bucketName: s3Name,
    retention: lockRetention,
    immutability,
    encryptionKey: key,
    breakGlassRole: role,
    serverAccessLogsBucket: pick(fc.constant<Desc>({ accessLogBucket: true }), v('logs-bucket')),
    serverAccessLogsEnabled: bool,
    archive: pick(
      fc.record(
        {
          transitionAfter: fc.oneof(
            { arbitrary: fc.integer({ min: 1, max: 36_500 }).map((n): Desc => ({ duration: n, unit: 'days' })), weight: 8 },
            { arbitrary: fc.constantFrom(24, 48).map((n): Desc => ({ duration: n, unit: 'hours' })), weight: 2 },
            { arbitrary: fc.constantFrom<Desc>({ duration: 36, unit: 'hours' }, { duration: 0, unit: 'days' }, { duration: 36_501, unit: 'days' }, { v: 30 }), weight: 1 },
          ),
          storageClass: fc.oneof(
            { arbitrary: fc.constantFrom<Desc>({ storageClass: 'GLACIER' }, { storageClass: 'DEEP_ARCHIVE' }, { storageClass: 'GLACIER_INSTANT_RETRIEVAL' }, { storageClass: 'INFREQUENT_ACCESS' }), weight: 8 },
            { arbitrary: fc.constantFrom<Desc>({ storageClass: 'ONE_ZONE_INFREQUENT_ACCESS' }, { storageClass: 'INTELLIGENT_TIERING' }, { v: 'GLACIER' }), weight: 1 },
          ),
        },
        { requiredKeys: ['transitionAfter'] },
      ).map((obj): Desc => ({ obj })),
    ),
    replication: pick(
      fc.record({ destination: pick(fc.constant<Desc>({ lockedBucket: true }), fc.constant<Desc>({ bucket: true })), destinationKey: key }, { requiredKeys: ['destination'] }).map((obj): Desc => ({ obj })),
    ),
    evidenceSource: pick(v('control-plane-audit', 'dns', 'ml-inference', 'evidence-immutability'), v('audit', 'DNS')),
    tags,
  },
  { requiredKeys: [] },
);

const accessLogBucketProps = fc.record(
  {
    bucketName: s3Name,
    breakGlassRole: role,
    replicateTo: pick(fc.constant<Desc>({ lockedBucket: true }), fc.constant<Desc>({ bucket: true })),
    replicatePrefixes: pick(fc.oneof(v([''], ['training-data/', 'models/']), fc.constant<Desc>({ list: [{ stringToken: true }] })), v([], ['a', 'a'], ['/x'], [5])),
    tags,
  },
  { requiredKeys: [] },
);

const trailProps = fc.record(
  {
    destination: evidence,
    trailName: pick(
      fc.oneof(fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9]|[._-][A-Za-z0-9]){1,20}$/).map((x): Desc => ({ v: x })), v('org-trail', 'abc', 'a'.repeat(128)), stringToken),
      v('my-_trail', 'my--trail', 'a.', '_a', '192.168.5.4', 'ab', 'a'.repeat(129), 'trail name'),
    ),
    encryptionKey: key,
    cloudWatchLogsEnabled: bool,
    retention: logRetention,
    insightsEnabled: bool,
    dataEvents: pick(
      fc.record(
        {
          s3Buckets: pick(fc.constantFrom<Desc>({ list: [{ bucket: true }] }, { list: [{ bucket: true }, { bucket: true }] }, { v: [] }), v(['arn:aws:s3:::bucket'])),
          sageMakerEndpoints: bool,
          sageMakerEndpointArns: pick(fc.oneof(v(['arn:aws:sagemaker:us-east-1:111122223333:endpoint/prod'], []), fc.constant<Desc>({ list: [{ stringToken: true }] })), v(['prod'], [5])),
          sageMakerFeatureGroups: bool,
          lambdaFunctions: bool,
          bedrock: bool,
        },
        { requiredKeys: [] },
      ).map((obj): Desc => ({ obj })),
    ),
    tags,
  },
  { requiredKeys: [] },
);

/** An organization trail with its id (or a token), a plain trail, or one of the two without the other. */
const orgTrail: fc.Arbitrary<Props> = fc.oneof(
  { arbitrary: fc.constant<Props>({}), weight: 10 },
  { arbitrary: fc.constant<Props>({ isOrganizationTrail: { v: false } }), weight: 2 },
  { arbitrary: fc.constantFrom<Desc>({ v: 'o-a1b2c3d4e5' }, { stringToken: true }).map((orgId): Props => ({ isOrganizationTrail: { v: true }, orgId })), weight: 6 },
  { arbitrary: fc.constantFrom<Props>({ isOrganizationTrail: { v: true } }, { orgId: { v: 'o-a1b2c3d4e5' } }, { isOrganizationTrail: { v: true }, orgId: { v: 'org-123' } }), weight: 1 },
  { arbitrary: bad.map((x): Props => ({ isOrganizationTrail: x })), weight: 1 },
);

const flowLogsProps = fc.record(
  {
    vpcs: vpcs(12),
    coverScope: pick(fc.constant<Desc>({ scope: 'stack' })),
    destination: evidence,
    cloudWatchLogsEnabled: bool,
    retention: logRetention,
    maxAggregationIntervalSeconds: pick(v(60, 600), fc.oneof(v(120, 0), numberToken)),
    extraFields: pick(v(['ecs-task-arn'], ['reject-reason', 'resource-id'], []), v(['src-country'], ['ecs-task-arn', 'ecs-task-arn'])),
    encryptionKey: key,
    tags,
  },
  { requiredKeys: [] },
);

const dnsProps = fc.record(
  {
    destination: evidence,
    vpcs: vpcs(4),
    configName: pick(fc.oneof(v('prod-dns', 'a'.repeat(64)), stringToken), v('dns#logs', '', 'a'.repeat(65))),
    tags,
  },
  { requiredKeys: ['destination', 'vpcs'] },
);

const configProps = fc.record(
  {
    destination: evidence,
    prefix: pick(fc.oneof(v('config-history', 'org/config'), stringToken), v('/config', 'config/', 'a//b')),
    snapshotDeliveryFrequency: pick(v('One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'), v('Two_Hours', 'six_hours', 6)),
    retention: pick(
      fc.oneof(days(30, 365, 2557), fc.integer({ min: 30, max: 2557 }).map((d): Desc => ({ retention: d })), fc.constant<Desc>({ retentionToken: true })),
      fc.oneof(days(29, 0, 2558, 30.5), v(2557, { days: 2557 })),
    ),
    removeRetentionOnDelete: bool,
    existingRecorder: bool,
    tags,
  },
  { requiredKeys: ['destination'] },
);

const sageMakerProps = fc.record(
  {
    destination: evidence,
    prefix: pick(fc.oneof(v('capture/prod', 'sagemaker-data-capture'), stringToken), v('/capture', 'capture/', 'a//b')),
    encryptionKey: key,
    samplingPercentage: pick(fc.oneof(fc.integer({ min: 1, max: 100 }).map((n): Desc => ({ v: n })), numberToken), v(0, 101, 50.5, -1)),
    scope: pick(fc.constant<Desc>({ scope: 'stack' })),
    retention: logRetention,
    hardeningEnabled: bool,
    tags,
  },
  { requiredKeys: ['destination'] },
);
const jobLogsProps = fc.record(
  {
    destination: evidence,
    prefix: pick(fc.oneof(v('jobs/prod', 'sagemaker-job-logs'), stringToken), v('/jobs', 'jobs/', 'a//b')),
    retention: logRetention,
    encryptionKey: key,
    endpointNames: pick(v(['batch-scorer'], ['a', 'b'], []), fc.oneof(v(['bad_name'], ['a', 'a'], [''], 'x'), fc.constant<Desc>({ list: [{ stringToken: true }] }))),
    studioEnabled: bool,
    adoptLogGroups: pick(v(['/aws/sagemaker/TrainingJobs'], ['/aws/sagemaker/Endpoints/legacy', '/aws/sagemaker/studio'], []), v(['/aws/lambda/x'], ['/aws/sagemaker/x', '/aws/sagemaker/x'], ['/aws/sagemaker/'], ['/aws/sagemaker/a-b', '/aws/sagemaker/aB'])),
    deletionProtection: bool,
    scope: pick(fc.constant<Desc>({ scope: 'stack' })),
    tags,
  },
  { requiredKeys: ['destination'] },
);

/** The workload SageMakerAudit covers: its endpoint named, unnamed or named by a token. */
const endpointName = fc.constantFrom<'named' | 'unnamed' | 'token'>('named', 'unnamed', 'token');

const threatProps = fc.record(
  {
    destination: evidence,
    existingDetectorId: pick(fc.oneof(v('0123456789abcdef0123456789abcdef'), stringToken), v('not-a-detector', '')),
    s3ProtectionEnabled: bool,
    runtimeMonitoringEnabled: bool,
    tags,
  },
  { requiredKeys: ['destination'] },
);

const ids = (valid: fc.Arbitrary<string>) =>
  pick(
    fc.oneof(fc.array(valid, { minLength: 1, maxLength: 3 }).map((l): Desc => ({ list: l.map((x): Desc => ({ v: x })) })), fc.constant<Desc>({ list: [{ stringToken: true }] })),
    v([], ['']),
  );
const packProps = fc.record({
  organizationId: pick(v('o-a1b2c3d4e5'), v('org-1', '', 'O-A1B2C3D4E5')),
  accounts: ids(fc.constantFrom('111122223333', '444455556666')),
  regions: ids(fc.constantFrom('us-east-1', 'eu-west-1')),
  since: pick(v('2024/01/01', '2026/11/30', '2000/01/31'), v('2024-01-01', '2024/13/01', '1999/01/01', '')),
  databaseName: pick(v('forensic_evidence', 'case_4711', 'a'), v('Forensic', 'case-4711', '')),
  workgroupName: pick(v('forensic-investigation', 'case.4711', 'a'), v('case 4711', '', 'a'.repeat(129))),
  bytesScannedCutoffPerQuery: pick(fc.oneof(v(10_000_000, 1024 ** 4), numberToken), v(9_999_999, 1.5, -1, Infinity)),
  resultsRetention: pick(fc.oneof(fc.integer({ min: 1, max: 3650 }).map((d): Desc => ({ duration: d, unit: 'days' }))), fc.oneof(v(30), fc.constant<Desc>({ duration: 36, unit: 'hours' }))),
  flowLogsBucket: pick(fc.constant<Desc>({ lockedBucket: true }), v('bucket-name')),
});

// ---- the property ------------------------------------------------------------------------------

/**
 * The kit warnings that announce an error finding of a rule: a construct that raised one of them
 * has said that the rule will fire (a weaker choice made explicit).
 */
const ANNOUNCED_BY: Record<string, readonly WarningId[]> = {
  'AWS.S3.ObjectLockCompliance': [WARNINGS.SOAK_MODE, WARNINGS.SHORT_RETENTION],
  'AWS.Logs.EvidenceRetention': [WARNINGS.SHORT_RETENTION],
  'AWS.Config.RetentionPeriod': [WARNINGS.SHORT_RETENTION],
  'AWS.EC2.VpcFlowLogs': [WARNINGS.SHORT_RETENTION],
  'AWS.CloudTrail.CloudWatchLogs': [WARNINGS.WEAKENED_DEFAULT],
  'AWS.CloudTrail.SageMakerEndpointDataEvents': [WARNINGS.WEAKENED_DEFAULT],
  'AWS.GuardDuty.S3Protection': [WARNINGS.WEAKENED_DEFAULT],
  'AWS.SageMaker.ModelIsolation': [WARNINGS.WEAKENED_DEFAULT],
  'AWS.SageMaker.NotebookHardening': [WARNINGS.WEAKENED_DEFAULT],
  'AWS.SageMaker.EndpointVolumeKms': [WARNINGS.WEAKENED_DEFAULT],
};

const EVIDENCE_TAG = 'forensic-evidence-store';

/** The kit warning ids raised anywhere in the stack. */
function warningIds(stack: Stack): Set<string> {
  const ids = new Set<string>();
  for (const w of Annotations.fromStack(stack).findWarning('*', Match.anyValue())) {
    const m = /^\[(forensic-readiness:[a-z-]+)\]/.exec(String(w.entry.data));
    if (m) ids.add(m[1]);
  }
  return ids;
}

/** What the property needs to know of a built case. */
interface Subject {
  /** The bucket whose lock the case's `retention` and `immutability` asked for. */
  lockBucket?: s3.Bucket;
  /** Whether the case's `retention` applies to every log group of the template. */
  logGroups?: boolean;
  /** Rules about the case's fixtures that another construct answers (the DNS logging of a VPC made for FlowLogs). */
  otherConcerns?: readonly string[];
}

type Resources = Record<string, { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;

/** Judges a built case; throws with the reason when the property does not hold. */
function judge(c: Case, json: { Resources?: Resources }, subject: Subject = {}): void {
  const warned = warningIds(c.stack);
  const result = runRules(buildModel([loadDocument(json, 'case.template.json')]), ALL_RULES);
  const unannounced = result.findings.filter(
    (f) => f.severity === 'error' && !(subject.otherConcerns ?? []).includes(f.ruleId) && !(ANNOUNCED_BY[f.ruleId] ?? []).some((w) => warned.has(w)),
  );
  if (unannounced.length > 0) {
    throw new Error(`error findings no kit warning announced: ${unannounced.map((f) => `${f.ruleId} on ${f.constructPath ?? f.address}: ${f.message}`).join('; ')} (warnings: ${[...warned].join(', ') || 'none'})`);
  }
  const resources = json.Resources ?? {};
  const subjectId = subject?.lockBucket ? c.stack.getLogicalId(subject.lockBucket.node.defaultChild as s3.CfnBucket) : undefined;
  for (const [id, r] of Object.entries(resources)) {
    const tagged = r.Type === 'AWS::S3::Bucket' && (r.Properties?.Tags ?? []).some((t: { Key: string; Value: string }) => t.Key === EVIDENCE_TAG && t.Value === 'true');
    const store = tagged || r.Type === 'AWS::Logs::LogGroup';
    if (store && (r.DeletionPolicy !== 'Retain' || r.UpdateReplacePolicy !== 'Retain')) throw new Error(`evidence store ${id} (${r.Type}) is not retained: DeletionPolicy ${r.DeletionPolicy}, UpdateReplacePolicy ${r.UpdateReplacePolicy}`);
    const lock = r.Type === 'AWS::S3::Bucket' ? r.Properties?.ObjectLockConfiguration?.Rule?.DefaultRetention : undefined;
    if (lock) {
      const isSubject = id === subjectId;
      const soak = isSubject && c.asked.soak;
      if (!soak && lock.Mode !== 'COMPLIANCE') throw new Error(`bucket ${id}: asked LOCKED, got Object Lock ${lock.Mode}`);
      expectDays(`bucket ${id} Object Lock`, lock.Days, isSubject ? c.asked : { retentionIsToken: false, soak: false, retentionDays: 365 });
    }
    if (r.Type === 'AWS::Logs::LogGroup' && subject?.logGroups) expectDays(`log group ${id}`, r.Properties?.RetentionInDays, c.asked);
  }
}

/** The days written are the token itself when a token was asked, else at least the days asked. */
function expectDays(what: string, days: unknown, asked: Asked): void {
  if (asked.retentionIsToken) {
    if (JSON.stringify(days) !== JSON.stringify({ Ref: 'Days' })) throw new Error(`${what}: a token retention was asked, the template has ${JSON.stringify(days)}`);
    return;
  }
  const want = asked.retentionDays ?? 365;
  if (typeof days !== 'number' || days < want) throw new Error(`${what}: ${want} days asked, the template has ${JSON.stringify(days)}`);
}

/** Runs one construct's property and records its summary. */
function property<P extends Props>(
  construct: string,
  arb: fc.Arbitrary<P>,
  build: (c: Case, props: Record<string, unknown>) => Subject | void,
  names: readonly string[],
): void {
  test(`${construct}: hostile props are refused with the kit's error naming a prop, or build a template the checks pass`, () => {
    const runs = runsFor(PROPERTIES);
    let refused = 0;
    let built = 0;
    let cases = 0;
    fc.assert(
      // Now and then the props object itself is hostile (null, a number, a string, an array).
      fc.property(fc.oneof({ arbitrary: arb.map((p) => ({ p })), weight: 30 }, { arbitrary: hostile.map((h) => ({ h })), weight: 1 }), (input) => {
        cases++;
        const c = new Case(new Stack(new App({ context: CDK_CONTEXT }), 'Case'));
        const outcome = refusedOrBuilt(() => {
          const subject = build(c, 'p' in input ? c.props(input.p) : (input.h as Record<string, unknown>)) ?? {};
          return { subject, json: Template.fromStack(c.stack).toJSON() };
        }, ['props', ...names]);
        if ('refused' in outcome) {
          if (process.env.FR_PROPERTY_DEBUG) console.log(construct, outcome.refused.message);
          refused++;
          return;
        }
        built++;
        judge(c, outcome.built.json, outcome.built.subject);
      }),
      params(runs),
    );
    recordSummary({ cloud: 'aws', construct, cases, refused, built });
  });
}

const PROPERTIES = 9;
const EVIDENCE_BUCKET_PROPS = ['bucketName', 'retention', 'immutability', 'encryptionKey', 'breakGlassRole', 'serverAccessLogsBucket', 'serverAccessLogsEnabled', 'archive', 'replication', 'evidenceSource', 'tags'];

describe('AWS constructs under arbitrary props', () => {
  property('EvidenceBucket', evidenceBucketProps, (c, props) => {
    const b = new EvidenceBucket(c.stack, 'Subject', props as never);
    return { lockBucket: b.bucket };
  }, EVIDENCE_BUCKET_PROPS);

  property('AccessLogBucket', accessLogBucketProps, (c, props) => {
    new AccessLogBucket(c.stack, 'Subject', props as never);
  }, ['bucketName', 'breakGlassRole', 'replicateTo', 'replicatePrefixes', 'tags']);

  property('AuditTrail', fc.tuple(trailProps, orgTrail).map(([p, o]) => ({ ...p, ...o })), (c, props) => {
    // `retention` is the CloudWatch copy's: every lock of the template is the default one.
    new AuditTrail(c.stack, 'Subject', props as never);
    return { logGroups: true };
  }, ['destination', 'trailName', 'encryptionKey', 'cloudWatchLogsEnabled', 'retention', 'insightsEnabled', 'isOrganizationTrail', 'orgId', 'dataEvents', 'tags']);

  property('FlowLogs', flowLogsProps, (c, props) => {
    if (props?.coverScope === c.stack) vpc(c.stack, 'Covered');
    new FlowLogs(c.stack, 'Subject', props as never);
    return { logGroups: true, otherConcerns: ['AWS.Route53Resolver.VpcQueryLogging'] };
  }, ['vpcs', 'coverScope', 'destination', 'cloudWatchLogsEnabled', 'retention', 'maxAggregationIntervalSeconds', 'extraFields', 'encryptionKey', 'tags']);

  property('DnsQueryLogs', dnsProps, (c, props) => {
    new DnsQueryLogs(c.stack, 'Subject', props as never);
    return { otherConcerns: ['AWS.EC2.VpcFlowLogs'] };
  }, ['destination', 'vpcs', 'configName', 'tags']);

  property(
    'SageMakerAudit',
    fc.tuple(sageMakerProps, endpointName).map(([p, e]) => ({ ...p, endpoint: { v: e } as Desc })),
    (c, props) => {
      const plain = typeof props === 'object' && props !== null && !Array.isArray(props);
      const { endpoint, ...rest } = plain ? props : { endpoint: 'named' };
      workload(c, endpoint as 'named' | 'unnamed' | 'token');
      new SageMakerAudit(c.stack, 'Subject', (plain ? rest : props) as never);
      // The export of the endpoint's group into the evidence bucket is SageMakerJobLogs'.
      return { logGroups: true, otherConcerns: ['AWS.CloudTrail.SageMakerEndpointDataEvents', 'AWS.SageMaker.JobLogsExported'] };
    },
    ['destination', 'prefix', 'encryptionKey', 'samplingPercentage', 'scope', 'retention', 'hardeningEnabled', 'tags'],
  );

  property('ConfigurationHistory', configProps, (c, props) => {
    new ConfigurationHistory(c.stack, 'Subject', props as never);
  }, ['destination', 'prefix', 'snapshotDeliveryFrequency', 'retention', 'removeRetentionOnDelete', 'existingRecorder', 'tags']);
  property(
    'SageMakerJobLogs',
    fc.tuple(jobLogsProps, endpointName).map(([p, e]) => ({ ...p, endpoint: { v: e } as Desc })),
    (c, props) => {
      const plain = typeof props === 'object' && props !== null && !Array.isArray(props);
      const { endpoint, ...rest } = plain ? props : { endpoint: 'named' };
      workload(c, endpoint as 'named' | 'unnamed' | 'token');
      new SageMakerJobLogs(c.stack, 'Subject', (plain ? rest : props) as never);
      // Data capture and hardening of the workload are SageMakerAudit's; an unnamed endpoint has no group to create.
      return { logGroups: true, otherConcerns: ['AWS.CloudTrail.SageMakerEndpointDataEvents', 'AWS.SageMaker.DataCaptureInputOutput', 'AWS.SageMaker.DataCaptureKms', 'AWS.SageMaker.DataCaptureLockedDestination', 'AWS.SageMaker.EndpointVolumeKms', 'AWS.SageMaker.ModelIsolation', 'AWS.SageMaker.NotebookHardening'] };
    },
    ['destination', 'prefix', 'retention', 'encryptionKey', 'endpointNames', 'studioEnabled', 'adoptLogGroups', 'deletionProtection', 'scope', 'tags'],
  );

  property('StudioSourceIdentity', fc.record({ scope: pick(fc.constant<Desc>({ scope: 'stack' })) }, { requiredKeys: [] }), (c, props) => {
    const role = new iam.Role(c.stack, 'StudioRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    new sagemaker.CfnDomain(c.stack, 'Domain', { authMode: 'IAM', domainName: 'd', vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], defaultUserSettings: { executionRole: role.roleArn } });
    new StudioSourceIdentity(c.stack, 'Subject', props as never);
  }, ['scope']);

  property('InvestigationPack', packProps, (c, props) => {
    // Over the kit's trail; an organization trail when the case names an organization id.
    const plain = typeof props === 'object' && props !== null && !Array.isArray(props);
    const org = plain && props.organizationId !== undefined;
    const trail = new AuditTrail(c.stack, 'Trail', { destination: new EvidenceBucket(c.stack, 'Evidence'), ...(org ? { isOrganizationTrail: true, orgId: 'o-a1b2c3d4e5' } : {}) });
    new InvestigationPack(c.stack, 'Subject', (plain ? { ...props, trail } : props) as never);
  }, ['trail', 'cloudTrail', 'organizationId', 'accounts', 'regions', 'since', 'databaseName', 'workgroupName', 'bytesScannedCutoffPerQuery', 'resultsRetention', 'flowLogsBucket', 'dnsQueryLogs']);

  property('ThreatDetection', threatProps, (c, props) => {
    new ThreatDetection(c.stack, 'Subject', props as never);
  }, ['destination', 'existingDetectorId', 's3ProtectionEnabled', 'runtimeMonitoringEnabled', 'tags']);
});

/** A SageMaker model, endpoint config, endpoint and notebook for SageMakerAudit to cover. */
function workload(c: Case, endpoint: 'named' | 'unnamed' | 'token'): void {
  const model = new sagemaker.CfnModel(c.stack, 'Model', {
    executionRoleArn: 'arn:aws:iam::111122223333:role/model',
    primaryContainer: { image: 'example.com/image:1' },
    vpcConfig: { subnets: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
  });
  const config = new sagemaker.CfnEndpointConfig(c.stack, 'Config', {
    productionVariants: [{ variantName: 'a', modelName: model.attrModelName, initialInstanceCount: 1, instanceType: 'ml.m5.large' }],
  });
  const name = endpoint === 'named' ? 'prod-endpoint' : endpoint === 'token' ? (c.make({ stringToken: true }) as string) : undefined;
  new sagemaker.CfnEndpoint(c.stack, 'Endpoint', { endpointName: name, endpointConfigName: config.attrEndpointConfigName });
  new sagemaker.CfnNotebookInstance(c.stack, 'Notebook', {
    instanceType: 'ml.t3.medium',
    roleArn: 'arn:aws:iam::111122223333:role/nb',
    subnetId: 'subnet-0123456789abcdef0',
    securityGroupIds: ['sg-0123456789abcdef0'],
  });
}
