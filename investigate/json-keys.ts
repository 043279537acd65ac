/**
 * A key repeated within one JSON object: not what a service writes, and readers disagree on which
 * value stands (JSON.parse keeps the last, DuckDB the first), so a record could say one thing to
 * `verify` and another to `investigate`.
 */
import { scanJson } from '../constructs/core/json-scan';

/**
 * The first key `text` repeats within one of its objects (decoded: `"a"` and `"\u0061"` are one
 * key) up to where it stops being JSON, or undefined when it repeats none there. A byte order
 * mark before the text is skipped, as DuckDB skips it.
 */
export function repeatedKey(text: string): string | undefined {
  return scanJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).duplicate?.key;
}
