/**
 * Issue 11 misreads that had no test: a JSON and a YAML copy of one stack checked together, many
 * colliding files in any order and grouping, hashicorp/aws log buckets of load balancers and
 * CloudFront, a whole YAML template with a Rules section, and the evidence context through
 * `check --config`.
 */
import { CliIo, main } from '../../bin/cli';
import { buildModel, loadDocument, loadPaths } from '../../policies/engine/loader';
import { Finding } from '../../policies/engine/types';
import { runRules } from '../../policies/engine/runner';
import { ALL_RULES } from '../../policies/rules';
import { AWS_RULES } from '../../policies/rules/aws';
import { CloudTrailS3DataEvents } from '../../policies/rules/aws/CloudTrailS3DataEvents';
import { S3EvidenceVersioning } from '../../policies/rules/aws/S3EvidenceVersioning';
import { S3ObjectLockCompliance } from '../../policies/rules/aws/S3ObjectLockCompliance';
import { judge, scratchFolder, tfModel } from './helpers';

const scratch = scratchFolder('fr-misreads-');
const write = scratch.write;

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: scratch.dir(), rules: ALL_RULES };
  const code = main(argv, io);
  return { code, stdout, stderr };
}


/** One CloudFormation stack: a trail into an unlocked bucket, a short-retention log group it writes, a data bucket. */
const WEBAPP_JSON = {
  Resources: {
    TrailBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'webapp-trail' } },
    TrailGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'webapp', RetentionInDays: 7 } },
    Trail: {
      Type: 'AWS::CloudTrail::Trail',
      Properties: {
        IsLogging: true,
        S3BucketName: 'webapp-trail',
        CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:webapp:*',
        CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/t',
      },
    },
    Data: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'webapp-data' } },
  },
};
/** The same stack in YAML, with the same bucket and log group names, but the group kept a year and the trail bucket locked. */
const WEBAPP_YAML = [
  'AWSTemplateFormatVersion: 2010-09-09',
  'Resources:',
  '  TrailBucket:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      BucketName: webapp-trail',
  '      ObjectLockEnabled: true',
  '      VersioningConfiguration: {Status: Enabled}',
  '      ObjectLockConfiguration:',
  '        ObjectLockEnabled: Enabled',
  '        Rule: {DefaultRetention: {Mode: COMPLIANCE, Days: 400}}',
  '  TrailGroup:',
  '    Type: AWS::Logs::LogGroup',
  '    Properties:',
  '      LogGroupName: webapp',
  '      RetentionInDays: 400',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      IsLogging: true',
  '      S3BucketName: !Ref TrailBucket',
  '      CloudWatchLogsLogGroupArn: !GetAtt TrailGroup.Arn',
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/t',
  '  Data:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      BucketName: webapp-data',
  '',
].join('\n');

describe('check webapp.json webapp.yaml: names that collide across a JSON and a YAML copy', () => {
  const key = (f: { file: string; ruleId: string; address: string; message: string; verdict?: string }) => `${f.file}|${f.ruleId}|${f.address}|${f.message}`;
  const findingsOf = (files: string[]) => {
    const r = run(['check', ...files, '--format', 'json', '--fail-on', 'never']);
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout).findings as Finding[]).map(key).sort();
  };

  test('each file gets, together with the other and in either order, exactly the findings it gets alone', () => {
    write('webapp.json', JSON.stringify(WEBAPP_JSON));
    write('webapp.yaml', WEBAPP_YAML);
    const json = findingsOf(['webapp.json']);
    const yaml = findingsOf(['webapp.yaml']);
    // The two copies are judged differently alone, so a store found in the other file would show.
    expect(json.some((k) => k.startsWith('webapp.json|AWS.Logs.EvidenceRetention|TrailGroup|'))).toBe(true);
    expect(yaml.some((k) => k.startsWith('webapp.yaml|AWS.Logs.EvidenceRetention|TrailGroup|'))).toBe(false);
    const alone = [...json, ...yaml].sort();
    expect(findingsOf(['webapp.json', 'webapp.yaml'])).toEqual(alone);
    expect(findingsOf(['webapp.yaml', 'webapp.json'])).toEqual(alone);
  });
});

describe('many files with colliding names, in shuffled order and random groupings', () => {
  /** A small seeded generator (mulberry32), so a failure replays. */
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const NAMES = ['logs', 'test', 'evidence'];

  /** A CloudFormation template or hashicorp/aws Terraform JSON whose producers write into stores of its own, named from a tiny pool. */
  function file(i: number, r: () => number): [string, Record<string, any>] {
    const name = NAMES[Math.floor(r() * NAMES.length)];
    const locked = r() < 0.5;
    const retention = [1, 30, 365, 3653][Math.floor(r() * 4)];
    const flowToBucket = r() < 0.5;
    if (r() < 0.5) {
      const Resources: Record<string, any> = {
        Store: { Type: 'AWS::S3::Bucket', Properties: { BucketName: name, ...(locked ? { ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } } } } : {}) } },
        Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: name, RetentionInDays: retention } },
        // Every file has a trail: a trail of any input may record any input's buckets, so a file without one is judged differently with others.
        Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: name } },
        Flow: flowToBucket
          ? { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: `vpc-${i}`, TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${name}/flows/` } }
          : { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: `vpc-${i}`, TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogGroupName: name, DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/f' } },
      };
      return [`cfn-${i}.json`, { Resources }];
    }
    const resource: Record<string, any> = {
      aws_s3_bucket: { store: { bucket: name, ...(locked ? { object_lock_enabled: true } : {}) } },
      aws_cloudwatch_log_group: { group: { name, retention_in_days: retention } },
      aws_cloudtrail: { trail: { name: `t-${i}`, s3_bucket_name: name, cloud_watch_logs_group_arn: `arn:aws:logs:us-east-1:111122223333:log-group:${name}:*`, cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/t' } },
    };
    if (locked) resource.aws_s3_bucket_object_lock_configuration = { store: { bucket: '${aws_s3_bucket.store.id}', rule: { default_retention: { mode: 'COMPLIANCE', days: 400 } } } };
    return [`tf-${i}/cdk.tf.json`, { resource }];
  }

  test('200 CloudFormation and Terraform files: per file, the findings of the file alone', () => {
    const r = rng(20261207);
    const files = Array.from({ length: 200 }, (_, i) => file(i, r));
    const key = (f: Finding) => `${f.file}|${f.ruleId}|${f.address}|${f.verdict}|${f.message}`;
    const findingsOf = (docs: Array<[string, Record<string, any>]>) => runRules(buildModel(docs.map(([f, d]) => loadDocument(d, f))), AWS_RULES).findings.map(key);
    const alone = new Map(files.map(([f, d]) => [f, findingsOf([[f, d]]).sort()]));
    const expected = (docs: Array<[string, Record<string, any>]>) => docs.flatMap(([f]) => alone.get(f)!).sort();
    const shuffle = <T>(xs: T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    };
    // Every file in the run has findings of its own, of both formats.
    expect(files.filter(([f]) => f.startsWith('tf-')).length).toBeGreaterThan(50);
    expect(files.filter(([f]) => f.startsWith('cfn-')).length).toBeGreaterThan(50);
    // All files together, shuffled.
    expect(findingsOf(shuffle(files)).sort()).toEqual(expected(files));
    // Random groupings: split a shuffled copy into groups of 2 to 40 files.
    const order = shuffle(files);
    for (let at = 0; at < order.length; ) {
      const size = 2 + Math.floor(r() * 39);
      const group = order.slice(at, at + size);
      at += size;
      expect(findingsOf(group).sort()).toEqual(expected(group));
    }
  });
});

describe('hashicorp/aws log buckets of load balancers and CloudFront are evidence stores', () => {
  test('aws_lb, aws_alb and aws_elb access_logs and aws_cloudfront_distribution logging_config buckets need not be locked', () => {
    const model = tfModel({
      resource: {
        aws_s3_bucket: { lb_logs: { bucket: 'lb-logs' }, alb_logs: { bucket: 'alb-logs' }, elb_logs: { bucket: 'elb-logs' }, cdn_logs: { bucket: 'cdn-logs' }, data: { bucket: 'data' } },
        aws_lb: { web: { name: 'web', access_logs: { bucket: '${aws_s3_bucket.lb_logs.id}', enabled: true } } },
        aws_alb: { api: { name: 'api', access_logs: { bucket: '${aws_s3_bucket.alb_logs.bucket}', prefix: 'api', enabled: true } } },
        aws_elb: { classic: { name: 'classic', access_logs: { bucket: 'elb-logs', bucket_prefix: 'c', interval: 60 } } },
        aws_cloudfront_distribution: { cdn: { enabled: true, logging_config: { bucket: '${aws_s3_bucket.cdn_logs.bucket_domain_name}', prefix: 'cdn/', include_cookies: false } } },
      },
    });
    for (const id of ['lb_logs', 'alb_logs', 'elb_logs', 'cdn_logs']) {
      const address = `aws_s3_bucket.${id}`;
      expect([address, judge(S3ObjectLockCompliance, model, address).verdict]).toEqual([address, 'NOT_APPLICABLE']);
      // A log destination, not a data bucket whose reads a trail must record; kept versioned as evidence.
      expect([address, judge(CloudTrailS3DataEvents, model, address).verdict]).toEqual([address, 'NOT_APPLICABLE']);
      expect([address, judge(S3EvidenceVersioning, model, address).verdict]).toEqual([address, 'NON_COMPLIANT']);
    }
    // A bucket no producer writes is a data bucket.
    expect(judge(CloudTrailS3DataEvents, model, 'aws_s3_bucket.data').verdict).toBe('NON_COMPLIANT');
    expect(judge(S3EvidenceVersioning, model, 'aws_s3_bucket.data').verdict).toBe('NOT_APPLICABLE');
  });
});

describe('a whole CloudFormation YAML template with a Rules section', () => {
  const TEMPLATE = [
    'AWSTemplateFormatVersion: 2010-09-09',
    'Parameters:',
    '  Env: {Type: String, AllowedValues: [prod, dev], Default: prod}',
    '  Vpc: {Type: AWS::EC2::VPC::Id}',
    '  Subnets: {Type: List<AWS::EC2::Subnet::Id>}',
    'Rules:',
    '  ProdOnly:',
    '    RuleCondition: !Contains [[prod], !Ref Env]',
    '    Assertions:',
    '      - Assert: !EachMemberEquals [!RefAll AWS::EC2::VPC::Id, !Ref Vpc]',
    '        AssertDescription: one VPC',
    '      - Assert: !EachMemberIn [!ValueOfAll [AWS::EC2::Subnet::Id, VpcId], !RefAll AWS::EC2::VPC::Id]',
    '      - Assert: !Equals [!ValueOf [Vpc, Tags], prod]',
    'Resources:',
    '  Trail:',
    '    Type: AWS::CloudTrail::Trail',
    '    Properties:',
    '      IsLogging: false',
    '      S3BucketName: trail-logs',
    '',
  ].join('\n');

  test('loads through loadPaths and `check`: its resources are judged (exit 1, a finding)', () => {
    const file = write('rules/template.yaml', TEMPLATE);
    const { templates, failed } = loadPaths([file], { cwd: scratch.dir() });
    expect(failed).toEqual([]);
    expect(templates.map((t) => [t.file, t.format, t.resources.map((r) => r.address)])).toEqual([['rules/template.yaml', 'cloudformation', ['Trail']]]);
    const r = run(['check', 'rules/template.yaml', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toContainEqual(expect.objectContaining({ ruleId: 'AWS.CloudTrail.IsLogging', address: 'Trail', file: 'rules/template.yaml', message: 'Trail: IsLogging is false' }));
  });
});

describe('the evidence context through `check --config FILE`', () => {
  const TRAIL = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org';
  test('an organization trail with S3 data events removes AWS.CloudTrail.S3DataEvents from a workload bucket, and the reports say so', () => {
    write('ctx/workload.json', JSON.stringify({ Resources: { Data: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'training-data' } } } }));
    write('ctx/config.json', JSON.stringify({ context: { aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: 'all' } } } }));
    const s3DataEvents = (doc: { findings: Finding[] }) => doc.findings.filter((f) => f.ruleId === 'AWS.CloudTrail.S3DataEvents').map((f) => f.address);

    const without = run(['check', 'ctx/workload.json', '--format', 'json']);
    expect(without.stderr).toBe('');
    expect(s3DataEvents(JSON.parse(without.stdout))).toEqual(['Data']);
    expect(run(['check', 'ctx/workload.json']).stdout).toContain('Evidence context: none declared');

    const json = run(['check', 'ctx/workload.json', '--format', 'json', '--config', 'ctx/config.json']);
    expect(json.stderr).toBe('');
    const doc = JSON.parse(json.stdout);
    expect(s3DataEvents(doc)).toEqual([]);
    expect(doc.config.context).toEqual({ aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: 'all' } } });

    const text = run(['check', 'ctx/workload.json', '--config', 'ctx/config.json']);
    expect(text.stdout).toContain(`Evidence context assumed:\n  AWS organization trail ${TRAIL}: management events, S3 data events of every bucket`);
    expect(text.stdout).not.toContain('AWS.CloudTrail.S3DataEvents');
  });
});
