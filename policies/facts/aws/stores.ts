/**
 * AWS evidence stores, as the coverage matrix and the scenarios read them: an S3 bucket is locked
 * only with Object Lock enabled and a default retention (COMPLIANCE: locked; GOVERNANCE:
 * reversible by s3:BypassGovernanceRetention), the same reading as the AWS lock rules; a log group
 * keeps records for RetentionInDays (absent: never expires) and can be deleted by its owner.
 */
import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { StoreGuarantee } from '../types';
import { asBool, asNumber } from './refs';

/** The AWS resource types evidence is kept in. */
export const STORE_TYPES: readonly string[] = ['AWS::S3::Bucket', 'AWS::Logs::LogGroup'];

/** What an AWS store guarantees; undefined for a type that is not a store. */
export function storeGuarantee(model: ResourceModel, r: Resource): StoreGuarantee | undefined {
  const get = (p: string) => model.get(r, p);
  if (r.type === 'AWS::S3::Bucket') {
    // Read as the lock rules read it (facts/aws/evidence.ts lockState): a value that is no boolean is unknown.
    const enabled = asBool(get('ObjectLockEnabled'));
    if (isUnresolved(enabled)) return { retentionDays: null, immutability: 'unknown' };
    if (enabled !== true) return { retentionDays: null, immutability: 'no' };
    const mode = get('ObjectLockConfiguration.Rule.DefaultRetention.Mode');
    if (isUnresolved(mode)) return { retentionDays: null, immutability: 'unknown' };
    if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') return { retentionDays: null, immutability: 'no' };
    const days = asNumber(get('ObjectLockConfiguration.Rule.DefaultRetention.Days'));
    const years = asNumber(get('ObjectLockConfiguration.Rule.DefaultRetention.Years'));
    const total = isUnresolved(days) || isUnresolved(years) ? null : (days ?? (years !== undefined ? years * 365 : null));
    return { retentionDays: total, immutability: mode === 'COMPLIANCE' ? 'locked' : 'reversible' };
  }
  if (r.type === 'AWS::Logs::LogGroup') {
    const days = asNumber(get('RetentionInDays'));
    return { retentionDays: days === undefined ? Infinity : isUnresolved(days) ? null : days, immutability: 'no' };
  }
  return undefined;
}
