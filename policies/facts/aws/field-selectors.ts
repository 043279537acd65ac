/**
 * The field selectors of one CloudTrail advanced event selector, read field by field the same way
 * for data events (selectors.ts) and management events (management-events.ts). The field selectors
 * of one selector are ANDed: `readOnly` Equals/NotEquals `true` or `false` keeps reads or writes
 * only; what the other fields mean is the caller's (`visit`).
 */
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { Text, normaliseArn, rawList, render } from './refs';

/** What every advanced selector's fields say alike: whether it keeps reads and writes, and why it cannot be judged. */
export interface FieldSelectorReading {
  readonly read: boolean;
  readonly write: boolean;
  /** Why one of its fields cannot be judged before deploy (the last one found). */
  readonly unresolved?: string;
}

/** The values of one operator of a field selector (`Equals`, `NotStartsWith`, ...), rendered; ARNs in the `aws` partition's spelling when `arn`. */
export type FieldValues = (operator: string, arn?: boolean) => Text[];

/**
 * Reads each field selector of `selector` (an entry of AdvancedEventSelectors, labelled `label` in
 * reasons): `readOnly` here, every other named field by `visit`, which returns why the field
 * cannot be judged before deploy, or undefined. UNRESOLVED when the FieldSelectors list is.
 */
export function readFieldSelectors(
  model: ResourceModel,
  trail: Resource,
  selector: unknown,
  label: string,
  visit: (name: string, values: FieldValues, fieldSelector: object) => string | undefined,
): FieldSelectorReading | Unresolved {
  const fields = rawList(model, trail, member(selector, 'FieldSelectors'));
  if (isUnresolved(fields)) return UNRESOLVED;
  let read = true;
  let write = true;
  let unresolved: string | undefined;
  for (const f of fields) {
    const name = model.resolve(member(f, 'Field'), trail);
    const values: FieldValues = (operator, arn = false) => texts(model, trail, member(f, operator), arn);
    if (typeof name !== 'string') {
      unresolved = `${label}: a Field name is unresolvable before deploy`;
      continue;
    }
    if (name === 'readOnly') {
      const eq = values('Equals');
      const ne = values('NotEquals');
      if ([...eq, ...ne].some(isUnresolved)) unresolved = `${label}: readOnly is unresolvable before deploy`;
      const allowed = (v: string): boolean => (eq.length === 0 || eq.includes(v)) && !ne.includes(v);
      read = allowed('true');
      write = allowed('false');
      continue;
    }
    unresolved = visit(name, values, (f ?? {}) as object) ?? unresolved;
  }
  return { read, write, unresolved };
}

/** A member of an object value; undefined for anything else. */
export function member(obj: unknown, name: string): unknown {
  return obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>)[name] : undefined;
}

/** The values of a list, rendered (`''` for one that renders to nothing); [UNRESOLVED] when the list is. */
export function texts(model: ResourceModel, trail: Resource, value: unknown, arn: boolean): Text[] {
  const list = rawList(model, trail, value);
  if (isUnresolved(list)) return [UNRESOLVED];
  const out: Text[] = [];
  for (const v of list) {
    const t = render(model, v, trail);
    out.push(t === undefined ? '' : arn && typeof t === 'string' ? normaliseArn(t) : t);
  }
  return out;
}
