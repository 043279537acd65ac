/** What one pass over a JSON text found: where it goes wrong, how deep it nests, its first repeated key. */
export interface JsonScan {
  /** The offset of the first syntax error; undefined when the text is valid JSON. */
  readonly errorAt?: number;
  /** The deepest nesting of objects and lists (0 for a scalar). */
  readonly depth: number;
  /** The offset of the first `{` or `[` deeper than the `maxDepth` asked for. */
  readonly tooDeepAt?: number;
  /** The first key repeated within one object (JSON.parse keeps only the last of them). */
  readonly duplicate?: { readonly key: string; readonly at: number };
}

interface Frame {
  readonly object: boolean;
  readonly keys?: Set<string>;
}

type Mode = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

/**
 * One linear pass over a JSON text, with an explicit stack instead of recursion: no input
 * nests deep enough to overflow it, and no regular expression backtracks over it.
 */
export function scanJson(text: string, maxDepth = Infinity): JsonScan {
  const n = text.length;
  const stack: Frame[] = [];
  let i = 0;
  let depth = 0;
  let tooDeepAt: number | undefined;
  let duplicate: { key: string; at: number } | undefined;
  let mode: Mode = 'value';
  const done = (errorAt?: number): JsonScan => ({ ...(errorAt === undefined ? {} : { errorAt: Math.min(errorAt, n) }), depth, tooDeepAt, duplicate });
  const after = (): Mode => (stack.length === 0 ? 'end' : 'comma-or-close');
  const open = (object: boolean) => {
    stack.push(object ? { object, keys: new Set() } : { object });
    if (stack.length > depth) depth = stack.length;
    if (stack.length > maxDepth && tooDeepAt === undefined) tooDeepAt = i;
    i++;
  };
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    const c = text[i];
    switch (mode) {
      case 'end':
        return done(i < n ? i : undefined);
      case 'value':
      case 'value-or-close': {
        if (c === ']' && mode === 'value-or-close') {
          i++;
          stack.pop();
          mode = after();
        } else if (c === '{') {
          open(true);
          mode = 'key-or-close';
        } else if (c === '[') {
          open(false);
          mode = 'value-or-close';
        } else {
          const end = scalarEnd(text, i);
          if (end < 0) return done(-end - 1);
          i = end;
          mode = after();
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (c === '}' && mode === 'key-or-close') {
          i++;
          stack.pop();
          mode = after();
          break;
        }
        if (c !== '"') return done(i);
        const start = i;
        const end = stringEnd(text, i);
        if (end < 0) return done(-end - 1);
        i = end;
        const key = decodeKey(text.slice(start, end));
        const keys = stack[stack.length - 1].keys!;
        if (keys.has(key) && duplicate === undefined) duplicate = { key, at: start };
        keys.add(key);
        mode = 'colon';
        break;
      }
      case 'colon':
        if (c !== ':') return done(i);
        i++;
        mode = 'value';
        break;
      case 'comma-or-close': {
        const top = stack[stack.length - 1];
        if (c === ',') {
          i++;
          mode = top.object ? 'key' : 'value';
        } else if (c === (top.object ? '}' : ']')) {
          i++;
          stack.pop();
          mode = after();
        } else return done(i);
        break;
      }
    }
  }
}

/**
 * Where a JSON text first goes wrong, as an offset: JSON.parse in Node 20 does not always say
 * (`Unexpected token '}', ..."B": }" is not valid JSON`). The text's length when it is valid.
 */
export function jsonErrorOffset(text: string): number {
  return scanJson(text).errorAt ?? text.length;
}

/** The end of the scalar at `i`, or `-(offset + 1)` of its error. */
function scalarEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (c === word[0]) return text.startsWith(word, i) ? i + word.length : -(i + 1);
  }
  const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
  return m ? i + m[0].length : -(i + 1);
}

/** The end of the string whose opening quote is at `i`, or `-(offset + 1)` of its error. */
function stringEnd(text: string, i: number): number {
  const n = text.length;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -(i + 1);
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -(i + 2);
        i += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
      else return -(i + 2);
      continue;
    }
    i++;
  }
  return -(n + 1);
}

function decodeKey(quoted: string): string {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
