/**
 * CloudTrail data-event selectors, read into one shape for the advanced (AdvancedEventSelectors) and
 * the basic (EventSelectors DataResources) forms, and the question "does this selector record every
 * read and write of this resource". Parsed once per trail.
 *
 * Advanced selectors: the field selectors of one selector are ANDed, selectors are ORed. A data
 * selector has eventCategory Equals Data and resources.type Equals the type. resources.ARN
 * StartsWith/Equals include, NotStartsWith/NotEquals exclude; EndsWith, NotEndsWith and any other
 * field (eventName, eventSource, userIdentity.arn, ...) narrow the selector to part of the events,
 * so it no longer records "every" access. readOnly Equals true/false records only reads/writes.
 * Basic selectors: DataResources Values are ARN prefixes (`arn:aws:s3` = every bucket,
 * `arn:aws:s3:::name/` = one bucket, `arn:aws:s3:::name/prefix` = part of it); ReadWriteType All
 * (the default), ReadOnly or WriteOnly.
 */
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved, resourceFact } from '../../engine/model';
import { Resource } from '../../engine/types';
import { Text, attToken, rawAt, rawList, refToken, shownText } from './refs';
import { member, readFieldSelectors, texts } from './field-selectors';

export interface ArnConditions {
  readonly startsWith: Text[];
  readonly equals: Text[];
  readonly notStartsWith: Text[];
  readonly notEquals: Text[];
  readonly endsWith: Text[];
}

export interface DataSelector {
  readonly trail: Resource;
  /** `AdvancedEventSelectors[1]` / `EventSelectors[0].DataResources[0]`, for reasons. */
  readonly label: string;
  readonly types: readonly string[];
  readonly read: boolean;
  readonly write: boolean;
  readonly arn: ArnConditions;
  /** A field that narrows the selector to part of the events. */
  readonly narrowedBy?: string;
  /** Why the selector cannot be judged before deploy. */
  readonly unresolved?: string;
}

type Tri = true | false | 'unknown';

/** How to match a resource against ARN condition values. */
export interface ArnMatcher {
  /** A StartsWith value that covers the whole resource. */
  readonly prefixCovers: (v: string) => Tri;
  /** An Equals value that names the whole resource. */
  readonly equalsCovers: (v: string) => Tri;
  /** A value that points strictly inside the resource (an object prefix inside a bucket). */
  readonly inside: (v: string) => boolean;
  /** Why a value the matcher calls unknown is so, when it can say (a literal region or account). */
  readonly unknownWhy?: (v: string) => string | undefined;
}

/** The data-event selectors of a trail; UNRESOLVED when the selector lists themselves are. */
export const dataSelectors: (model: ResourceModel, trail: Resource) => DataSelector[] | Unresolved = resourceFact('trail data selectors', (model, trail) => parse(model, trail));

function parse(model: ResourceModel, trail: Resource): DataSelector[] | Unresolved {
  const advanced = rawList(model, trail, rawAt(model, trail, 'AdvancedEventSelectors'));
  const basic = rawList(model, trail, rawAt(model, trail, 'EventSelectors'));
  if (isUnresolved(advanced) || isUnresolved(basic)) return UNRESOLVED;
  const out: DataSelector[] = [];
  for (let i = 0; i < advanced.length; i++) {
    const s = parseAdvanced(model, trail, advanced[i], `AdvancedEventSelectors[${i}]`);
    if (s) out.push(s);
  }
  for (let i = 0; i < basic.length; i++) parseBasic(model, trail, basic[i], `EventSelectors[${i}]`, out);
  return out;
}

function parseAdvanced(model: ResourceModel, trail: Resource, sel: unknown, label: string): DataSelector | undefined {
  let data = false;
  let types: string[] = [];
  let narrowedBy: string | undefined;
  const arn = emptyArn();
  const fields = readFieldSelectors(model, trail, sel, label, (name, values) => {
    if (name === 'eventCategory') {
      const v = values('Equals');
      data = v.includes('Data');
      return v.some(isUnresolved) ? `${label}: eventCategory is unresolvable before deploy` : undefined;
    }
    if (name === 'resources.type') {
      const v = values('Equals');
      types = v.filter((t): t is string => typeof t === 'string');
      return v.some(isUnresolved) ? `${label}: resources.type is unresolvable before deploy` : undefined;
    }
    if (name === 'resources.ARN') {
      arn.startsWith.push(...values('StartsWith', true));
      arn.equals.push(...values('Equals', true));
      arn.notStartsWith.push(...values('NotStartsWith', true));
      arn.notEquals.push(...values('NotEquals', true));
      arn.endsWith.push(...values('EndsWith', true), ...values('NotEndsWith', true));
      return undefined;
    }
    narrowedBy = narrowedBy ?? name;
    return undefined;
  });
  if (isUnresolved(fields)) return { trail, label, types: [], read: true, write: true, arn: emptyArn(), unresolved: `${label}.FieldSelectors is unresolvable before deploy` };
  const { read, write, unresolved } = fields;
  if (!data && !unresolved) return undefined;
  return { trail, label, types, read, write, arn, narrowedBy, unresolved };
}

/** The data selectors of one basic event selector (one per DataResources entry), added to `out`. */
function parseBasic(model: ResourceModel, trail: Resource, sel: unknown, label: string, out: DataSelector[]): void {
  const rw = model.resolve(member(sel, 'ReadWriteType'), trail) ?? 'All';
  const resources = rawList(model, trail, member(sel, 'DataResources'));
  if (isUnresolved(rw) || isUnresolved(resources)) {
    out.push({ trail, label, types: [], read: true, write: true, arn: emptyArn(), unresolved: `${label} is unresolvable before deploy` });
    return;
  }
  for (let j = 0; j < resources.length; j++) {
    const dr = resources[j];
    const type = model.resolve(member(dr, 'Type'), trail);
    const values = texts(model, trail, member(dr, 'Values'), true);
    const at = `${label}.DataResources[${j}]`;
    out.push({
      trail,
      label: at,
      types: typeof type === 'string' ? [type] : [],
      read: rw !== 'WriteOnly',
      write: rw !== 'ReadOnly',
      // A data resource without values records nothing; an impossible prefix keeps it that way.
      arn: { startsWith: values.length > 0 ? values : ['\u0000none'], equals: [], notStartsWith: [], notEquals: [], endsWith: [] },
      unresolved: isUnresolved(type) ? `${at}.Type is unresolvable before deploy` : undefined,
    });
  }
}

function emptyArn(): { startsWith: Text[]; equals: Text[]; notStartsWith: Text[]; notEquals: Text[]; endsWith: Text[] } {
  return { startsWith: [], equals: [], notStartsWith: [], notEquals: [], endsWith: [] };
}

/**
 * Whether a selector records every event of a resource: true, false (with why) or 'unknown'.
 * `model`: the one the selector is of, to show its values in `why` as the template writes them.
 */
export function coversAll(sel: DataSelector, m: ArnMatcher, model?: ResourceModel): { covers: Tri; why: string } {
  if (sel.unresolved) return { covers: 'unknown', why: sel.unresolved };
  if (sel.narrowedBy) return { covers: false, why: `${sel.label} is narrowed by ${sel.narrowedBy}` };
  const a = sel.arn;
  if (a.endsWith.length > 0) return { covers: false, why: `${sel.label} is narrowed by resources.ARN EndsWith/NotEndsWith` };
  let included: Tri = true;
  if (a.startsWith.length + a.equals.length > 0) {
    const results = [...a.startsWith.map((v) => (isUnresolved(v) ? 'unknown' : m.prefixCovers(v))), ...a.equals.map((v) => (isUnresolved(v) ? 'unknown' : m.equalsCovers(v)))];
    included = results.includes(true) ? true : results.includes('unknown') ? 'unknown' : false;
    if (included === false) {
      const inside = [...a.startsWith, ...a.equals].some((v) => typeof v === 'string' && m.inside(v));
      return { covers: false, why: inside ? `${sel.label} records only part of it (an object prefix or single objects)` : `${sel.label} resources.ARN does not name it` };
    }
  }
  let excludeUnknown = false;
  for (const v of [...a.notStartsWith, ...a.notEquals]) {
    if (isUnresolved(v)) {
      excludeUnknown = true;
      continue;
    }
    const full = a.notStartsWith.includes(v) ? m.prefixCovers(v) : m.equalsCovers(v);
    if (full === true) return { covers: false, why: `${sel.label} excludes it (resources.ARN ${shownValue(v, model)})` };
    if (full === 'unknown') excludeUnknown = true;
    else if (m.inside(v)) return { covers: false, why: `${sel.label} excludes part of it (resources.ARN ${shownValue(v, model)})` };
  }
  if (included === true && excludeUnknown) return { covers: 'unknown', why: `${sel.label} has an exclusion that is unresolvable before deploy` };
  if (included === true) return { covers: true, why: `${sel.label}` };
  const said = [...a.startsWith, ...a.equals].map((v) => (typeof v === 'string' ? m.unknownWhy?.(v) : undefined)).find((w) => w !== undefined);
  return { covers: 'unknown', why: `${sel.label} ${said ?? 'resources.ARN is unresolvable before deploy'}` };
}

/** A selector value quoted in a reason, its tokens as the template writes them (shownText). */
function shownValue(v: Text, model: ResourceModel | undefined): string {
  return JSON.stringify(model && typeof v === 'string' ? shownText(model, v) : v);
}

/** Whether a selector records any event of a resource (used for "the trail does not log its own bucket"). */
export function touches(sel: DataSelector, m: ArnMatcher): Tri {
  if (sel.unresolved) return 'unknown';
  const a = sel.arn;
  let included: Tri = true;
  if (a.startsWith.length + a.equals.length > 0) {
    // Any include that hits wins; otherwise one unknown makes it unknown. Written as loops: this runs per trail.
    included = false;
    for (const v of a.startsWith) included = orTri(included, touchHit(m, v, false));
    for (const v of a.equals) included = orTri(included, touchHit(m, v, true));
  }
  if (included === false) return false;
  let excludeUnknown = false;
  for (const v of a.notStartsWith) {
    const excluded = isUnresolved(v) ? 'unknown' : m.prefixCovers(v);
    if (excluded === true) return false;
    if (excluded === 'unknown') excludeUnknown = true;
  }
  return included === true && !excludeUnknown ? true : 'unknown';
}

/** Whether one include value of a selector reaches into the resource. */
function touchHit(m: ArnMatcher, v: Text, eq: boolean): Tri {
  return isUnresolved(v) ? 'unknown' : m.inside(v) ? true : eq ? m.equalsCovers(v) : m.prefixCovers(v);
}

/** true if either is true, else 'unknown' if either is, else false. */
function orTri(a: Tri, b: Tri): Tri {
  return a === true || b === true ? true : a === 'unknown' || b === 'unknown' ? 'unknown' : false;
}

/** Matches a bucket: `arn:aws:s3:::<name>/` is the prefix of every object of it. */
export function bucketMatcher(objectsArn: string): ArnMatcher {
  return new BucketMatcher(objectsArn);
}

/**
 * bucketMatcher's answer, as methods rather than closures: a rule asks one per trail or bucket,
 * and under tsx (the bench, `node -r tsx/cjs`) each named closure costs a defineProperty of its
 * name (~0.4 µs; three per matcher).
 */
class BucketMatcher implements ArnMatcher {
  constructor(private readonly objectsArn: string) {}

  public prefixCovers(v: string): Tri {
    return this.objectsArn.startsWith(v);
  }

  public equalsCovers(): Tri {
    return false;
  }

  public inside(v: string): boolean {
    return v.startsWith(this.objectsArn) && v.length > this.objectsArn.length;
  }
}

/**
 * Matches a SageMaker endpoint. A Ref to AWS::SageMaker::Endpoint is its ARN; a literal ARN
 * `arn:aws:sagemaker:<region>:<account>:endpoint/<name>` is matched on the name (a literal
 * EndpointName or a GetAtt of it), without case; a prefix that stops before the name covers every
 * endpoint of that region and account. A literal region or account (not the deploy's own,
 * `${AWS::Region}`) makes a match on the name unknown: the template does not say where it deploys.
 */
export function endpointMatcher(model: ResourceModel, endpoint: Resource): ArnMatcher {
  const token = refToken(model, endpoint);
  const rawName = model.get(endpoint, 'EndpointName');
  const name = typeof rawName === 'string' ? rawName.toLowerCase() : undefined;
  const nameToken = attToken(model, endpoint, 'EndpointName').toLowerCase();
  const literal = (v: string, exact: boolean): Tri => {
    if (v === token) return true;
    if (v.startsWith('{{')) return false;
    const m = /^arn:aws:sagemaker:([^:]*):([^:]*):endpoint\/(.*)$/i.exec(v);
    if (m) {
      const part = m[3].toLowerCase();
      // The endpoint is in the region and account its template is deployed to, which the template
      // does not say: a literal region or account matches only if the deploy goes there.
      const elsewhere = !isDeployToken(m[1], 'Region') || !isDeployToken(m[2], 'AccountId');
      const named: Tri = !exact && part === '' ? true : part === nameToken ? true : name === undefined ? 'unknown' : exact ? part === name : name.startsWith(part);
      return named === true && elsewhere ? 'unknown' : named;
    }
    if (exact) return false;
    const p = v.split(':');
    return ['arn', 'aws', 'sagemaker', p[3] ?? '', p[4] ?? '', 'endpoint/'].join(':').startsWith(v);
  };
  const unknownWhy = (v: string): string | undefined => {
    const m = /^arn:aws:sagemaker:([^:]*):([^:]*):endpoint\//i.exec(v);
    if (!m || (isDeployToken(m[1], 'Region') && isDeployToken(m[2], 'AccountId'))) return undefined;
    return `resources.ARN ${v} names it by name in region ${m[1] || '*'}, account ${m[2] || '*'}: the template does not say where it deploys, so whether that is the endpoint's own region and account is known only at deploy`;
  };
  return { prefixCovers: (v) => literal(v, false), equalsCovers: (v) => literal(v, true), inside: () => false, unknownWhy };
}

/** Whether an ARN part is the deploy's own region or account (`{{AWS.Region}}`, `{{AWS.AccountId}}`), or empty or `*` (any). */
function isDeployToken(part: string, pseudo: 'Region' | 'AccountId'): boolean {
  return part === '' || part === '*' || part === `{{AWS.${pseudo}}}`;
}

/** Do the selectors of every trail record both reads and writes of a resource of `type`? */
export function coverage(model: ResourceModel, trails: readonly Resource[], type: string, m: ArnMatcher): { covers: Tri; reason: string } {
  let read = false;
  let write = false;
  const via: string[] = [];
  const gaps: string[] = [];
  const unknowns: string[] = [];
  for (const trail of trails) {
    const sels = dataSelectors(model, trail);
    if (isUnresolved(sels)) {
      unknowns.push(`${trail.address}: its event selectors are unresolvable before deploy`);
      continue;
    }
    for (const sel of sels) {
      if (!sel.unresolved && !sel.types.includes(type)) continue;
      const c = coversAll(sel, m, model);
      if (c.covers === true) {
        read ||= sel.read;
        write ||= sel.write;
        via.push(`${trail.address} ${sel.label}${sel.read && sel.write ? '' : sel.read ? ' (reads only)' : ' (writes only)'}`);
      } else if (c.covers === 'unknown') unknowns.push(`${trail.address}: ${c.why}`);
      else gaps.push(`${trail.address}: ${c.why}`);
    }
  }
  if (read && write) return { covers: true, reason: `recorded by ${via.join(', ')}` };
  const partly = via.length > 0 ? `only ${read ? 'reads' : 'writes'} are recorded (${via.join(', ')})` : `no trail selector with resources.type ${type} records it`;
  if (unknowns.length > 0) return { covers: 'unknown', reason: `${partly}; ${unknowns.join('; ')}` };
  return { covers: false, reason: gaps.length > 0 ? `${partly}; ${gaps.join('; ')}` : partly };
}
