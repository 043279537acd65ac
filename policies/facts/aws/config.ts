/**
 * AWS Config as the rules read it: what a configuration recorder records, and whether the bucket a
 * delivery channel names keeps a locked copy. AWS Config does not deliver into a bucket with Object
 * Lock enabled (CloudFormation reference, AWS::Config::DeliveryChannel), so its bucket must be
 * replicated into a locked one for the history to stand as unaltered.
 */
import { ResourceModel, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { EvidenceContext } from '../../engine/context';
import { asBool, bucketByName, rawAt, rawList, render, show, State } from './evidence';
import { replicaLockStates } from './replication';

/** The recording group values AWS.Config.RecorderAllResources requires. */
export const ALL_SUPPORTED_STRATEGY = 'ALL_SUPPORTED_RESOURCE_TYPES';

/** Why a recorder does not record every supported type continuously and is not on: each gap, or UNRESOLVED reasons. */
export function recorderGaps(model: ResourceModel, r: Resource): { gaps: string[]; unknown: string[] } {
  const gaps: string[] = [];
  const unknown: string[] = [];
  const group = rawAt(model, r, 'RecordingGroup');
  if (isUnresolved(group)) return { gaps, unknown: ['RecordingGroup is unresolvable before deploy'] };
  if (group === undefined) gaps.push('RecordingGroup is absent, so Config records regional types only, without the global IAM types (users, groups, roles, policies)');
  else {
    const flag = (path: string, what: string) => {
      const v = asBool(model.get(r, path));
      if (isUnresolved(v)) unknown.push(`${path} is unresolvable before deploy`);
      else if (v !== true) gaps.push(`${path} is ${show(model.get(r, path))}, so ${what}`);
    };
    flag('RecordingGroup.AllSupported', 'only the listed resource types are recorded');
    flag('RecordingGroup.IncludeGlobalResourceTypes', 'IAM users, groups, roles and customer managed policies are not recorded');
    const strategy = model.get(r, 'RecordingGroup.RecordingStrategy.UseOnly');
    if (isUnresolved(strategy)) unknown.push('RecordingGroup.RecordingStrategy.UseOnly is unresolvable before deploy');
    else if (strategy !== undefined && strategy !== ALL_SUPPORTED_STRATEGY) gaps.push(`RecordingGroup.RecordingStrategy.UseOnly is ${show(strategy)}, not ${ALL_SUPPORTED_STRATEGY}`);
    for (const path of ['RecordingGroup.ResourceTypes', 'RecordingGroup.ExclusionByResourceTypes.ResourceTypes']) {
      const list = rawList(model, r, rawAt(model, r, path));
      if (isUnresolved(list)) unknown.push(`${path} is unresolvable before deploy`);
      else if (list.length > 0) gaps.push(`${path} lists ${list.length} type${list.length === 1 ? '' : 's'}${path.includes('Exclusion') ? ' left unrecorded' : ', and only those are recorded'}`);
    }
  }
  const frequency = model.get(r, 'RecordingMode.RecordingFrequency');
  if (isUnresolved(frequency)) unknown.push('RecordingMode.RecordingFrequency is unresolvable before deploy');
  else if (frequency !== undefined && frequency !== 'CONTINUOUS') gaps.push(`RecordingMode.RecordingFrequency is ${show(frequency)}, so a change reverted within the day leaves no configuration item`);
  const overrides = rawList(model, r, rawAt(model, r, 'RecordingMode.RecordingModeOverrides'));
  if (isUnresolved(overrides)) unknown.push('RecordingMode.RecordingModeOverrides is unresolvable before deploy');
  else {
    for (const o of overrides) {
      const f = o && typeof o === 'object' ? model.resolve((o as Record<string, unknown>).RecordingFrequency, r) : undefined;
      if (isUnresolved(f)) unknown.push('a RecordingModeOverrides frequency is unresolvable before deploy');
      else if (f !== undefined && f !== 'CONTINUOUS') gaps.push(`a RecordingModeOverrides entry records ${show(f)}`);
    }
  }
  const started = asBool(model.get(r, 'StartedOnCreate'));
  if (isUnresolved(started)) unknown.push('StartedOnCreate is unresolvable before deploy');
  else if (started === false) gaps.push('StartedOnCreate is false, so the recorder is not recording');
  return { gaps, unknown };
}

/** The key prefix Config delivers under: `<S3KeyPrefix>/AWSLogs/` (or `AWSLogs/` without a prefix); UNRESOLVED when unknown. */
function deliveredPrefix(model: ResourceModel, channel: Resource): string | undefined {
  const raw = rawAt(model, channel, 'S3KeyPrefix');
  if (raw === undefined) return 'AWSLogs/';
  const text = render(model, raw, channel);
  if (text === undefined || isUnresolved(text)) return undefined;
  return text === '' ? 'AWSLogs/' : `${text.replace(/\/+$/, '')}/AWSLogs/`;
}

/**
 * Whether the bucket a delivery channel names is one Config can deliver into (no Object Lock) and
 * replicates what Config delivers into a bucket locked for at least the floor.
 */
export function configDeliveryState(model: ResourceModel, channel: Resource, floorDays: number, context?: EvidenceContext): State {
  const what = `${channel.address}: S3BucketName`;
  const target = bucketByName(model, rawAt(model, channel, 'S3BucketName'), channel);
  if (target.kind === 'unresolved') return { ok: 'unknown', reason: `${what} is ${target.why ?? 'unresolvable before deploy'}` };
  if (target.kind === 'absent') return { ok: false, reason: `${what} is absent` };
  if (target.kind === 'other') return { ok: false, reason: `${what} is ${JSON.stringify(target.text)}, which is not a bucket name (Config takes the name, not an ARN or a path)` };
  if (target.kind === 'external') return { ok: 'unknown', reason: `${what} is ${JSON.stringify(target.text)}, which names no bucket of the inputs: whether it is replicated into a locked store cannot be checked here` };
  const bucket = target.resource;
  const lock = asBool(model.get(bucket, 'ObjectLockEnabled'));
  if (isUnresolved(lock)) return { ok: 'unknown', reason: `${bucket.address}: ObjectLockEnabled is unresolvable before deploy` };
  if (lock === true) return { ok: false, reason: `${channel.address} delivers into ${bucket.address}, which has Object Lock enabled: AWS Config does not deliver into such a bucket, so no history arrives` };
  const prefix = deliveredPrefix(model, channel);
  const states = replicaLockStates(model, bucket, prefix, floorDays, context);
  const pass = states.find((s) => s.ok === true);
  if (pass) return { ok: true, reason: `${channel.address} delivers into ${bucket.address}, replicated into a locked copy (${pass.reason})` };
  const open = states.filter((s) => s.ok === 'unknown');
  if (open.length > 0) return { ok: 'unknown', reason: open.map((s) => s.reason).join('; ') };
  if (states.length === 0) return { ok: false, reason: `${channel.address} delivers into ${bucket.address}, which replicates ${prefix ? `the prefix ${prefix}` : 'what Config delivers'} into no bucket: the history can be deleted or rewritten` };
  return { ok: false, reason: `${channel.address} delivers into ${bucket.address}, whose replicas are not locked: ${states.map((s) => s.reason).join('; ')}` };
}
