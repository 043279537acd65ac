import { isAscii } from 'buffer';

/**
 * A JSON document written as `JSON.stringify(doc, null, 2)` and a newline, in pieces: the text
 * around its long lists, and each list ITEMS_PER_PIECE items at a time. A report of tens of
 * thousands of findings is then never held as one string: building one (21 MB of JSON, 38 MB of
 * SARIF at 29,000 findings) costs more in garbage collection than the stringify itself, because
 * its parts survive in the young generation until the end (docs/architecture.md, What a run costs).
 */

/**
 * Items per piece of a list: a piece stays under the ~128 KB past which V8 allocates a string in
 * fresh large-object pages, so each piece dies young once written.
 */
export const ITEMS_PER_PIECE = 100;

/**
 * The pieces of the document `build` returns. `build` puts each long list into the document as
 * `list(items)`, which stands for `items`; joined, the pieces are exactly
 * `JSON.stringify(doc, null, 2) + '\n'` of the document with the lists in place. Every value is built
 * before the first piece, so writing does not fail half way. Should the document hold a stand-in's
 * text elsewhere (a string of an input that spells it), it is written whole, as one piece.
 */
export function* jsonPieces(build: (list: (items: readonly unknown[]) => unknown) => unknown): Generator<string> {
  const lists: (readonly unknown[])[] = [];
  const text = JSON.stringify(build((items) => standIn(lists.push(items) - 1)), null, 2);
  const places = lists.map((_, i) => {
    const quoted = JSON.stringify(standIn(i));
    const at = text.indexOf(quoted);
    return { at, end: at + quoted.length, once: at >= 0 && text.indexOf(quoted, at + 1) < 0 };
  });
  if (!places.every((p) => p.once)) {
    yield `${JSON.stringify(build((items) => items), null, 2)}\n`;
    return;
  }
  const order = lists.map((_, i) => i).sort((a, b) => places[a].at - places[b].at);
  let from = 0;
  for (const i of order) {
    const { at, end } = places[i];
    yield text.slice(from, at);
    yield* listPieces(lists[i], depthAt(text, at));
    from = end;
  }
  yield `${text.slice(from)}\n`;
}

/**
 * The text of a list whose value sits at `depth` (the depth of its key, or of its place in an outer
 * list): `[`, its items ITEMS_PER_PIECE at a time, each piece stringified where JSON.stringify would
 * put it, then `]` at the list's indentation.
 */
function* listPieces(items: readonly unknown[], depth: number): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  // The items at depth + 1: the piece nested in `depth` lists puts them there; the nesting's own
  // brackets are cut off (`[\n  [\n` before, `\n  ]\n]` after, at depth 1).
  let open = '';
  let close = '';
  for (let d = 0; d <= depth; d++) {
    open += `${'  '.repeat(d)}[\n`;
    close = `\n${'  '.repeat(d)}]${close}`;
  }
  for (let i = 0; i < items.length; i += ITEMS_PER_PIECE) {
    let nested: unknown = items.slice(i, i + ITEMS_PER_PIECE);
    for (let d = 0; d < depth; d++) nested = [nested];
    const piece = JSON.stringify(nested, null, 2);
    const last = i + ITEMS_PER_PIECE >= items.length;
    yield `${i === 0 ? '[\n' : ',\n'}${piece.slice(open.length, piece.length - close.length)}${last ? `\n${'  '.repeat(depth)}]` : ''}`;
  }
}

/** The stand-in of the list at `index`: NUL characters, which JSON.stringify writes as `\u0000`. */
function standIn(index: number): string {
  return `\u0000forensic-readiness-list-${index}\u0000`;
}

/** The depth of the value at `at`: its line's indentation, two spaces a level. */
function depthAt(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  let spaces = 0;
  while (text.charCodeAt(lineStart + spaces) === 0x20) spaces++;
  return spaces / 2;
}

/**
 * The characters JSON.stringify writes raw that a terminal may act on or that reorder what it
 * shows: DEL, the C1 controls (U+009B is CSI), line and paragraph separators, bidirectional
 * overrides and isolates. JSON holds them only inside strings (its own syntax is ASCII).
 */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with those characters written as `\uXXXX` escapes: the same values once parsed, and
 * nothing raw reaches a terminal the report is written to (JSON.stringify escapes C0 itself).
 */
export function terminalSafeJson(text: string): string {
  // Nearly every piece is ASCII without DEL: its UTF-8 bytes tested natively, several times faster
  // than the pattern over the characters (which stays for any other text).
  const bytes = Buffer.from(text, 'utf8');
  if (isAscii(bytes) && bytes.indexOf(0x7f) < 0) return text;
  RAW_IN_JSON.lastIndex = 0;
  if (!RAW_IN_JSON.test(text)) return text;
  return text.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The pieces, each as terminalSafeJson writes it (an escape never spans two pieces: each is one character). */
export function* terminalSafePieces(pieces: Iterable<string>): Generator<string> {
  for (const piece of pieces) yield terminalSafeJson(piece);
}
