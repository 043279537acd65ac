import { ForensicValidationError, isUnresolved, PropCheck, Retention, RETENTION_BOUNDS, cloudWatchRetentionAtLeast, DEFAULT_RETENTION_DAYS, RetentionBounds } from '../../constructs/core';

/** The retention check of the one validation layer, with the framework-free token test. */
const validateRetention = (prop: string, retention: Retention, bounds: RetentionBounds): Retention => new PropCheck('', isUnresolved).retention(prop, retention, bounds);

describe('Retention', () => {
  test('defaults to 365 days', () => {
    expect(Retention.default().days).toBe(365);
    expect(DEFAULT_RETENTION_DAYS).toBe(365);
  });
  test('years are 365 days each and seconds are whole', () => {
    expect(Retention.years(2).days).toBe(730);
    expect(Retention.days(1).toSeconds()).toBe(86_400);
  });
  test('rejects a retention under the service minimum, naming prop, value and range', () => {
    expect(() => validateRetention('retention', Retention.days(0), RETENTION_BOUNDS.s3ObjectLock)).toThrow(
      'retention must be 1 to 36500 days (S3 Object Lock), got "0 days"',
    );
  });
  test('rejects a fractional retention', () => {
    expect(() => validateRetention('retention', Retention.days(1.5), RETENTION_BOUNDS.s3ObjectLock)).toThrow(ForensicValidationError);
  });
  test('rejects a retention over the service maximum', () => {
    expect(() => validateRetention('retention', Retention.days(36_501), RETENTION_BOUNDS.s3ObjectLock)).toThrow(/36500/);
  });
  test('rejects a CloudWatch retention that is not one of the allowed values', () => {
    expect(() => validateRetention('logRetention', Retention.days(366), RETENTION_BOUNDS.cloudWatchLogs)).toThrow(/one of .*365, 400/);
  });
  test('accepts a value inside the bounds', () => {
    expect(() => validateRetention('retention', Retention.days(3650), RETENTION_BOUNDS.s3ObjectLock)).not.toThrow();
  });
  test('rounds CloudWatch retention up, never down', () => {
    expect(cloudWatchRetentionAtLeast(365)).toBe(365);
    expect(cloudWatchRetentionAtLeast(366)).toBe(400);
    expect(cloudWatchRetentionAtLeast(2)).toBe(3);
    expect(() => cloudWatchRetentionAtLeast(4000)).toThrow(/at most 3653/);
  });
  test('lets an unresolved token through', () => {
    expect(() => validateRetention('retention', Retention.days(-1.8881545897087626e289), RETENTION_BOUNDS.s3ObjectLock)).not.toThrow();
  });
});
