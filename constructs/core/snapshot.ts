/**
 * One read of every prop. A construct validates its props and then builds from them: if it read
 * a prop twice, a props object whose getter (or Proxy) answers a safe value to the check and a
 * weak one to the build (LOCKED then SOAK, 365 days then 1) would deploy the weak value with no
 * warning. So each construct takes one snapshot of its props (and of each option object given to
 * an `add*` method) before anything else, and reads only the snapshot afterwards.
 *
 * A snapshot copies data, never framework objects: plain objects and arrays are copied (each own
 * enumerable property or element read exactly once, nested plain objects and arrays likewise).
 * A class instance that has a getter (its own, or on its prototype: `class Store { get
 * storageAccountId() {...} }` given as a destination or a list item) is data whose reads could
 * differ, so it is copied too: same prototype (instanceof and methods keep working), its own
 * properties and every getter's answer read once into own data properties. Constructs, tokens
 * (anything with a `resolve` function, an IResolvable written as an object literal too), the
 * kit's value classes whose getters only derive from their own fields (Immutability), class
 * instances without getters (a Duration, a Retention, a GcpParent), functions and every other
 * value pass through unchanged.
 */
import { Immutability } from './immutability';

/** Whether a value is a plain object (an object literal, `Object.create(null)`, or a Proxy of one). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether a plain object is an IResolvable literal, judged from its own property descriptor (no getter runs). */
function isResolvableLiteral(value: object): boolean {
  const d = Object.getOwnPropertyDescriptor(value, 'resolve');
  return d !== undefined && 'value' in d && typeof d.value === 'function';
}

/** The prototypes (below Object.prototype) of a class instance, nearest first. */
function prototypes(value: object): object[] {
  const out: object[] = [];
  for (let proto = Object.getPrototypeOf(value); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) out.push(proto);
  return out;
}

/** Prototypes whose getters only derive from the instance's own fields: an instance of them without getters of its own passes through. */
const DERIVED_GETTERS: ReadonlySet<object> = new Set([Immutability.prototype]);

/** Whether a class instance is a construct or a token (a `resolve` function anywhere on it), judged from descriptors (no getter runs). */
function isFrameworkObject(value: object): boolean {
  for (const o of [value, ...prototypes(value)]) {
    if (Object.getOwnPropertyDescriptor(o, CONSTRUCT_SYM) !== undefined) return true;
    const d = Object.getOwnPropertyDescriptor(o, 'resolve');
    if (d !== undefined) return 'value' in d && typeof d.value === 'function';
  }
  return false;
}

/** The names of a class instance's getters: its own accessors, and the getters of its prototypes but for DERIVED_GETTERS'. */
function getterNames(value: object): string[] {
  const names = Object.entries(Object.getOwnPropertyDescriptors(value)).filter(([, d]) => d.get !== undefined || d.set !== undefined).map(([n]) => n);
  for (const proto of prototypes(value)) {
    if (DERIVED_GETTERS.has(proto)) continue;
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) if (d.get !== undefined) names.push(name);
  }
  return [...new Set(names)];
}

/** constructs' own mark of a construct (Construct.isConstruct reads it). */
const CONSTRUCT_SYM = Symbol.for('constructs.Construct');

/**
 * A copy of `value` in which every plain object and array is copied, each own enumerable
 * property read exactly once; class instances, functions and tokens pass through unchanged.
 * Shared and cyclic parts stay shared and cyclic in the copy.
 */
export function snapshot<T>(value: T): T {
  return copy(value, new Map()) as T;
}

/**
 * A snapshot of a props bag (a construct's props, an `add*` method's options, a nested options
 * object of the kit's own interfaces). As `snapshot`, and when the bag is a class instance rather
 * than a literal, its prototype's getters are read once too (not only its own properties): a bag
 * is data by contract, whatever made it.
 */
export function snapshotBag<T extends object>(value: T): T {
  if (isPlainObject(value) || Array.isArray(value)) return snapshot(value);
  const seen = new Map<object, unknown>();
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  const names = new Set(Object.keys(value));
  for (let proto = Object.getPrototypeOf(value); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (name !== 'constructor' && d.get !== undefined) names.add(name);
    }
  }
  for (const name of names) define(out, name, copy((value as Record<string, unknown>)[name], seen));
  return out as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    const length = value.length;
    for (let i = 0; i < length; i++) out.push(copy(value[i], seen));
    return out;
  }
  if (!isPlainObject(value)) return copyInstance(value, seen);
  if (isResolvableLiteral(value)) return value;
  const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  seen.set(value, out);
  for (const key of Object.keys(value)) define(out, key, copy((value as Record<string, unknown>)[key], seen));
  return out;
}

/**
 * A class instance with getters, copied: its prototype kept, its own data properties copied and
 * each getter read once into an own data property. Without getters (or a construct, a token) it
 * is itself.
 */
function copyInstance(value: object, seen: Map<object, unknown>): unknown {
  if (isFrameworkObject(value)) return value;
  const getters = getterNames(value);
  if (getters.length === 0) return value;
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
  seen.set(value, out);
  const names = new Set([...Object.keys(value), ...getters]);
  for (const name of names) define(out, name, copy((value as Record<string, unknown>)[name], seen));
  return out;
}

/** Sets a key as an own data property (a key `__proto__` stays a key, never the prototype). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
