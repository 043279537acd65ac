/**
 * PropCheck.props refuses a key the props type does not declare (a typo would otherwise deploy
 * the default with no word), with one line naming the construct, its path, the bag, the known keys
 * and the nearest one. The known keys are one object per props type, checked against the interface
 * at compile time (PropKeys).
 */
import { PropCheck, PropKeys, UnknownPropError } from '../../constructs/core';
import { refusal } from '../refusal';

interface Bag {
  readonly retention?: number;
  readonly immutability?: string;
  readonly dataEvents?: { readonly s3Buckets?: string[] };
}
const BAG_KEYS = { retention: true, immutability: true, dataEvents: true } as const satisfies PropKeys<Bag>;
const check = new PropCheck('Stack/E', () => false, 'EvidenceBucket');

describe('PropCheck.props: unknown keys', () => {
  test('a known key passes, and the snapshot comes back', () => {
    const given = { retention: 3650 };
    const p = check.props<Bag>('props', given, BAG_KEYS);
    expect(p).toEqual({ retention: 3650 });
    expect(p).not.toBe(given);
  });

  test('an unknown key is refused in one line, with the known keys and a did-you-mean', () => {
    const e = refusal(() => check.props<Bag>('props', { retentionDays: 3650 }, BAG_KEYS));
    expect(e).toBeInstanceOf(UnknownPropError);
    expect(e.message).toBe('EvidenceBucket Stack/E: unknown prop "retentionDays" in props (expected one of: retention, immutability, dataEvents; did you mean "retention"?)');
    expect(e.message).not.toContain('\n');
    expect([e.prop, (e as UnknownPropError).key, (e as UnknownPropError).suggestion]).toEqual(['retentionDays', 'retentionDays', 'retention']);
  });

  test('a nested bag names its path; a key far from every known one gets no guess', () => {
    const e = refusal(() => check.props<NonNullable<Bag['dataEvents']>>('dataEvents', { s3buckets: [] }, { s3Buckets: true }));
    expect(e.message).toBe('EvidenceBucket Stack/E: unknown prop "s3buckets" in dataEvents (expected one of: s3Buckets; did you mean "s3Buckets"?)');
    expect(e.prop).toBe('dataEvents.s3buckets');
    expect(refusal(() => check.props<Bag>('props', { zzz: 1 }, BAG_KEYS)).message).toBe(
      'EvidenceBucket Stack/E: unknown prop "zzz" in props (expected one of: retention, immutability, dataEvents)',
    );
  });

  test('the key of a class-instance bag (a getter on its prototype) is judged from the snapshot, read once', () => {
    let reads = 0;
    class Props {
      get retentoin(): number {
        reads++;
        return 1;
      }
    }
    expect(refusal(() => check.props<Bag>('props', new Props(), BAG_KEYS)).message).toContain('unknown prop "retentoin" in props');
    expect(reads).toBe(1);
  });

  test('a key named like an Object.prototype member is unknown too', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(refusal(() => check.props<Bag>('props', { [key]: 1 }, BAG_KEYS)).message).toContain(`unknown prop "${key}" in props`);
    }
  });

  test('without a construct name the message starts with the path', () => {
    const bare = new PropCheck('Stack/X', () => false);
    expect(refusal(() => bare.props<Bag>('options', { nme: 'a' }, BAG_KEYS)).message).toMatch(/^Stack\/X: unknown prop "nme" in options \(/);
  });

  test('the key list is checked against the interface at compile time', () => {
    // @ts-expect-error a key of the interface is missing
    const missing = { retention: true, immutability: true } as const satisfies PropKeys<Bag>;
    // @ts-expect-error a key the interface does not declare
    const extra = { retention: true, immutability: true, dataEvents: true, retentionDays: true } as const satisfies PropKeys<Bag>;
    expect([missing, extra]).toHaveLength(2);
  });
});
