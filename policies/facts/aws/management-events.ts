/**
 * CloudTrail management events: which of them a trail's selectors record, read once per trail.
 *
 * A trail without selectors records every management event, reads and writes (CloudTrail's
 * default). A trail has either basic selectors (EventSelectors) or advanced ones
 * (AdvancedEventSelectors), never both. Basic: IncludeManagementEvents (default true) with
 * ReadWriteType All (the default), ReadOnly or WriteOnly, and ExcludeManagementEventSources
 * (kms.amazonaws.com, rdsdata.amazonaws.com) leaving a service's events out. Advanced: a selector
 * with eventCategory Equals Management, readOnly Equals/NotEquals true or false for reads or
 * writes only, eventSource NotEquals leaving a service out; any other field (eventName,
 * userIdentity.arn, ...) narrows it to part of the events. Selectors are ORed.
 */
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved, resourceFact } from '../../engine/model';
import { Resource } from '../../engine/types';
import { readFieldSelectors, member, texts } from './field-selectors';
import { asBool, rawAt, rawList, show } from './refs';

type Tri = true | false | 'unknown';

/** What one selector records of the management events. */
export interface ManagementSelector {
  /** `AdvancedEventSelectors[0]`, `EventSelectors[1]`, or the default, for reasons. */
  readonly label: string;
  readonly read: boolean;
  readonly write: boolean;
  /** Why it records only part of the events it selects (a source left out, another field). */
  readonly partial?: string;
  /** Why it records none (IncludeManagementEvents false). */
  readonly none?: string;
  /** Why it cannot be judged before deploy. */
  readonly unresolved?: string;
}

/** The selectors of a trail that bear on management events; UNRESOLVED when the selector lists are. */
export const managementSelectors: (model: ResourceModel, trail: Resource) => ManagementSelector[] | Unresolved = resourceFact('trail management selectors', (model, trail) => parse(model, trail));

function parse(model: ResourceModel, trail: Resource): ManagementSelector[] | Unresolved {
  const advanced = rawList(model, trail, rawAt(model, trail, 'AdvancedEventSelectors'));
  const basic = rawList(model, trail, rawAt(model, trail, 'EventSelectors'));
  if (isUnresolved(advanced) || isUnresolved(basic)) return UNRESOLVED;
  if (advanced.length > 0 && basic.length > 0) {
    return [{ label: 'EventSelectors and AdvancedEventSelectors', read: false, write: false, unresolved: 'both EventSelectors and AdvancedEventSelectors are set, and CloudTrail accepts only one of them' }];
  }
  if (advanced.length === 0 && basic.length === 0) return [{ label: 'no event selectors (every management event, the default)', read: true, write: true }];
  const out: ManagementSelector[] = [];
  for (let i = 0; i < advanced.length; i++) {
    const s = parseAdvanced(model, trail, advanced[i], `AdvancedEventSelectors[${i}]`);
    if (s) out.push(s);
  }
  for (let i = 0; i < basic.length; i++) out.push(parseBasic(model, trail, basic[i], `EventSelectors[${i}]`));
  return out;
}

/** An advanced selector of management events, or undefined when it selects other events. */
function parseAdvanced(model: ResourceModel, trail: Resource, sel: unknown, label: string): ManagementSelector | undefined {
  let management = false;
  const partial: string[] = [];
  const fields = readFieldSelectors(model, trail, sel, label, (name, values, f) => {
    if (name === 'eventCategory') {
      const v = values('Equals');
      management = v.includes('Management');
      return v.some(isUnresolved) ? `${label}: eventCategory is unresolvable before deploy` : undefined;
    }
    if (name === 'eventSource') {
      const ne = values('NotEquals');
      const others = Object.keys(f).filter((k) => k !== 'Field' && k !== 'NotEquals');
      partial.push(others.length > 0 ? `it is narrowed by eventSource ${others.join('/')}` : `it leaves out the events of ${ne.filter((v): v is string => typeof v === 'string').join(', ')} (eventSource NotEquals)`);
      return ne.some(isUnresolved) ? `${label}: eventSource is unresolvable before deploy` : undefined;
    }
    partial.push(`it is narrowed by ${name}`);
    return undefined;
  });
  if (isUnresolved(fields)) return { label, read: false, write: false, unresolved: `${label}.FieldSelectors is unresolvable before deploy` };
  const { read, write, unresolved } = fields;
  if (!management && !unresolved) return undefined;
  return { label, read, write, partial: partial.length > 0 ? partial.join(', ') : undefined, unresolved };
}

function parseBasic(model: ResourceModel, trail: Resource, sel: unknown, label: string): ManagementSelector {
  const rawInclude = model.resolve(member(sel, 'IncludeManagementEvents'), trail);
  const include = asBool(rawInclude) ?? true;
  const rw = model.resolve(member(sel, 'ReadWriteType'), trail) ?? 'All';
  const excluded = texts(model, trail, member(sel, 'ExcludeManagementEventSources'), false);
  if (isUnresolved(include)) return { label, read: false, write: false, unresolved: `${label}.IncludeManagementEvents is unresolvable before deploy` };
  if (include === false) return { label, read: false, write: false, none: `${label} has IncludeManagementEvents ${show(rawInclude)}` };
  if (isUnresolved(rw) || excluded.some(isUnresolved)) return { label, read: false, write: false, unresolved: `${label}.ReadWriteType or ExcludeManagementEventSources is unresolvable before deploy` };
  const sources = excluded.filter((v): v is string => typeof v === 'string' && v !== '');
  return {
    label,
    read: rw !== 'WriteOnly',
    write: rw !== 'ReadOnly',
    partial: sources.length > 0 ? `it leaves out the events of ${sources.join(', ')} (ExcludeManagementEventSources)` : undefined,
  };
}

/**
 * Whether the trails together record every management event, reads and writes: true, false or
 * 'unknown', with a reason naming the selectors that do and why the others do not.
 */
export function managementCoverage(model: ResourceModel, trails: readonly Resource[]): { covers: Tri; reason: string } {
  let read = false;
  let write = false;
  const via: string[] = [];
  const gaps: string[] = [];
  const unknowns: string[] = [];
  for (const trail of trails) {
    const sels = managementSelectors(model, trail);
    if (isUnresolved(sels)) {
      unknowns.push(`${trail.address}: its event selectors are unresolvable before deploy`);
      continue;
    }
    if (sels.length === 0) gaps.push(`${trail.address}: no selector has eventCategory Management`);
    for (const sel of sels) {
      if (sel.unresolved) unknowns.push(`${trail.address}: ${sel.unresolved}`);
      else if (sel.none) gaps.push(`${trail.address}: ${sel.none}`);
      else if (sel.partial) gaps.push(`${trail.address}: ${sel.label} records part of them (${sel.partial})`);
      else if (!sel.read && !sel.write) gaps.push(`${trail.address}: ${sel.label} records neither reads nor writes (readOnly)`);
      else {
        read ||= sel.read;
        write ||= sel.write;
        via.push(`${trail.address} ${sel.label}${sel.read && sel.write ? '' : sel.read ? ' (reads only)' : ' (writes only)'}`);
      }
    }
  }
  if (read && write) return { covers: true, reason: `management reads and writes are recorded by ${via.join(', ')}` };
  const what = via.length > 0 ? `only management ${read ? 'reads' : 'writes'} are recorded (${via.join(', ')})` : 'no trail of the inputs records every management event';
  if (unknowns.length > 0) return { covers: 'unknown', reason: [what, ...gaps, ...unknowns].join('; ') };
  return { covers: false, reason: [what, ...gaps].join('; ') };
}
