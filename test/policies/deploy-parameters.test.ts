/**
 * A CloudFormation parameter's Default is what the deploy uses unless `--parameters` sets another
 * value. A verdict resting on a default must hold for any value the deploy may give: a pass that
 * only holds for the default is UNKNOWN naming the parameter, a default that fails is NON_COMPLIANT
 * (the deploy as written fails), and a parameter whose AllowedValues leave one value is that value.
 */
import { runRules } from '../../policies/engine/runner';
import { Rule } from '../../policies/engine/types';
import { CloudTrailIsLogging } from '../../policies/rules/aws/CloudTrailIsLogging';
import { S3ObjectLockCompliance } from '../../policies/rules/aws/S3ObjectLockCompliance';
import { cfnModel } from './helpers';
import { lockedBucket, trail } from './rules/aws/_fixtures';

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
});
