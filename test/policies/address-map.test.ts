import * as fc from 'fast-check';
import { AddressMap } from '../../policies/engine/address-map';

describe('AddressMap', () => {
  test('answers as a Map does: set, replace, has, get, the empty key and keys of one shard', () => {
    const m = new AddressMap<number>();
    expect(m.get('')).toBeUndefined();
    m.set('', 0).set('aws_s3_bucket.a', 1).set('aws_s3_bucket.a', 2);
    // Same length and last character: the same shard, still two keys.
    m.set('Bucket1', 3).set('Queue01', 4);
    expect([m.get(''), m.get('aws_s3_bucket.a'), m.get('Bucket1'), m.get('Queue01')]).toEqual([0, 2, 3, 4]);
    expect(m.has('Bucket1')).toBe(true);
    expect(m.has('Bucket2')).toBe(false);
    expect(m.get('bucket1')).toBeUndefined();
    // A replaced key counts once.
    expect(m.size).toBe(4);
  });

  test('agrees with a Map on any sequence of sets and reads', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.integer())), fc.array(fc.string({ maxLength: 12 })), (writes, reads) => {
        const ours = new AddressMap<number>();
        const map = new Map<string, number>();
        for (const [k, v] of writes) ours.set(k, v), map.set(k, v);
        for (const k of [...reads, ...writes.map(([w]) => w)]) {
          expect(ours.get(k)).toBe(map.get(k));
          expect(ours.has(k)).toBe(map.has(k));
        }
        expect(ours.size).toBe(map.size);
      }),
    );
  });
});
