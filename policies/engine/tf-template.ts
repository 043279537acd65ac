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
  if (s.charCodeAt(0) === 36 && s.charCodeAt(1) === 123 && s.charCodeAt(s.length - 1) === 125 && s.indexOf('{', 2) < 0 && s.indexOf('}') === s.length - 1 && s.indexOf('"') < 0) {
    return { parts: [{ expr: s.slice(2, -1) }], directive: false };
  }
  const parts: (string | { expr: string })[] = [];
  let directive = false;
  let lit = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
      lit += `${c}{`;
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && s[i + 1] === '{') {
      const end = matchingBrace(s, i + 2);
      if (end < 0) {
        lit += s.slice(i);
        break;
      }
      if (c === '%') directive = true;
      if (lit) parts.push(lit);
      lit = '';
      parts.push({ expr: s.slice(i + 2, end) });
      i = end + 1;
      continue;
    }
    lit += c;
    i++;
  }
  if (lit || parts.length === 0) parts.push(lit);
  return { parts, directive };
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
  // The common case, a plain traversal (`aws_s3_bucket.b.arn`), without the regex.
  const simple = SIMPLE_TRAVERSAL.exec(expr);
  if (simple && simple[1] !== 'module' && simple[1] !== 'data') return [{ address: simple[0] }];
  return tokensOf(expr);
}

const SIMPLE_TRAVERSAL = /^([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(?=\.[A-Za-z_][A-Za-z0-9_.]*$|$)/;

function tokensOf(expr: string): TfAddressToken[] {
  const out: TfAddressToken[] = [];
  for (const m of expr.matchAll(ADDRESS_TOKEN)) out.push({ address: m[1], instance: m[2] });
  return out;
}
