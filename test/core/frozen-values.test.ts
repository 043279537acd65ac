/**
 * The kit's value classes and their static instances cannot be changed at runtime: a write to
 * Immutability.LOCKED (or a Retention, or a bound) throws in strict mode (this file is a module,
 * so strict), and every default EvidenceBucket stays COMPLIANCE.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { EvidenceBucket } from '../../constructs/aws';
import { GcpParent } from '../../constructs/gcp';
import { ACTIVITY_LOG_CATEGORIES, CLOUDWATCH_ROUNDED_UP, Immutability, PropCheck, Retention, RETENTION_BOUNDS, TAG_KEYS, WARNINGS } from '../../constructs/core';
import { DEFAULT_ASSET_TYPES } from '../../constructs/core/asset-feeds';
import { newStack } from '../aws/helpers';

const lockMode = (): unknown => {
  const stack = newStack();
  new EvidenceBucket(stack, 'E');
  const buckets = Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket')) as Array<{ Properties: Record<string, any> }>;
  return buckets.map((b) => b.Properties.ObjectLockConfiguration?.Rule?.DefaultRetention?.Mode).filter((m) => m !== undefined);
};

describe('frozen value classes', () => {
  test('Immutability.LOCKED.mode cannot be set: the write throws and the default bucket stays COMPLIANCE', () => {
    expect(() => {
      (Immutability.LOCKED as any).mode = 'soak';
    }).toThrow(TypeError);
    expect(Immutability.LOCKED.mode).toBe('locked');
    expect(Immutability.LOCKED.s3Mode).toBe('COMPLIANCE');
    expect(lockMode()).toEqual(['COMPLIANCE']);
  });

  test('the statics cannot be replaced, nor the getters redefined', () => {
    expect(() => {
      (Immutability as any).LOCKED = Immutability.SOAK;
    }).toThrow(TypeError);
    expect(() => Object.defineProperty(Immutability.prototype, 's3Mode', { get: () => 'GOVERNANCE' })).toThrow(TypeError);
    expect(() => {
      (Immutability.SOAK as any).mode = 'locked';
    }).toThrow(TypeError);
    expect(Immutability.LOCKED).not.toBe(Immutability.SOAK);
    expect(Immutability.LOCKED.s3Mode).toBe('COMPLIANCE');
    expect(lockMode()).toEqual(['COMPLIANCE']);
  });

  test('a Retention cannot be changed after the check', () => {
    const r = Retention.days(3650);
    expect(() => {
      (r as any).days = 1;
    }).toThrow(TypeError);
    expect(() => {
      (Retention as any).default = () => Retention.days(1);
    }).toThrow(TypeError);
    expect(() => {
      (Retention.prototype as any).toSeconds = () => 1;
    }).toThrow(TypeError);
    expect(r.days).toBe(3650);
    expect(Retention.default().days).toBe(365);
  });

  test('GcpParent and PropCheck prototypes cannot be changed', () => {
    const p = GcpParent.folder('123');
    expect(() => {
      (p as any).kind = 'project';
    }).toThrow(TypeError);
    expect(() => {
      (GcpParent as any).project = () => p;
    }).toThrow(TypeError);
    expect(() => {
      (PropCheck.prototype as any).immutability = () => Immutability.SOAK;
    }).toThrow(TypeError);
    expect(p.kind).toBe('folder');
  });

  test('the exported bounds and id tables cannot be changed', () => {
    expect(() => {
      (RETENTION_BOUNDS.s3ObjectLock as any).minDays = 0;
    }).toThrow(TypeError);
    expect(() => {
      (RETENTION_BOUNDS.cloudWatchLogs.allowedDays as any).push(0);
    }).toThrow(TypeError);
    expect(() => {
      (CLOUDWATCH_ROUNDED_UP as any).minDays = 0;
    }).toThrow(TypeError);
    expect(() => {
      (WARNINGS as any).SOAK_MODE = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (TAG_KEYS as any).x = 'y';
    }).toThrow(TypeError);
    expect(() => (ACTIVITY_LOG_CATEGORIES as any).pop()).toThrow(TypeError);
    expect(() => (DEFAULT_ASSET_TYPES as any).push('x')).toThrow(TypeError);
    expect(RETENTION_BOUNDS.s3ObjectLock.minDays).toBe(1);
  });
});
