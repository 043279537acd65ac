/**
 * The evidence context: evidence produced outside the checked inputs (an organization trail,
 * central flow-log and DNS-log collection, central stores) declared by the user, judged as stated
 * and named in every report.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfigFile } from '../../policies/engine/config';
import { EvidenceContext, parseEvidenceContext } from '../../policies/engine/context';
import { loadCloudFormation } from '../../policies/engine/load-cloudformation';
import { runInSynth } from '../../policies/adapters/in-synth';
import { DEFAULT_RULE_CONFIG, RuleConfig } from '../../policies/engine/types';
import { CloudTrailS3DataEvents } from '../../policies/rules/aws/CloudTrailS3DataEvents';
import { CloudTrailSageMakerEndpointDataEvents } from '../../policies/rules/aws/CloudTrailSageMakerEndpointDataEvents';
import { EC2VpcFlowLogs } from '../../policies/rules/aws/EC2VpcFlowLogs';
import { Route53ResolverVpcQueryLogging } from '../../policies/rules/aws/Route53ResolverVpcQueryLogging';
import { AWS_RULES } from '../../policies/rules/aws';
import { buildReport } from '../../policies/report/report';
import { TEXT_RENDERER } from '../../policies/report/text';
import { SARIF_RENDERER } from '../../policies/report/sarif';
import { JSON_RENDERER } from '../../policies/report/json';
import { MARKDOWN_RENDERER } from '../../policies/report/markdown';
import { HTML_RENDERER } from '../../policies/report/html';
import { JUNIT_RENDERER } from '../../policies/report/junit';
import { runRules } from '../../policies/engine/runner';
import { cfnModel, judge } from './helpers';
import { bucket } from './rules/aws/_fixtures';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org';
const LOGS = 'arn:aws:logs:us-east-1:111122223333:log-group:central-flows';
const withContext = (context: EvidenceContext): RuleConfig => ({ ...DEFAULT_RULE_CONFIG, context });
/** A workload stack: a named and a generated data bucket, a VPC, an endpoint; no trail, no flow log. */
const workload = () =>
  cfnModel({
    Resources: {
      Named: bucket({ BucketName: 'training-data' }),
      Generated: bucket(),
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Endpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'c' } },
    },
  });

describe('evidence context', () => {
  it('judges a workload stack alone as today when nothing is declared', () => {
    const m = workload();
    // Nothing is declared: the message says what to declare, never that something is declared.
    expect(judge(CloudTrailS3DataEvents, m, 'Named')).toEqual({ verdict: 'NON_COMPLIANT', reason: 'Named: the inputs have no AWS::CloudTrail::Trail, so no S3 data events are recorded for it (if an organization trail records them, declare it in the evidence context)' });
    expect(judge(CloudTrailSageMakerEndpointDataEvents, m, 'Endpoint').reason).toBe('Endpoint: the inputs have no AWS::CloudTrail::Trail, so no endpoint data events are recorded (if an organization trail records them, declare it in the evidence context)');
    const managementOnly = withContext({ aws: { organizationTrail: { trailArn: TRAIL } } });
    expect(judge(CloudTrailS3DataEvents, m, 'Named', managementOnly).reason).toBe(`Named: the inputs have no AWS::CloudTrail::Trail, so no S3 data events are recorded for it (the organization trail ${TRAIL} declared in the evidence context does not record them)`);
    expect(judge(EC2VpcFlowLogs, m, 'Vpc').verdict).toBe('NON_COMPLIANT');
    expect(judge(Route53ResolverVpcQueryLogging, m, 'Vpc').verdict).toBe('NON_COMPLIANT');
    expect(judge(CloudTrailSageMakerEndpointDataEvents, m, 'Endpoint').verdict).toBe('NON_COMPLIANT');
  });

  it('takes an organization trail recording S3 data events of every bucket', () => {
    const cfg = withContext({ aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: 'all' } } });
    for (const id of ['Named', 'Generated']) {
      expect(judge(CloudTrailS3DataEvents, workload(), id, cfg)).toEqual({ verdict: 'COMPLIANT', reason: `${id}: recorded by the organization trail ${TRAIL} (declared in the evidence context)` });
    }
  });

  it('takes an organization trail recording listed buckets: listed passes, unlisted fails, a generated name is UNKNOWN', () => {
    const cfg = withContext({ aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::training-data/', 'arn:aws:s3:::other'] } } });
    expect(judge(CloudTrailS3DataEvents, workload(), 'Named', cfg).verdict).toBe('COMPLIANT');
    expect(judge(CloudTrailS3DataEvents, workload(), 'Generated', cfg)).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/name is only known at deploy.*records listed buckets/) });
    const other = withContext({ aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::other'] } } });
    expect(judge(CloudTrailS3DataEvents, workload(), 'Named', other).verdict).toBe('NON_COMPLIANT');
    // Management events only: no data events at all.
    expect(judge(CloudTrailS3DataEvents, workload(), 'Named', withContext({ aws: { organizationTrail: { trailArn: TRAIL } } })).verdict).toBe('NON_COMPLIANT');
  });

  it('takes central flow-log and DNS-log collection and an org trail with SageMaker data events', () => {
    const cfg = withContext({ aws: { flowLogs: { collectedBy: 'the network account' }, dnsQueryLogs: { collectedBy: 'a RAM-shared query log config' }, organizationTrail: { trailArn: TRAIL, sageMakerDataEvents: true } } });
    expect(judge(EC2VpcFlowLogs, workload(), 'Vpc', cfg)).toEqual({ verdict: 'COMPLIANT', reason: 'Vpc: flow logs are collected by the network account (declared in the evidence context)' });
    expect(judge(Route53ResolverVpcQueryLogging, workload(), 'Vpc', cfg).reason).toBe('Vpc: Resolver query logs are collected by a RAM-shared query log config (declared in the evidence context)');
    expect(judge(CloudTrailSageMakerEndpointDataEvents, workload(), 'Endpoint', cfg).verdict).toBe('COMPLIANT');
  });

  it('judges a flow log into a central log group by the retention the context declares for it', () => {
    const group = 'arn:aws:logs:us-east-1:111122223333:log-group:org-flow-logs';
    const m = () =>
      cfnModel({
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
          Flow: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogDestination: group, DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/f' } },
        },
      });
    const store = (retentionDays: number) => withContext({ aws: { evidenceStores: [{ arn: group, lock: 'none', retentionDays }] } });
    expect(judge(EC2VpcFlowLogs, m(), 'Vpc').verdict).toBe('UNKNOWN');
    expect(judge(EC2VpcFlowLogs, m(), 'Vpc', store(3653))).toEqual({ verdict: 'COMPLIANT', reason: expect.stringContaining(`${group}, declared in the evidence context with a retention of 3653 days`) });
    expect(judge(EC2VpcFlowLogs, m(), 'Vpc', store(30))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/retention of 30 days, under the floor of 365 days/) });
  });

  it('never takes a bucket declaration for a log group of the same name: a flow log into log group org-evidence stays UNKNOWN', () => {
    const m = () =>
      cfnModel({
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
          Flow: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Vpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogGroupName: 'org-evidence', DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/f' } },
        },
      });
    const bucketOfThatName = withContext({ aws: { evidenceStores: [{ arn: 'arn:aws:s3:::org-evidence', lock: 'COMPLIANCE', retentionDays: 3653 }] } });
    expect(judge(EC2VpcFlowLogs, m(), 'Vpc', bucketOfThatName)).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('log group "org-evidence" is not in this template') });
    // A log group's declaration names its ARN: a bare name says neither account nor region.
    const groupArn = withContext({ aws: { evidenceStores: [{ arn: 'arn:aws:logs:us-east-1:111122223333:log-group:org-evidence', lock: 'none', retentionDays: 3653 }] } });
    expect(judge(EC2VpcFlowLogs, m(), 'Vpc', groupArn).verdict).toBe('UNKNOWN');
  });

  it('is named in every report: text and SARIF say which context was assumed, or that none was', () => {
    const m = workload();
    const none = buildReport(runRules(m, AWS_RULES));
    expect(TEXT_RENDERER.render(none)).toContain('Evidence context: none declared: every producer and evidence store must be in the inputs');
    const declared = buildReport(runRules(m, AWS_RULES, withContext({ aws: { flowLogs: { collectedBy: 'the network account' } } })));
    expect(TEXT_RENDERER.render(declared)).toContain('Evidence context assumed:\n  AWS VPC flow logs collected by the network account');
    expect(JSON.parse(SARIF_RENDERER.render(declared)).runs[0].properties.evidenceContext).toEqual(['AWS VPC flow logs collected by the network account']);
    // JSON says it whether or not a context is declared; Markdown and HTML name it too.
    expect(JSON.parse(JSON_RENDERER.render(none)).evidenceContext).toEqual(['none declared: every producer and evidence store must be in the inputs']);
    expect(JSON.parse(JSON_RENDERER.render(declared)).evidenceContext).toEqual(['AWS VPC flow logs collected by the network account']);
    expect(MARKDOWN_RENDERER.render(declared)).toContain('**Evidence context assumed:**\n\n- AWS VPC flow logs collected by the network account');
    expect(HTML_RENDERER.render(declared)).toMatch(/id="evidence-context"[^]*AWS VPC flow logs collected by the network account/);
    expect(HTML_RENDERER.render(none)).toMatch(/id="evidence-context"[^]*none declared/);
  });

  it('is named in the JUnit report too: every test suite has one property per line of the context assumed, or says none was', () => {
    const m = workload();
    const none = JUNIT_RENDERER.render(buildReport(runRules(m, AWS_RULES)));
    const noneProps = '    <properties>\n      <property name="evidenceContext" value="none declared: every producer and evidence store must be in the inputs"/>\n    </properties>';
    const suites = none.match(/<testsuite [^>]*>\n[^]*?<\/testsuite>/g) ?? [];
    expect(suites).toHaveLength(AWS_RULES.length);
    for (const suite of suites) expect(suite).toMatch(new RegExp(`^<testsuite [^>]*>\\n${noneProps.replace(/[/]/g, '\\/')}\\n`));
    const context = withContext({ aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: 'all' }, flowLogs: { collectedBy: 'the <network> account' } } });
    const declared = JUNIT_RENDERER.render(buildReport(runRules(m, AWS_RULES, context)));
    const props = [
      '    <properties>',
      `      <property name="evidenceContext" value="AWS organization trail ${TRAIL}: management events, S3 data events of every bucket"/>`,
      '      <property name="evidenceContext" value="AWS VPC flow logs collected by the &lt;network&gt; account"/>',
      '    </properties>',
    ].join('\n');
    expect(declared.split(props).length - 1).toBe(AWS_RULES.length);
  });

  it('is read from the config file beside the thresholds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-context-'));
    const file = path.join(dir, 'c.json');
    fs.writeFileSync(file, JSON.stringify({ retentionFloorDays: 400, context: { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::org-evidence', lock: 'COMPLIANCE', retentionDays: 3653 }] } } }));
    expect(loadConfigFile(file, 'c.json')).toEqual({ retentionFloorDays: 400, context: { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::org-evidence', lock: 'COMPLIANCE', retentionDays: 3653 }] } } });
    fs.writeFileSync(file, JSON.stringify({ context: { aws: { flowLogs: {} } } }));
    expect(() => loadConfigFile(file, 'c.json')).toThrow('c.json: context.aws.flowLogs.collectedBy must be a non-empty string, got nothing');
  });

  it('is checked in-synth as strictly, and logged', () => {
    const template = loadCloudFormation({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } } }, 'Stack.template.json');
    const lines: string[] = [];
    const result = runInSynth([template], [EC2VpcFlowLogs], { config: { context: { aws: { flowLogs: { collectedBy: 'the network account' } } } }, log: (l) => lines.push(l) });
    expect(result.findings).toEqual([]);
    expect(lines).toEqual(['forensic-readiness: evidence context assumed: AWS VPC flow logs collected by the network account']);
    expect(() => runInSynth([template], [EC2VpcFlowLogs], { config: { context: { aws: { flowLog: {} } } as never } })).toThrow('config.context: unknown key "flowLog" in context.aws');
  });

  it('in synth, a template acknowledging a rule id none of the rules has fails, naming the file, the resource and the id', () => {
    const ack = (ruleId: string) => loadCloudFormation({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' }, Metadata: { 'forensic-readiness': { acknowledgements: [{ ruleId, reason: 'central flow logs in the network account' }] } } } } }, 'Stack.template.json');
    expect(() => runInSynth([ack('AWS.EC2.VpcFlowLog')], [EC2VpcFlowLogs], { log: () => undefined })).toThrow(
      'Stack.template.json: Vpc: acknowledgement of unknown rule id "AWS.EC2.VpcFlowLog" (the rule ids are in RULES.md); it would waive nothing and be listed in no report',
    );
    expect(runInSynth([ack('AWS.EC2.VpcFlowLogs')], [EC2VpcFlowLogs], { log: () => undefined }).findings).toEqual([]);
  });

  test('distinct stores are each declared: a bucket and a log group of one name, two buckets', () => {
    const stores = [
      { arn: 'arn:aws:s3:::central', lock: 'COMPLIANCE', retentionDays: 3653 },
      { arn: 'arn:aws:s3:::central-2', lock: 'GOVERNANCE', retentionDays: 30 },
      { arn: 'arn:aws:logs:us-east-1:111122223333:log-group:central', lock: 'none', retentionDays: 400 },
      { arn: 'arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/aws/vpc/flow-logs.central_1#a:*', lock: 'none', retentionDays: 400 },
      { arn: 'arn:aws-cn:s3:::Legacy_Bucket.1', lock: 'COMPLIANCE', retentionDays: 1 },
    ];
    expect(parseEvidenceContext({ aws: { evidenceStores: stores } }, 'c').aws?.evidenceStores).toEqual(stores);
  });

  describe('refuses a malformed declaration with one line naming the key', () => {
    const cases: Array<[string, unknown, string]> = [
      ['not an object', 'aws', 'c: context must be an object, got string "aws"'],
      ['an unknown cloud', { gcp: {} }, 'c: unknown key "gcp" in context (known: aws)'],
      ['a trail ARN that is not one', { aws: { organizationTrail: { trailArn: 'org' } } }, 'c: context.aws.organizationTrail.trailArn must be a CloudTrail trail ARN (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME), got string "org"'],
      ['s3DataEvents neither all nor a list', { aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: 'some' } } }, 'c: context.aws.organizationTrail.s3DataEvents must be "all" or a list of bucket ARNs, got string "some"'],
      ['an object prefix (a part of a bucket is not the bucket)', { aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::b/raw/'] } } }, 'c: context.aws.organizationTrail.s3DataEvents[0] must be a bucket ARN (arn:aws:s3:::NAME or arn:aws:s3:::NAME/), got string "arn:aws:s3:::b/raw/"'],
      ['a non-boolean flag', { aws: { organizationTrail: { trailArn: TRAIL, sageMakerDataEvents: 'yes' } } }, 'c: context.aws.organizationTrail.sageMakerDataEvents must be true or false, got string "yes"'],
      ['stores not a list', { aws: { evidenceStores: {} } }, 'c: context.aws.evidenceStores must be a list, got an object'],
      ['a store ARN of another service', { aws: { evidenceStores: [{ arn: 'arn:aws:sqs:us-east-1:111122223333:q', lock: 'COMPLIANCE', retentionDays: 1 }] } }, 'c: context.aws.evidenceStores[0].arn must be an S3 bucket ARN or a log group ARN (arn:aws:s3:::NAME, arn:aws:logs:REGION:ACCOUNT:log-group:NAME), got string "arn:aws:sqs:us-east-1:111122223333:q"'],
      // A wildcard or a malformed ARN matches no destination: accepted, it would declare nothing, silently.
      ['a store ARN that is a wildcard of buckets', { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::*', lock: 'COMPLIANCE', retentionDays: 3653 }] } }, 'c: context.aws.evidenceStores[0].arn must be an S3 bucket ARN or a log group ARN (arn:aws:s3:::NAME, arn:aws:logs:REGION:ACCOUNT:log-group:NAME), got string "arn:aws:s3:::*": a wildcard declares no store; declare each central store by its own ARN'],
      ['a store ARN with a wildcard in the bucket name', { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::org-evidence-*', lock: 'COMPLIANCE', retentionDays: 3653 }] } }, 'got string "arn:aws:s3:::org-evidence-*": a wildcard declares no store'],
      ['a log group ARN that is a wildcard', { aws: { evidenceStores: [{ arn: 'arn:aws:logs:us-east-1:111122223333:log-group:*', lock: 'none', retentionDays: 400 }] } }, 'got string "arn:aws:logs:us-east-1:111122223333:log-group:*": a wildcard declares no store'],
      ['a log group ARN with a wildcard in its name', { aws: { evidenceStores: [{ arn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/vpc/*:*', lock: 'none', retentionDays: 400 }] } }, 'got string "arn:aws:logs:us-east-1:111122223333:log-group:/aws/vpc/*:*": a wildcard declares no store'],
      ['a bucket ARN with a colon in the name', { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::bucket:extra', lock: 'COMPLIANCE', retentionDays: 1 }] } }, 'c: context.aws.evidenceStores[0].arn must be an S3 bucket ARN or a log group ARN (arn:aws:s3:::NAME, arn:aws:logs:REGION:ACCOUNT:log-group:NAME), got string "arn:aws:s3:::bucket:extra"'],
      ['a partition that is none', { aws: { evidenceStores: [{ arn: 'arn:awsx:s3:::b', lock: 'COMPLIANCE', retentionDays: 1 }] } }, 'got string "arn:awsx:s3:::b"'],
      ['a data-event bucket that is a wildcard (every bucket is "all")', { aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::*'] } } }, 'c: context.aws.organizationTrail.s3DataEvents[0] must be a bucket ARN (arn:aws:s3:::NAME or arn:aws:s3:::NAME/), got string "arn:aws:s3:::*": a wildcard names no bucket; a trail that records the data events of every bucket is declared s3DataEvents: "all"'],
      ['CloudTrail\'s own spelling of every bucket (arn:aws:s3)', { aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3'] } } }, 'got string "arn:aws:s3": a trail that records the data events of every bucket is declared s3DataEvents: "all"'],
      ['every bucket as arn:aws:s3:::', { aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::'] } } }, 'got string "arn:aws:s3:::": a trail that records the data events of every bucket is declared s3DataEvents: "all"'],
      ['a data-event bucket with a wildcard in its name', { aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::train-*/'] } } }, 'got string "arn:aws:s3:::train-*/": a wildcard names no bucket'],
      ['a trail ARN that is a wildcard', { aws: { organizationTrail: { trailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/*' } } }, 'c: context.aws.organizationTrail.trailArn must be a CloudTrail trail ARN (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME), got string "arn:aws:cloudtrail:us-east-1:111122223333:trail/*": a wildcard names no trail'],
      ['an unknown lock mode', { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::b', lock: 'LEGAL', retentionDays: 1 }] } }, 'c: context.aws.evidenceStores[0].lock must be COMPLIANCE, GOVERNANCE or none, got string "LEGAL"'],
      ['a fractional retention', { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::b', lock: 'COMPLIANCE', retentionDays: 1.5 }] } }, 'c: context.aws.evidenceStores[0].retentionDays must be an integer from 1 to 36500, got number 1.5'],
      ['one store declared twice, contradicting itself', { aws: { evidenceStores: [{ arn: LOGS, lock: 'none', retentionDays: 3653 }, { arn: 'arn:aws:s3:::other', lock: 'COMPLIANCE', retentionDays: 1 }, { arn: LOGS, lock: 'none', retentionDays: 1 }] } }, `c: context.aws.evidenceStores[2].arn declares ${LOGS} again (first at context.aws.evidenceStores[0]); declare each store once`],
      ['one store declared twice, as identical entries', { aws: { evidenceStores: [{ arn: 'arn:aws:s3:::b', lock: 'COMPLIANCE', retentionDays: 1 }, { arn: 'arn:aws:s3:::b', lock: 'COMPLIANCE', retentionDays: 1 }] } }, 'c: context.aws.evidenceStores[1].arn declares arn:aws:s3:::b again (first at context.aws.evidenceStores[0])'],
      ['one store named as destinations match it (another partition, a trailing :*)', { aws: { evidenceStores: [{ arn: 'arn:aws-us-gov:s3:::b', lock: 'COMPLIANCE', retentionDays: 1 }, { arn: 'arn:aws:s3:::b', lock: 'none', retentionDays: 1 }, { arn: LOGS, lock: 'none', retentionDays: 1 }, { arn: `${LOGS}:*`, lock: 'none', retentionDays: 400 }] } }, 'c: context.aws.evidenceStores[1].arn declares arn:aws:s3:::b again (first at context.aws.evidenceStores[0])'],
    ];
    it.each(cases)('%s', (_name, raw, message) => {
      expect(() => parseEvidenceContext(raw, 'c')).toThrow(message);
    });
  });
});
