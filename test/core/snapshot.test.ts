/**
 * snapshot and snapshotBag: a value with getters is read once. Plain objects and arrays are
 * copied; a class instance that is data (not a construct, not a token) and has a getter (on its
 * prototype or its own) is copied too, each getter read once, its prototype kept; a class
 * instance without getters, a construct and a token pass through unchanged.
 */
import { Duration, Lazy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Immutability, Retention, snapshot, snapshotBag } from '../../constructs/core';

/** An object of a class whose `value` getter (on the prototype) answers `first` on its first read and `later` after; `reads` counts them. */
function protoFaced(first: string, later: string) {
  let reads = 0;
  class Spec {
    public readonly name = 'fixed';
    public get value(): string {
      reads++;
      return reads === 1 ? first : later;
    }
    public describe(): string {
      return `${this.name}=${this.value}`;
    }
  }
  return { item: new Spec(), Spec, reads: () => reads };
}

describe('snapshot', () => {
  test('a list item that is a class instance with a getter on its prototype is read once: later reads answer the first value', () => {
    const f = protoFaced('safe', 'weak');
    const [copy] = snapshot([f.item]);
    expect([copy.value, copy.value, copy.describe()]).toEqual(['safe', 'safe', 'fixed=safe']);
    expect(f.reads()).toBe(1);
    expect(copy).toBeInstanceOf(f.Spec);
    expect(copy.name).toBe('fixed');
  });

  test('a class instance with a getter nested in a plain object is read once', () => {
    const f = protoFaced('westeurope', 'eastus');
    const copy = snapshot({ destination: { store: f.item } });
    expect([copy.destination.store.value, copy.destination.store.value]).toEqual(['westeurope', 'westeurope']);
    expect(f.reads()).toBe(1);
  });

  test('an own accessor defined on a class instance is read once', () => {
    let reads = 0;
    const f = protoFaced('a', 'b');
    Object.defineProperty(f.item, 'extra', { enumerable: true, get: () => (++reads === 1 ? 'first' : 'later') });
    const [copy] = snapshot([f.item]) as unknown as Array<{ extra: string }>;
    expect([copy.extra, copy.extra, reads]).toEqual(['first', 'first', 1]);
  });

  test('a shared class instance with getters stays one copy', () => {
    const f = protoFaced('safe', 'weak');
    const copy = snapshot({ a: f.item, b: [f.item] });
    expect(copy.a).toBe(copy.b[0]);
    expect(f.reads()).toBe(1);
  });

  test('constructs, tokens and class instances without getters of their own pass through unchanged', () => {
    const scope = new Construct(undefined as any, 'Root');
    const token = Lazy.string({ produce: () => 'x' });
    const lazyAny = Lazy.any({ produce: () => 'x' });
    const days = Duration.days(3);
    const retention = Retention.days(400);
    const values = [scope, lazyAny, days, retention, Immutability.LOCKED, Immutability.SOAK];
    const copy = snapshot([...values, token]);
    values.forEach((v, i) => expect(copy[i]).toBe(v));
    expect(copy[values.length]).toBe(token);
  });

  test('snapshotBag copies a class-instance bag whose nested option is a class instance with getters, each read once', () => {
    const f = protoFaced('LOCKED', 'SOAK');
    const copy = snapshotBag({ nested: f.item, list: [f.item] });
    expect([copy.nested.value, copy.list[0].value]).toEqual(['LOCKED', 'LOCKED']);
    expect(f.reads()).toBe(1);
  });
});
