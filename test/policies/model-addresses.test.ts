/**
 * ResourceModel.byAddress: a resource is found in the file asked from first, in another file only
 * when exactly one resource anywhere is at that address; two at one address in one file find the
 * last from that file and nothing from elsewhere. One file of unique addresses answers from its own
 * map, which must answer alike.
 */
import { ResourceModel } from '../../policies/engine/model';
import { Resource } from '../../policies/engine/types';

const res = (address: string, sourceFile: string, tag = ''): Resource => ({
  address,
  type: 'AWS::S3::Bucket',
  properties: { tag },
  attributes: {},
  sourceFile,
  format: 'cloudformation',
  cloud: 'aws',
  suppressions: [],
});
const from = (sourceFile: string) => ({ sourceFile, format: 'cloudformation' as const });

describe('ResourceModel.byAddress', () => {
  test('one file, every address once: found with and without a file, and from another file', () => {
    const a = res('A', 'one.json');
    const b = res('B', 'one.json');
    const model = new ResourceModel([a, b]);
    expect(model.addressesUnique).toBe(true);
    expect([model.byAddress('A'), model.byAddress('B', from('one.json')), model.byAddress('A', from('other.json'))]).toEqual([a, b, a]);
    expect(model.byAddress('C')).toBeUndefined();
    expect(model.byAddress('C', from('one.json'))).toBeUndefined();
  });

  test('one file with two resources at one address: the last from that file, nothing from elsewhere', () => {
    const first = res('A', 'one.json', 'first');
    const last = res('A', 'one.json', 'last');
    const b = res('B', 'one.json');
    const model = new ResourceModel([first, b, last]);
    expect(model.addressesUnique).toBe(false);
    expect(model.byAddress('A', from('one.json'))).toBe(last);
    expect(model.byAddress('A')).toBeUndefined();
    expect(model.byAddress('A', from('other.json'))).toBeUndefined();
    expect(model.byAddress('B')).toBe(b);
  });

  test('two files: each finds its own; an address of both is found from neither other file; one of one file from the other', () => {
    const a1 = res('A', 'one.json');
    const a2 = res('A', 'two.json');
    const b2 = res('B', 'two.json');
    const model = new ResourceModel([a1, a2, b2]);
    expect(model.addressesUnique).toBe(true);
    expect([model.byAddress('A', from('one.json')), model.byAddress('A', from('two.json'))]).toEqual([a1, a2]);
    expect(model.byAddress('A')).toBeUndefined();
    expect(model.byAddress('A', from('three.json'))).toBeUndefined();
    expect([model.byAddress('B', from('one.json')), model.byAddress('B')]).toEqual([b2, b2]);
  });

  test('no resources: nothing is found', () => {
    const model = new ResourceModel([]);
    expect(model.addressesUnique).toBe(true);
    expect(model.byAddress('A')).toBeUndefined();
  });
});
