/**
 * Terraform string templates as they appear in Terraform JSON: literal text, `${expr}`
 * interpolations, `%{...}` directives, with `$${` and `%%{` as escapes. A small scanner rather
 * than a regex, because expressions nest braces (`${jsonencode({a = b})}`) and quote strings.
 */
export interface TfTemplate {
  readonly parts: readonly (string | { readonly expr: string })[];
  /** A `%{if}` / `%{for}` directive: the value depends on evaluation the engine does not do. */
  readonly directive: boolean;
}

export function scanTfTemplate(s: string): TfTemplate {
  // The common case, one whole-string reference (`${google_storage_bucket.b.name}`), without a scan.
  const whole = wholeInterpolation(s);
  if (whole !== undefined) return { parts: [{ expr: whole }], directive: false };
  // The next commonest, text around one such reference (`arn:${aws_s3_bucket.b.arn}/*`), without a scan either.
  const single = singleInterpolation(s);
  if (single !== undefined) return single;
  const parts: (string | { expr: string })[] = [];
  let directive = false;
  let lit = '';
  // Literal text runs are sliced out whole (s[from, i) is text not yet in `lit`), not built a character at a time.
  let from = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== DOLLAR && c !== PERCENT) {
      i++;
      continue;
    }
    if (s.charCodeAt(i + 1) === c && s.charCodeAt(i + 2) === OPEN) {
      // `$${` and `%%{` are the text `${` and `%{`.
      lit += s.slice(from, i + 1) + '{';
      i += 3;
      from = i;
      continue;
    }
    if (s.charCodeAt(i + 1) === OPEN) {
      const end = matchingBrace(s, i + 2);
      if (end < 0) break;
      if (c === PERCENT) directive = true;
      lit += s.slice(from, i);
      if (lit) parts.push(lit);
      lit = '';
      parts.push({ expr: s.slice(i + 2, end) });
      i = end + 1;
      from = i;
      continue;
    }
    i++;
  }
  if (from < s.length) lit += s.slice(from);
  if (lit || parts.length === 0) parts.push(lit);
  return { parts, directive };
}

const DOLLAR = 36;
const PERCENT = 37;
const OPEN = 123;
const CLOSE = 125;
const QUOTE = 34;

/**
 * The expression of a string that is one whole `${...}` interpolation with no braces or quotes
 * inside (`${aws_s3_bucket.b.id}`), the commonest Terraform value; undefined for any other string.
 */
export function wholeInterpolation(s: string): string | undefined {
  const last = s.length - 1;
  if (s.charCodeAt(0) !== DOLLAR || s.charCodeAt(1) !== OPEN || s.charCodeAt(last) !== CLOSE) return undefined;
  for (let i = 2; i < last; i++) {
    const c = s.charCodeAt(i);
    if (c === OPEN || c === CLOSE || c === QUOTE) return undefined;
  }
  return s.slice(2, last);
}

/**
 * The parts of a string with exactly one `${...}` (no braces or quotes inside it) and no other `$`
 * or `%`, so no escape or directive: text before, the expression, text after (each text only when
 * not empty). Undefined for any other string.
 */
function singleInterpolation(s: string): TfTemplate | undefined {
  const start = s.indexOf('${');
  if (start < 0 || s.indexOf('$') !== start || s.indexOf('$', start + 1) >= 0 || s.indexOf('%') >= 0) return undefined;
  const end = s.indexOf('}', start + 2);
  if (end < 0) return undefined;
  for (let i = start + 2; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === OPEN || c === QUOTE) return undefined;
  }
  const expr = { expr: s.slice(start + 2, end) };
  const before = s.slice(0, start);
  const after = s.slice(end + 1);
  // Both empty would be a whole interpolation, which wholeInterpolation has answered.
  return { parts: before === '' ? [expr, after] : after === '' ? [before, expr] : [before, expr, after], directive: false };
}

/** Index of the `}` closing a `{` whose body starts at `from`; -1 when unterminated. */
function matchingBrace(s: string, from: number): number {
  let depth = 0;
  let quote = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

export interface TfAddressToken {
  /** `aws_s3_bucket.logs`, `module.net.aws_vpc.main`, `data.x.y`. */
  readonly address: string;
  /** An instance key written right after the address (`[0]`, `["a"]`), if any. */
  readonly instance?: string;
}

const ADDRESS_TOKEN = /(?<![\w.\-"])((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?/g;

/**
 * Every resource-address-shaped token of an expression: `aws_s3_bucket.b.arn` gives
 * `aws_s3_bucket.b`. `var.x`, `local.y`, `each.key` come out too; they match no resource.
 */
export function tfAddressTokens(expr: string): TfAddressToken[] {
  // The common case, a plain traversal (`aws_s3_bucket.b.arn`), without the token regex. `test`
  // and indexOf, not a match with a capture: no match object or capture string per reference.
  if (PLAIN_TRAVERSAL.test(expr)) {
    const first = expr.indexOf('.');
    const moduleOrData = first === 6 ? expr.startsWith('module') : first === 4 && expr.startsWith('data');
    if (!moduleOrData) {
      const end = expr.indexOf('.', first + 1);
      return [{ address: end < 0 ? expr : expr.slice(0, end) }];
    }
  }
  return tokensOf(expr);
}

/** `TYPE.NAME`, alone or followed by `.ATTR...`: the address is what comes before the second dot. */
const PLAIN_TRAVERSAL = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_.]*)?$/;

function tokensOf(expr: string): TfAddressToken[] {
  const out: TfAddressToken[] = [];
  for (const m of expr.matchAll(ADDRESS_TOKEN)) out.push({ address: m[1], instance: m[2] });
  return out;
}
