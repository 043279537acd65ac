/**
 * A CloudFormation parameter's Default is what the deploy uses unless `--parameters` sets another
 * value. A verdict resting on a default must hold for any value the deploy may give: a pass that
 * only holds for the default is UNKNOWN naming the parameter, a default that fails is NON_COMPLIANT
 * (the deploy as written fails), and a parameter whose AllowedValues leave one value is that value.
 */
import { runRules } from '../../policies/engine/runner';
import { Rule } from '../../policies/engine/types';
import { CloudTrailIsLogging } from '../../policies/rules/aws/CloudTrailIsLogging';
import { CloudTrailS3DataEvents } from '../../policies/rules/aws/CloudTrailS3DataEvents';
import { S3ObjectLockCompliance } from '../../policies/rules/aws/S3ObjectLockCompliance';
import { cfnModel } from './helpers';
import { bucket, dataSelector, lockedBucket, objectsArn, trail } from './rules/aws/_fixtures';

/** The verdict and reason the runner gives `address` for `rule` (worlds included). */
function verdictOf(rule: Rule, template: Parameters<typeof cfnModel>[0], address: string): { verdict: string; reason: string } | 'passed' {
  const r = runRules(cfnModel(template), [rule]);
  const f = r.findings.find((x) => x.address === address);
  if (f) return { verdict: f.verdict, reason: f.message };
  const e = r.evaluations.find((x) => x.resource.address === address);
  return e?.verdict === 'COMPLIANT' ? 'passed' : { verdict: e?.verdict ?? 'none', reason: '' };
}

const lockWith = (retention: Record<string, unknown>) => lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: retention } } });

describe('CloudFormation parameters the deploy may set', () => {
  test('a lock mode from a parameter whose default is COMPLIANCE but whose AllowedValues permit GOVERNANCE is UNKNOWN, naming the parameter and what another value gives', () => {
    const template = {
      Parameters: { Mode: { Type: 'String', Default: 'COMPLIANCE', AllowedValues: ['COMPLIANCE', 'GOVERNANCE'] } },
      Resources: { TrailBucket: lockWith({ Mode: { Ref: 'Mode' }, Days: 365 }), Trail: trail() },
    };
    expect(verdictOf(S3ObjectLockCompliance, template, 'TrailBucket')).toEqual({
      verdict: 'UNKNOWN',
      reason: expect.stringMatching(/, but only the deploy decides parameter Mode \(default "COMPLIANCE"\) \(--parameters may set another value\); with another value: .*Mode/),
    });
  });

  test('a retention in days from a Number parameter with a default is UNKNOWN (a deploy may pass Days=1)', () => {
    const template = { Parameters: { Days: { Type: 'Number', Default: 365 } }, Resources: { TrailBucket: lockWith({ Mode: 'COMPLIANCE', Days: { Ref: 'Days' } }), Trail: trail() } };
    expect(verdictOf(S3ObjectLockCompliance, template, 'TrailBucket')).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('only the deploy decides parameter Days (default 365)') });
  });

  test('a parameter used through Fn::Sub counts as used', () => {
    const template = { Parameters: { Days: { Type: 'Number', Default: 365 } }, Resources: { TrailBucket: lockWith({ Mode: 'COMPLIANCE', Days: { 'Fn::Sub': '${Days}' } }), Trail: trail() } };
    expect(verdictOf(S3ObjectLockCompliance, template, 'TrailBucket')).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('parameter Days (default 365)') });
  });

  test('a default that fails is NON_COMPLIANT: the deploy as written does not log', () => {
    const template = { Parameters: { Logging: { Type: 'String', Default: 'false' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail('TrailBucket', { IsLogging: { Ref: 'Logging' } }) } };
    expect(verdictOf(CloudTrailIsLogging, template, 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: 'Trail: IsLogging is "false"' });
  });

  test('a parameter whose AllowedValues hold one value is that value: the lock passes', () => {
    const template = { Parameters: { Mode: { Type: 'String', Default: 'COMPLIANCE', AllowedValues: ['COMPLIANCE'] } }, Resources: { TrailBucket: lockWith({ Mode: { Ref: 'Mode' }, Days: 365 }), Trail: trail() } };
    expect(verdictOf(S3ObjectLockCompliance, template, 'TrailBucket')).toBe('passed');
  });

  test('a parameter no resource uses, or one whose value the verdict does not rest on, leaves a pass a pass', () => {
    const unused = { Parameters: { Env: { Type: 'String', Default: 'prod' } }, Resources: { TrailBucket: lockedBucket(), Trail: trail() } };
    expect(verdictOf(S3ObjectLockCompliance, unused, 'TrailBucket')).toBe('passed');
    const tagOnly = { Parameters: { Env: { Type: 'String', Default: 'prod' } }, Resources: { TrailBucket: lockedBucket({ Tags: [{ Key: 'env', Value: { Ref: 'Env' } }] }), Trail: trail() } };
    expect(verdictOf(S3ObjectLockCompliance, tagOnly, 'TrailBucket')).toBe('passed');
  });

  const ENV = { Env: { Type: 'String', Default: 'prod', AllowedValues: ['prod', 'dev'] } };
  const IS_PROD = { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };

  test('Fn::If over a condition that holds by a parameter default is UNKNOWN: another value picks the other branch', () => {
    const template = { Parameters: ENV, Conditions: IS_PROD, Resources: { TrailBucket: lockWith({ Mode: { 'Fn::If': ['IsProd', 'COMPLIANCE', 'GOVERNANCE'] }, Days: 365 }), Trail: trail() } };
    expect(verdictOf(S3ObjectLockCompliance, template, 'TrailBucket')).toEqual({ verdict: 'UNKNOWN', reason: expect.stringContaining('only the deploy decides parameter Env (default "prod")') });
  });

  test('a resource whose Condition holds by a parameter default may not be created: a pass resting on it is UNKNOWN', () => {
    const template = {
      Parameters: ENV,
      Conditions: IS_PROD,
      Resources: { Data: bucket(), TrailBucket: lockedBucket(), Trail: { ...trail('TrailBucket', { AdvancedEventSelectors: [dataSelector('AWS::S3::Object', { StartsWith: [objectsArn('Data')] })] }), Condition: 'IsProd' } },
    };
    expect(verdictOf(CloudTrailS3DataEvents, template, 'Data')).toEqual({
      verdict: 'UNKNOWN',
      reason: expect.stringMatching(/recorded by Trail .*, but only the deploy decides whether Trail \(Condition IsProd, true by a parameter's default\) is created; without: /),
    });
  });

  test("a resource whose Condition is false by a parameter's default is absent, as the template deploys by default", () => {
    const template = { Parameters: { Env: { Type: 'String', Default: 'dev' } }, Conditions: IS_PROD, Resources: { TrailBucket: lockedBucket(), Trail: { ...trail(), Condition: 'IsProd' } } };
    expect(verdictOf(CloudTrailIsLogging, template, 'Trail')).toEqual({ verdict: 'none', reason: '' });
    expect(runRules(cfnModel(template), [S3ObjectLockCompliance]).evaluations.map((e) => e.resource.address)).toEqual(['TrailBucket']);
  });
});

