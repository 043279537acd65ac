/** The engine's one value reader and its one memo of derived facts, used by the rules of every cloud. */
import { modelFact, resourceFact, ResourceModel, UNRESOLVED } from '../../policies/engine/model';
import { asBool, asList, asNumber, preventDestroy, show } from '../../policies/engine/values';
import { Resource } from '../../policies/engine/types';

const resource = (over: Partial<Resource> = {}): Resource =>
  ({ address: 'x.y', type: 'google_storage_bucket', cloud: 'gcp', format: 'terraform', sourceFile: 'a.tf.json', properties: {}, attributes: {}, ...over }) as Resource;

describe('engine values', () => {
  it.each([
    [true, 'terraform', true],
    ['true', 'terraform', true],
    ['false', 'terraform', false],
    ['TRUE', 'terraform', UNRESOLVED],
    ['TRUE', 'cloudformation', true],
    ['False', 'cloudformation', false],
    ['maybe', 'cloudformation', UNRESOLVED],
    [3, 'terraform', UNRESOLVED],
    [undefined, 'terraform', undefined],
    [null, 'cloudformation', undefined],
    [UNRESOLVED, 'terraform', UNRESOLVED],
  ] as const)('asBool(%p, %s) is %p', (value, dialect, expected) => {
    expect(asBool(value, dialect)).toBe(expected);
  });

  it.each([
    [365, 365],
    ['365', 365],
    [' 7 ', 7],
    ['ten', UNRESOLVED],
    ['', UNRESOLVED],
    [true, UNRESOLVED],
    [Number.POSITIVE_INFINITY, UNRESOLVED],
    [undefined, undefined],
    [null, undefined],
    [UNRESOLVED, UNRESOLVED],
  ] as const)('asNumber(%p) is %p', (value, expected) => {
    expect(asNumber(value)).toBe(expected);
  });

  it('asList and show', () => {
    expect(asList(undefined)).toEqual([]);
    expect(asList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asList([1, 2])).toEqual([1, 2]);
    expect([show(undefined), show(UNRESOLVED), show('x'), show(3)]).toEqual(['absent', 'a value known only at deploy', '"x"', '3']);
  });

  it('preventDestroy: true, false when absent, UNRESOLVED when not a boolean, unrecorded on a plan', () => {
    const model = new ResourceModel([]);
    expect(preventDestroy(model, resource({ attributes: { lifecycle: { prevent_destroy: true } } }))).toBe(true);
    expect(preventDestroy(model, resource({ attributes: { lifecycle: [{ prevent_destroy: 'true' }] } }))).toBe(true);
    expect(preventDestroy(model, resource())).toBe(false);
    expect(preventDestroy(model, resource({ attributes: { lifecycle: {} } }))).toBe(false);
    expect(preventDestroy(model, resource({ attributes: { lifecycle: { prevent_destroy: 'maybe' } } }))).toBe(UNRESOLVED);
    expect(preventDestroy(model, resource({ format: 'terraform-plan' }))).toBe('unrecorded');
  });
});

describe('model facts', () => {
  it('a model fact is built once per model, and two models never share one', () => {
    let builds = 0;
    const count = modelFact('count', (m) => {
      builds++;
      return m.resources.length;
    });
    const a = new ResourceModel([resource()]);
    const b = new ResourceModel([resource(), resource({ address: 'x.z' })]);
    expect([a.fact(count), a.fact(count), b.fact(count), a.fact(count)]).toEqual([1, 1, 2, 1]);
    expect(builds).toBe(2);
  });

  it('a resource fact is built once per model and resource, undefined results included', () => {
    const seen: string[] = [];
    const fact = resourceFact('seen', (_m, r) => {
      seen.push(r.address);
      return r.address === 'x.y' ? undefined : r.address;
    });
    const r1 = resource();
    const r2 = resource({ address: 'x.z' });
    const a = new ResourceModel([r1, r2]);
    const b = new ResourceModel([r1]);
    expect([fact(a, r1), fact(a, r1), fact(a, r2), fact(b, r1), fact(a, r2)]).toEqual([undefined, undefined, 'x.z', undefined, 'x.z']);
    expect(seen).toEqual(['x.y', 'x.z', 'x.y']);
  });
});
