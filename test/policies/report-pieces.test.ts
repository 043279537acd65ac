/**
 * jsonPieces: a document with long lists written in pieces is, joined, exactly
 * `JSON.stringify(doc, null, 2)` and a newline, wherever the lists sit; no piece holds more than
 * ITEMS_PER_PIECE items of a list; a document that spells a stand-in elsewhere is written whole.
 */
import fc from 'fast-check';
import { ITEMS_PER_PIECE, jsonPieces } from '../../policies/report/pieces';

const item = (i: number) => ({ id: `item-${i}`, n: i, nested: { list: [i, `${i}`], empty: {} }, quote: 'a "quoted" \\ line\nbreak' });
const items = (n: number) => Array.from({ length: n }, (_, i) => item(i));
const whole = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

describe('jsonPieces', () => {
  test.each([0, 1, 99, 100, 101, 250])('%i items, as a top-level member, two levels down and inside a list: the same text', (n) => {
    const a = items(n);
    const b = items(Math.max(0, n - 1)).reverse();
    const doc = (list: (x: readonly unknown[]) => unknown) => ({
      head: { a: 1, b: [true, null] },
      first: list(a),
      runs: [{ tool: { name: 'x' }, results: list(b) }],
      lists: [[list(a)]],
      tail: 'end',
    });
    const pieces = [...jsonPieces(doc)];
    expect(pieces.join('')).toBe(whole(doc((x) => x)));
    // Each list of n items comes in ceil(n / ITEMS_PER_PIECE) pieces of its own.
    for (const piece of pieces) expect(piece.split('"id"').length - 1).toBeLessThanOrEqual(ITEMS_PER_PIECE);
    const listPieces = (k: number) => Math.max(1, Math.ceil(k / ITEMS_PER_PIECE));
    expect(pieces.length).toBe(1 + 2 * listPieces(n) + listPieces(b.length) + 3);
  });

  test('a document that is itself the list', () => {
    const a = items(150);
    expect([...jsonPieces((list) => list(a))].join('')).toBe(whole(a));
  });

  test('agrees with JSON.stringify on any document and any lists in it', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, fc.array(fc.array(json, { maxLength: 230 }), { minLength: 1, maxLength: 3 }), fc.array(fc.string({ maxLength: 6 }), { minLength: 3, maxLength: 3 }), (other, lists, keys) => {
        const doc = (list: (x: readonly unknown[]) => unknown) => ({ other, [`k${keys[0]}`]: lists.map((l) => list(l)), deep: { [`d${keys[1]}`]: { x: list(lists[0]) } } });
        expect([...jsonPieces(doc)].join('')).toBe(whole(doc((x) => x)));
      }),
      { numRuns: 200 },
    );
  });

  test("a document holding a stand-in's text (a hostile input's string) is written whole, still the same text", () => {
    const a = items(300);
    // The stand-in of the first list, as an input could spell it (NUL characters written \u0000 in JSON).
    const spelled = '\u0000forensic-readiness-list-0\u0000';
    const doc = (list: (x: readonly unknown[]) => unknown) => ({ type: spelled, findings: list(a) });
    const pieces = [...jsonPieces(doc)];
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toBe(whole(doc((x) => x)));
  });
});
