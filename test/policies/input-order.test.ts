/**
 * Verdicts never depend on the order of the inputs, nor on which other inputs a file is checked
 * with when its producers name stores of its own: stores are found by identity (the same file
 * first), never by the first file that happens to hold a name.
 */
import fc from 'fast-check';
import { buildModel, loadDocument } from '../../policies/engine/loader';
import { loadCloudFormation } from '../../policies/engine/load-cloudformation';
import { LoadedTemplate } from '../../policies/engine/template';
import { Finding } from '../../policies/engine/types';
import { runRules } from '../../policies/engine/runner';
import { AWS_RULES } from '../../policies/rules/aws';
import { EC2VpcFlowLogs } from '../../policies/rules/aws/EC2VpcFlowLogs';
import { LogsEvidenceRetention } from '../../policies/rules/aws/LogsEvidenceRetention';
import { judge } from './helpers';
import { bucket, lockedBucket, logGroup, trail } from './rules/aws/_fixtures';

const groupArn = (name: string) => `arn:aws:logs:us-east-1:111122223333:log-group:${name}:*`;

/** The same stack for two regions: each names its trail's log group `test`. */
function regionStack(retention: number): Record<string, any> {
  return {
    Resources: {
      TrailBucket: lockedBucket({ BucketName: `trail-${retention}` }),
      Group: logGroup({ LogGroupName: 'test', RetentionInDays: retention }),
      Trail: trail('TrailBucket', { CloudWatchLogsLogGroupArn: groupArn('test'), CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/t' }),
    },
  };
}

const load = (docs: ReadonlyArray<[string, Record<string, any>]>): LoadedTemplate[] => docs.map(([file, doc]) => loadCloudFormation(doc, file));

describe('input order and grouping', () => {
  it('links each template\'s trail to its own log group named alike, in either order', () => {
    for (const order of [
      [['eu.json', regionStack(1)], ['us.json', regionStack(365)]],
      [['us.json', regionStack(365)], ['eu.json', regionStack(1)]],
    ] as Array<Array<[string, Record<string, any>]>>) {
      const model = buildModel(load(order));
      const eu = model.resources.find((r) => r.sourceFile === 'eu.json' && r.address === 'Group')!;
      const us = model.resources.find((r) => r.sourceFile === 'us.json' && r.address === 'Group')!;
      const ctx = { model, config: { retentionFloorDays: 365, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 } };
      expect(LogsEvidenceRetention.isApplicable!(eu, ctx) && LogsEvidenceRetention.check(eu, ctx)).toEqual({ verdict: 'NON_COMPLIANT', reason: 'Group: RetentionInDays 1 is under the floor of 365 days (written by CloudTrail trail Trail)' });
      expect(LogsEvidenceRetention.isApplicable!(us, ctx) && LogsEvidenceRetention.check(us, ctx).verdict).toBe('COMPLIANT');
    }
  });

  it('links each hashicorp/aws Terraform file\'s trail to its own log group named alike, in either order', () => {
    const region = (retention: number) => ({
      resource: {
        aws_s3_bucket: { trail: { bucket: `trail-${retention}`, object_lock_enabled: true } },
        aws_cloudwatch_log_group: { group: { name: 'test', retention_in_days: retention } },
        aws_cloudtrail: { trail: { name: 't', s3_bucket_name: '${aws_s3_bucket.trail.id}', cloud_watch_logs_group_arn: groupArn('test'), cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/t' } },
      },
    });
    for (const order of [['eu', 'us'], ['us', 'eu']]) {
      const model = buildModel(order.map((f) => loadDocument(region(f === 'eu' ? 1 : 365), `${f}/cdk.tf.json`)));
      const group = (f: string) => model.resources.find((r) => r.sourceFile === `${f}/cdk.tf.json` && r.address === 'aws_cloudwatch_log_group.group')!;
      const ctx = { model, config: { retentionFloorDays: 365, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 } };
      expect(LogsEvidenceRetention.isApplicable!(group('eu'), ctx) && LogsEvidenceRetention.check(group('eu'), ctx).verdict).toBe('NON_COMPLIANT');
      expect(LogsEvidenceRetention.isApplicable!(group('us'), ctx) && LogsEvidenceRetention.check(group('us'), ctx).verdict).toBe('COMPLIANT');
    }
  });

  it('judges every store of a name that two other inputs hold, never only the first one\'s', () => {
    const other = { Resources: { Trail: trail('TrailBucket', { CloudWatchLogsLogGroupArn: groupArn('test'), CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/t' }), TrailBucket: lockedBucket() } };
    const stores = (retention: number) => ({ Resources: { Group: logGroup({ LogGroupName: 'test', RetentionInDays: retention }) } });
    for (const order of [['a', 'b'], ['b', 'a']]) {
      const docs = order.map((f): [string, Record<string, any>] => [`${f}.json`, stores(f === 'a' ? 1 : 365)]);
      const model = buildModel(load([...docs, ['trail.json', other]]));
      const group = (file: string) => model.resources.find((r) => r.sourceFile === file && r.address === 'Group')!;
      const ctx = { model, config: { retentionFloorDays: 365, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 } };
      expect(LogsEvidenceRetention.isApplicable!(group('a.json'), ctx) && LogsEvidenceRetention.check(group('a.json'), ctx)).toEqual({
        verdict: 'NON_COMPLIANT',
        reason: 'Group: RetentionInDays 1 is under the floor of 365 days (written by CloudTrail trail Trail)',
      });
      expect(LogsEvidenceRetention.isApplicable!(group('b.json'), ctx) && LogsEvidenceRetention.check(group('b.json'), ctx).verdict).toBe('COMPLIANT');
    }
    // A flow log naming the ambiguous group cannot say which retention applies.
    const flow = { Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } }, Flow: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: { Ref: 'Vpc' }, TrafficType: 'ALL', LogGroupName: 'test', DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/f' } } } };
    const model = buildModel(load([['a.json', stores(1)], ['b.json', stores(365)], ['flow.json', flow]]));
    const vpc = model.resources.find((r) => r.sourceFile === 'flow.json' && r.address === 'Vpc')!;
    expect(EC2VpcFlowLogs.check(vpc, { model, config: { retentionFloorDays: 365, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 } })).toEqual({
      verdict: 'UNKNOWN',
      reason: expect.stringContaining('the log group is ambiguous: "test" names a store in several other inputs, so which one is meant cannot be known'),
    });
    // With one holder, the cross-input link is made (a stack naming another stack's log group).
    const one = buildModel(load([['a.json', stores(1)], ['trail.json', other]]));
    expect(judge(LogsEvidenceRetention, one, 'Group').verdict).toBe('NON_COMPLIANT');
  });

  it('gives every file the same findings whatever the order and grouping of the inputs (property)', () => {
    // Templates over a tiny pool of names, so that names collide across files; every producer
    // names a store of its own file, so a file's findings must be the ones it gets alone.
    const NAMES = ['logs', 'test', 'evidence'] as const;
    const store = fc.record({
      name: fc.constantFrom(...NAMES),
      locked: fc.boolean(),
      retention: fc.constantFrom(1, 30, 365, 3653),
      kind: fc.constantFrom('bucket', 'group'),
    });
    const template = fc.uniqueArray(store, { minLength: 1, maxLength: 3, selector: (s) => `${s.kind}:${s.name}` }).chain((stores) =>
      fc.record({ stores: fc.constant(stores), producers: fc.subarray(stores.map((_, i) => i)) }),
    );
    const toDoc = (t: { stores: Array<{ name: string; locked: boolean; retention: number; kind: string }>; producers: number[] }): Record<string, any> => {
      const resources: Record<string, any> = {};
      t.stores.forEach((s, i) => {
        resources[`Store${i}`] = s.kind === 'bucket' ? (s.locked ? lockedBucket({ BucketName: s.name }) : bucket({ BucketName: s.name })) : logGroup({ LogGroupName: s.name, RetentionInDays: s.retention });
      });
      for (const i of t.producers) {
        const s = t.stores[i];
        resources[`Producer${i}`] =
          s.kind === 'bucket'
            ? { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: `vpc-${i}`, TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${s.name}/flows/` } }
            : { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: `vpc-${i}`, TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogGroupName: s.name, DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/f' } };
      }
      return { Resources: resources };
    };
    const key = (f: Finding) => `${f.file}|${f.ruleId}|${f.address}|${f.verdict}|${f.message}`;
    const findingsOf = (docs: Array<[string, Record<string, any>]>) => runRules(buildModel(load(docs)), AWS_RULES).findings.map(key).sort();
    fc.assert(
      fc.property(fc.array(template, { minLength: 2, maxLength: 5 }), fc.infiniteStream(fc.nat()), (templates, rand) => {
        const docs = templates.map((t, i): [string, Record<string, any>] => [`stack-${i}.json`, toDoc(t)]);
        const alone = docs.flatMap((d) => findingsOf([d])).sort();
        const shuffled = [...docs];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = rand.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(findingsOf(shuffled)).toEqual(alone);
        expect(findingsOf([...docs].reverse())).toEqual(alone);
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });
});
