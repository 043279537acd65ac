/**
 * The one validation layer (PropCheck): each check's default, its accepted values, each refusal
 * with the one message shape, and tokens of both frameworks passed through untouched while
 * look-alike numbers (-Infinity, -1e289) are judged as values.
 */
import { CfnParameter, Stack, Token as CdkToken } from 'aws-cdk-lib';
import { App as CdktfApp, TerraformStack, TerraformVariable, Token as TfToken } from 'cdktf';
import { propCheck as awsCheck } from '../../constructs/aws/props';
import { propCheck as tfCheck } from '../../constructs/cdktf/props';
import { cloudWatchRetentionAtLeast, lockNotice, Immutability, isUnresolved, PropCheck, Retention, RETENTION_BOUNDS } from '../../constructs/core';
import { refusal } from '../refusal';

const never = (): boolean => false;
const check = new PropCheck('Stack/Thing', never);

describe('PropCheck', () => {
  test('one message shape: where, prop, expected, got', () => {
    const e = refusal(() => check.integer('rotationDays', 0, { min: 1, max: 90, unit: 'days' }));
    expect(e.message).toBe('Stack/Thing: rotationDays must be an integer from 1 to 90 days, got 0');
    expect([e.prop, e.received, e.expected]).toEqual(['rotationDays', '0', 'an integer from 1 to 90 days']);
  });

  test('bool: the default when absent, the value when boolean, anything else refused', () => {
    expect(check.bool('enabled', undefined, true)).toBe(true);
    expect(check.bool('enabled', false, true)).toBe(false);
    for (const bad of ['false', 0, null, {}]) expect(refusal(() => check.bool('enabled', bad, true)).expected).toBe('true or false');
  });

  test('string: non-empty, pattern, refuse reason; a non-string is refused with the same expectation', () => {
    const rule = { pattern: /^[a-z]+$/, expected: 'lower-case letters', refuse: (v: string) => (v.startsWith('goog') ? 'begins with "goog"' : undefined) };
    expect(check.string('name', 'abc', rule)).toBe('abc');
    expect(refusal(() => check.string('name', '', rule)).expected).toBe('lower-case letters');
    expect(refusal(() => check.string('name', 'ABC', rule)).expected).toBe('lower-case letters');
    expect(refusal(() => check.string('name', 5, rule)).message).toBe('Stack/Thing: name must be lower-case letters, got 5');
    expect(refusal(() => check.string('name', 'google', rule)).expected).toBe('lower-case letters (begins with "goog")');
    expect(check.optionalString('name', undefined, rule)).toBeUndefined();
  });

  test('integer: NaN, the infinities, fractions, strings and out-of-range values are refused', () => {
    const bounds = { min: 1, max: 100 };
    expect(check.integer('n', undefined, bounds, 7)).toBe(7);
    expect(check.integer('n', 100, bounds)).toBe(100);
    for (const bad of [NaN, Infinity, -Infinity, -1e289, 1.5, 0, 101, '5', undefined]) {
      expect(refusal(() => check.integer('n', bad, bounds)).prop).toBe('n');
    }
  });

  test('oneOf: members pass, anything else is refused naming the set', () => {
    expect(check.oneOf('replication', undefined, ['GZRS', 'ZRS'] as const, 'GZRS')).toBe('GZRS');
    expect(check.oneOf('replication', 'ZRS', ['GZRS', 'ZRS'] as const)).toBe('ZRS');
    expect(refusal(() => check.oneOf('replication', 'zrs', ['GZRS', 'ZRS'] as const)).expected).toBe('one of "GZRS", "ZRS"');
  });

  test('immutability: LOCKED when absent; only the two modes themselves; look-alikes never become the weaker mode', () => {
    expect(check.immutability('immutability', undefined)).toBe(Immutability.LOCKED);
    expect(check.immutability('immutability', Immutability.SOAK)).toBe(Immutability.SOAK);
    for (const bad of ['locked', 'LOCKED', { mode: 'locked' }, true, null, Object.create(Immutability.prototype)]) {
      expect(refusal(() => check.immutability('immutability', bad)).expected).toBe('Immutability.LOCKED or Immutability.SOAK');
    }
  });

  test('retention: a Retention inside the bounds, the default when absent; a bare number is named as such', () => {
    const bounds = RETENTION_BOUNDS.s3ObjectLock;
    expect(check.retention('retention', undefined, bounds, Retention.default()).days).toBe(365);
    expect(check.retention('retention', Retention.years(2), bounds).days).toBe(730);
    expect(refusal(() => check.retention('retention', 365, bounds)).message).toBe('Stack/Thing: retention must be a Retention (Retention.days(n) or Retention.years(n)), got 365');
    expect(refusal(() => check.retention('retention', Retention.days(0), bounds)).expected).toBe('1 to 36500 days (S3 Object Lock)');
    expect(refusal(() => check.retention('retention', Retention.days(2.5), bounds)).received).toBe('"2.5 days"');
    expect(refusal(() => check.retention('retention', Retention.days(2), RETENTION_BOUNDS.cloudWatchLogs)).expected).toMatch(/^one of 1, 3, 5, .* days \(CloudWatch Logs\)$/);
  });

  test('list: an array, non-empty and without repeats when asked', () => {
    expect(check.list('tables', undefined, {}, ['A'])).toEqual(['A']);
    expect(refusal(() => check.list('tables', 'A', {})).expected).toBe('a list');
    expect(refusal(() => check.list('tables', [], { nonEmpty: true })).expected).toBe('a non-empty list');
    expect(refusal(() => check.list('tables', ['A', 'A'], { unique: true })).expected).toBe('a list without repeats');
    expect(refusal(() => check.list('tables', ['A', 'A'], { unique: true, expected: 'tables without repeats' })).expected).toBe('tables without repeats');
  });

  test('object and uniqueIds', () => {
    expect(check.object('dataEvents', {})).toEqual({});
    for (const bad of [null, [], 'x', 1]) expect(refusal(() => check.object('dataEvents', bad)).expected).toBe('an object');
    expect(() => check.uniqueIds('subnets', ['a', 'b'])).not.toThrow();
    expect(refusal(() => check.uniqueIds('subnets', ['a', 'b', 'a'])).received).toBe('"a"');
  });

  test('a token test that throws counts as "not a token", so the value is judged', () => {
    const throwing = new PropCheck('S', () => {
      throw new Error('boom');
    });
    expect(refusal(() => throwing.integer('n', -1, { min: 1, max: 2 })).prop).toBe('n');
  });
});

describe('tokens, by the framework that made them', () => {
  test('aws-cdk-lib: a Number parameter passes every check untouched, look-alikes do not', () => {
    const stack = new Stack();
    const days = new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber;
    const name = new CfnParameter(stack, 'Name').valueAsString;
    const aws = awsCheck(stack);
    expect(aws.integer('n', days, { min: 1, max: 2 })).toBe(days);
    expect(aws.retention('retention', Retention.days(days), RETENTION_BOUNDS.cloudWatchLogs).days).toBe(days);
    expect(aws.string('bucketName', name, { pattern: /^[a-z]+$/ })).toBe(name);
    expect(aws.oneOf('mode', name, ['A'])).toBe(name);
    expect(refusal(() => aws.integer('n', -1e289, { min: 1, max: 2 })).prop).toBe('n');
    // A cdktf number token is not an aws-cdk-lib token: the two encodings differ.
    expect(refusal(() => aws.integer('n', TfToken.asNumber('${var.x}'), { min: 1, max: 2 })).prop).toBe('n');
    expect(CdkToken.isUnresolved(days)).toBe(true);
  });

  test('cdktf: a number variable and a ${...} expression pass untouched', () => {
    const stack = new TerraformStack(new CdktfApp(), 's');
    const days = new TerraformVariable(stack, 'days', { type: 'number' }).numberValue;
    const tf = tfCheck(stack);
    expect(tf.integer('rotationDays', days, { min: 1, max: 90 })).toBe(days);
    expect(tf.string('location', '${var.location}', { pattern: /^[A-Z]+$/ })).toBe('${var.location}');
    expect(refusal(() => tf.integer('rotationDays', -Infinity, { min: 1, max: 90 })).prop).toBe('rotationDays');
  });

  test('the framework-free isUnresolved knows both number encodings and nothing by magnitude', () => {
    const stack = new TerraformStack(new CdktfApp(), 's');
    expect(isUnresolved(new TerraformVariable(stack, 'v', { type: 'number' }).numberValue)).toBe(true);
    expect(isUnresolved(new CfnParameter(new Stack(), 'P', { type: 'Number' }).valueAsNumber)).toBe(true);
    for (const v of [-Infinity, -1e289, -1.7976931348623157e308, 0, 365]) expect(isUnresolved(v)).toBe(false);
  });

  test('Retention refuses non-finite and non-number days, and keeps a number token', () => {
    for (const bad of [NaN, Infinity, -Infinity, '365' as unknown as number]) {
      expect(refusal(() => Retention.days(bad)).prop).toBe('Retention.days');
    }
    expect(refusal(() => Retention.years(Infinity)).prop).toBe('Retention.years');
    expect(refusal(() => Retention.years(1e307)).prop).toBe('Retention.years');
    const years = new CfnParameter(new Stack(), 'Y', { type: 'Number' }).valueAsNumber;
    expect(refusal(() => Retention.years(years)).message).toBe('Retention.years must be a literal number of years (give a deploy-time value as Retention.days(token)), got "a deploy-time value"');
    const token = new CfnParameter(new Stack(), 'D', { type: 'Number' }).valueAsNumber;
    expect(Retention.days(token).days).toBe(token);
  });

  test('the lock notice names a deploy-time period as such, never as a number', () => {
    const token = new CfnParameter(new Stack(), 'D', { type: 'Number' }).valueAsNumber;
    expect(lockNotice('The bucket', token)).toMatch(/^The bucket is locked for the number of days given at deploy: /);
    expect(lockNotice('The bucket', 365)).toMatch(/^The bucket is locked for 365 days: /);
  });

  test('CloudWatch Logs rounding keeps a token, rounds a value up, refuses one past the longest', () => {
    const token = new CfnParameter(new Stack(), 'D', { type: 'Number' }).valueAsNumber;
    expect(cloudWatchRetentionAtLeast(token)).toBe(token);
    expect([cloudWatchRetentionAtLeast(364), cloudWatchRetentionAtLeast(366)]).toEqual([365, 400]);
    expect(refusal(() => cloudWatchRetentionAtLeast(4000)).prop).toBe('retention');
  });
});
