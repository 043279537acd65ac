import { InputError, oneLine } from './errors';
import { scanJson } from '../../constructs/core/json-scan';

/** Where keys sit in a source text, for report line numbers. Built lazily: only reports with findings ask. */
export interface SourceLocator {
  /**
   * The 1-based line of a chain of keys: the first `keys[0]`, then the first `keys[1]` after it, ...
   * (`['Resources', 'Bucket']`). Best effort: 1 when the text does not say.
   */
  lineOf(keys: readonly string[]): number;
  /**
   * The 1-based line of the first key `key` whose value is the string `value`, after the chain
   * `within` (found as lineOf finds it): a plan's resource is the object whose `address` is its
   * address, a value, which no chain of keys reaches. Undefined when the text holds no such pair.
   */
  lineOfValue(within: readonly string[], key: string, value: string): number | undefined;
}

/** A parsed input text: its value, the syntax it was written in and where its keys are. */
export interface ParsedSource {
  /** The parsed value. */
  readonly doc: unknown;
  /** The syntax it was parsed as. */
  readonly syntax: 'json' | 'yaml';
  /** The line look-up of its keys. */
  readonly locator: SourceLocator;
  /** What the parse saw of a JSON text's keys; absent for YAML (nothing was counted). */
  readonly keys?: KeyCensus;
}

/**
 * The keys of a JSON text that loaders look for, seen while its keys were counted anyway: a loader
 * that knows no key can match skips a walk of the whole document.
 */
export interface KeyCensus {
  /** Every distinct key starting with `Fn::` (CloudFormation functions and `Fn::ForEach::` loops). */
  readonly functionKeys: ReadonlySet<string>;
  /** Whether any object has a key `dynamic` (a Terraform dynamic block). */
  readonly dynamicKey: boolean;
}

/**
 * Parse a text by its content: JSON when it starts with `{` or `[` or when its file is named
 * `.json` (never YAML then: a `.json` file with a `//` line above its object would otherwise be
 * read as a YAML string), YAML otherwise, read as CloudFormation and cfn-lint read it: every
 * short-form tag `!Name` as its long form, YAML 1.1 booleans (`yes`, `off`). Malformed input and
 * tags that are not `!Name` (`!!python/object`, `!<tag:...>`) are InputErrors naming the line.
 * With `yaml: '1.2'` (a config or suppressions file, which only the kit reads) YAML is read as
 * YAML 1.2's core schema instead, whatever `%YAML` directive it has: `yes`, `on`, `off` are strings,
 * and every tag the schema does not know (`!Ref` included) is an InputError naming the line.
 */
export function parseSource(text: string, display: string, options: { readonly yaml?: 'cloudformation' | '1.2' } = {}): ParsedSource {
  const first = firstNonSpace(text);
  if (first === '{' || first === '[' || JSON_NAME.test(display)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      const scan = scanJson(text, MAX_NESTING);
      throw new InputError(`${display}: malformed JSON${positionIn(text, scan.errorAt ?? text.length)}: ${oneLine((err as Error).message, 160)}`);
    }
    // A text whose keys JSON.parse all kept and that nests no deeper than the limit needs no
    // scan of its own; otherwise the scan says where the repeated key or the depth is.
    const census = { functionKeys: new Set<string>(), dynamicKey: false };
    const parsedKeys = keyCount(doc, 1, census);
    if (parsedKeys >= 0 && parsedKeys === writtenKeyCount(text)) return { doc, syntax: 'json', locator: new JsonLocator(text), keys: census };
    const scan = scanJson(text, MAX_NESTING);
    if (scan.tooDeepAt !== undefined) throw tooDeep(display, positionIn(text, scan.tooDeepAt));
    if (scan.duplicate) {
      // JSON.parse keeps the last and drops the others unseen: a resource would escape every rule.
      throw new InputError(`${display}: duplicate key ${JSON.stringify(scan.duplicate.key)}${positionIn(text, scan.duplicate.at)}; each key may appear once in an object`);
    }
    return { doc, syntax: 'json', locator: new JsonLocator(text) };
  }
  // The YAML parser costs ~90 ms to load: only a YAML text loads it, a run of JSON inputs never does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseYamlSource } = require('./parse-yaml') as typeof import('./parse-yaml');
  return parseYamlSource(text, display, options.yaml ?? 'cloudformation');
}

/** A file name that says JSON (`.tf.json` included). */
const JSON_NAME = /\.json$/i;

/**
 * The keys of every object of a parsed JSON value (JSON.parse keeps one of each repeated key), or
 * -1 when it nests deeper than MAX_NESTING (the recursion stops there). Collects the keys that
 * start with `Fn::`, and whether a key is `dynamic`, on the way (see KeyCensus).
 */
function keyCount(v: unknown, depth: number, census: { functionKeys: Set<string>; dynamicKey: boolean }): number {
  if (v === null || typeof v !== 'object') return 0;
  if (depth > MAX_NESTING) return -1;
  // Scalars (most values) are skipped here rather than in a call of their own.
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x === null || typeof x !== 'object') continue;
      const c = keyCount(x, depth + 1, census);
      if (c < 0) return -1;
      n += c;
    }
    return n;
  }
  const obj = v as Record<string, unknown>;
  for (const k in obj) {
    // `F`, then the prefix: one comparison for nearly every key.
    if (k.charCodeAt(0) === 0x46 && k.startsWith('Fn::')) census.functionKeys.add(k);
    else if (k === 'dynamic') census.dynamicKey = true;
    n++;
    const x = obj[k];
    if (x === null || typeof x !== 'object') continue;
    const c = keyCount(x, depth + 1, census);
    if (c < 0) return -1;
    n += c;
  }
  return n;
}

/**
 * The keys a valid JSON text writes, repeated ones included: every string followed by `:`.
 * Strings are skipped with indexOf (a quote inside one is escaped), no regular expression.
 */
function writtenKeyCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; ) {
    let j = text.indexOf('"', i + 1);
    for (;;) {
      if (j === -1) return count;
      let backslashes = 0;
      for (let b = j - 1; text.charCodeAt(b) === 0x5c; b--) backslashes++;
      if ((backslashes & 1) === 0) break;
      j = text.indexOf('"', j + 1);
    }
    let k = j + 1;
    let c = text.charCodeAt(k);
    while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++k);
    if (c === 0x3a /* : */) count++;
    i = text.indexOf('"', k);
  }
  return count;
}

/**
 * The first character of a text that is not white space (as `/\S/` finds it), without a regular
 * expression over the text: a RegExp match keeps its subject string reachable (the legacy
 * `RegExp.input`) until the next match, which held a whole input of tens of megabytes after its run.
 */
function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    const ch = text[i];
    // Other white space (a no-break space, a BOM, U+2028...) is rare: the one character is tested.
    if (c < 0x80 ? c !== 0x0b && c !== 0x0c : !/\s/.test(ch)) return ch;
  }
  return undefined;
}

/** The deepest nesting of objects and lists an input may have: templates nest a few dozen levels. */
export const MAX_NESTING = 1000;

/** The error of an input nested deeper than MAX_NESTING (`where`: the position, or a note). */
export function tooDeep(display: string, where: string): InputError {
  return new InputError(`${display}: nested deeper than ${MAX_NESTING} levels of objects and lists${where}; no template nests so deep`);
}

/** ` at line L, column C` of an offset (1-based). */
function positionIn(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return ` at line ${line}, column ${pos - lineStart + 1}`;
}

/** Key positions by key text, sorted, plus line starts: one pass over the text, on first use. */
abstract class KeyIndexLocator implements SourceLocator {
  private positions?: Map<string, number[]>;
  private lineStarts?: number[];
  /** Per key asked by lineOfValue: the offsets of that key by its string value, sorted. */
  private readonly byValue = new Map<string, Map<string, number[]>>();

  public lineOf(keys: readonly string[]): number {
    const at = this.offsetOf(keys);
    return at < 0 ? 1 : this.lineAt(at);
  }

  public lineOfValue(within: readonly string[], key: string, value: string): number | undefined {
    const after = this.offsetOf(within);
    let values = this.byValue.get(key);
    if (!values) {
      values = this.valueIndex(key, this.positions?.get(key) ?? []);
      this.byValue.set(key, values);
    }
    const at = firstAfter(values.get(value) ?? [], after);
    return at === undefined ? undefined : this.lineAt(at);
  }

  /** The offset of a chain of keys (the last one found of it), -1 when not even the first is. */
  private offsetOf(keys: readonly string[]): number {
    if (!this.positions) this.positions = this.buildIndex();
    let at = -1;
    for (const k of keys) {
      const list = this.positions.get(k);
      const next = list ? firstAfter(list, at) : undefined;
      if (next === undefined) return at;
      at = next;
    }
    return at;
  }

  protected abstract buildIndex(): Map<string, number[]>;
  /** The offsets of `key` (`offsets`, sorted) grouped by the string each has as its value; others left out. */
  protected abstract valueIndex(key: string, offsets: readonly number[]): Map<string, number[]>;
  protected abstract text(): string;

  protected lineAt(offset: number): number {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text();
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** The first of sorted offsets after `after`, by binary search. */
export function firstAfter(sorted: number[], after: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] > after) hi = mid;
    else lo = mid + 1;
  }
  return lo < sorted.length ? sorted[lo] : undefined;
}

class JsonLocator extends KeyIndexLocator {
  constructor(private readonly source: string) {
    super();
  }

  protected text(): string {
    return this.source;
  }

  /**
   * One linear pass over the text, no regular expression: a string followed by `:` is a key.
   * (A backtracking pattern over a string of many megabytes overflows the stack.)
   */
  protected buildIndex(): Map<string, number[]> {
    const index = new Map<string, number[]>();
    const t = this.source;
    const n = t.length;
    for (let i = t.indexOf('"'); i !== -1 && i < n; i = t.indexOf('"', i)) {
      const start = i;
      let escaped = false;
      let j = i + 1;
      for (; j < n; j++) {
        const c = t.charCodeAt(j);
        if (c === 0x5c /* \ */) {
          escaped = true;
          j++;
        } else if (c === 0x22 /* " */) break;
      }
      if (j >= n) break;
      let k = j + 1;
      while (k < n && (t[k] === ' ' || t[k] === '\t' || t[k] === '\n' || t[k] === '\r')) k++;
      if (t[k] === ':') {
        const raw = t.slice(start + 1, j);
        const key = escaped ? decodeJsonString(t.slice(start, j + 1), raw) : raw;
        const list = index.get(key);
        if (list) list.push(start);
        else index.set(key, [start]);
      }
      i = j + 1;
    }
    return index;
  }

  /** Each key at `offsets` whose value is a string, by that string: a linear look past each key. */
  protected valueIndex(_key: string, offsets: readonly number[]): Map<string, number[]> {
    const index = new Map<string, number[]>();
    const t = this.source;
    const blank = (k: number) => t[k] === ' ' || t[k] === '\t' || t[k] === '\n' || t[k] === '\r';
    for (const start of offsets) {
      let k = jsonStringEnd(t, start).end + 1;
      while (k < t.length && blank(k)) k++;
      if (t[k] !== ':') continue;
      k++;
      while (k < t.length && blank(k)) k++;
      if (t[k] !== '"') continue;
      const { end, escaped } = jsonStringEnd(t, k);
      if (end < 0) continue;
      const raw = t.slice(k + 1, end);
      const value = escaped ? decodeJsonString(t.slice(k, end + 1), raw) : raw;
      const list = index.get(value);
      if (list) list.push(start);
      else index.set(value, [start]);
    }
    return index;
  }
}

/**
 * The end of the JSON string whose opening quote is at `start` (the offset of its closing quote,
 * or -1), and whether it holds an escape.
 */
function jsonStringEnd(t: string, start: number): { end: number; escaped: boolean } {
  let escaped = false;
  for (let j = start + 1; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === 0x5c /* \ */) {
      escaped = true;
      j++;
    } else if (c === 0x22 /* " */) return { end: j, escaped };
  }
  return { end: -1, escaped };
}

function decodeJsonString(quoted: string, raw: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return raw;
  }
}
