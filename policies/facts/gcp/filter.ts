/**
 * Which audit log entries a Cloud Logging filter (a sink's filter or an exclusion's) matches.
 *
 * The filter is parsed in the Logging query language (cloud.google.com/logging/docs/view/
 * logging-query-language): comparisons `field OP value` (=, !=, <, <=, >, >=, : "has" substring,
 * =~ / !~ regular expressions), value sets `field = ("a" OR "b")`, bare values (global
 * restrictions), functions (log_id, sample, source, ip_in_net, SEARCH), NOT / `-`, OR and AND
 * (implicit between terms), with NOT binding tightest, then OR, then AND: `a OR NOT b AND c`
 * is `(a OR (NOT b)) AND c`. String comparisons are case-insensitive.
 *
 * Evaluated against every entry of one audit log (say `cloudaudit.googleapis.com/activity`), a
 * filter is `always` true, `never` true, true only `sometimes` (it depends on a field that varies
 * between entries: severity, resource.type, protoPayload.methodName, ...), or `unsure` (one of
 * always/never, but what the answer is depends on something the input does not say, such as the
 * project id behind the sink). Audit log entries carry a protoPayload (AuditLog) and never a
 * jsonPayload or textPayload; their severity is not assumed, so any severity restriction that
 * does not admit every level makes the filter `sometimes`. SOMETIMES OR SOMETIMES stays
 * `sometimes` even where the two halves complement each other: write filters that name the logs.
 */

export type Outcome = 'always' | 'never' | 'sometimes' | 'unsure';

export interface Evaluation {
  readonly v: Outcome;
  /** The fields a `sometimes` or `unsure` outcome depends on. */
  readonly why: readonly string[];
  /** Whether a log name term of the filter matches this audit log outright. */
  readonly named: boolean;
  /**
   * Whether a `sometimes` is certain to match some entries of the log, not only possibly: a
   * sample() of a fraction between 0 and 1, a resource.type audit entries carry (gcs_bucket...).
   */
  readonly certain?: boolean;
}

/** Where the entries a sink sees come from: one literal parent, one parent the input does not state, or many (include_children). */
export type Parent = { readonly mode: 'known'; readonly text: string } | { readonly mode: 'fixed' } | { readonly mode: 'varies' };

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | ':' | '=~' | '!~';
type Node =
  | { readonly t: 'and' | 'or'; readonly l: Node; readonly r: Node }
  | { readonly t: 'not'; readonly e: Node }
  | { readonly t: 'cmp'; readonly field: string; readonly op: Op; readonly value: string }
  | { readonly t: 'fn'; readonly name: string; readonly args: readonly string[] }
  | { readonly t: 'term'; readonly value: string };

export class FilterSyntaxError extends Error {}

// ---------------------------------------------------------------------------------------------
// Parsing

interface Tok {
  readonly k: 'str' | 'word' | 'op' | '(' | ')' | ',' | '-';
  readonly v: string;
}

const OPS: readonly Op[] = ['>=', '<=', '!=', '=~', '!~', '=', '<', '>', ':'];
const WORD_END = /[\s()",=<>!~:]/;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const prev = out[out.length - 1];
    if (c === '-' && text[i + 1] === '-' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    if (c === '"') {
      let v = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) v += text[j] === '\\' && j + 1 < text.length ? text[++j] : text[j];
      if (j >= text.length) throw new FilterSyntaxError(`unterminated string at ${i}`);
      out.push({ k: 'str', v });
      i = j + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ k: c, v: c });
      i++;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ k: 'op', v: op });
      i += op.length;
      continue;
    }
    if (c === '-' && prev?.k !== 'op' && i + 1 < text.length && !/\s/.test(text[i + 1])) {
      out.push({ k: '-', v: '-' });
      i++;
      continue;
    }
    // A value after an operator may hold ':' (an unquoted timestamp); a field name may not.
    let j = i;
    const end = prev?.k === 'op' ? /[\s()]/ : WORD_END;
    while (j < text.length && !end.test(text[j])) j++;
    if (j === i) throw new FilterSyntaxError(`unexpected "${c}" at ${i}`);
    out.push({ k: 'word', v: text.slice(i, j) });
    i = j;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  public parse(): Node {
    const n = this.and();
    if (this.i < this.toks.length) throw new FilterSyntaxError(`unexpected "${this.toks[this.i].v}"`);
    return n;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.k === 'word' && t.v === v;
  }

  private and(): Node {
    let l = this.or();
    for (;;) {
      const t = this.peek();
      if (!t || t.k === ')' || this.isWord('OR')) return l;
      if (this.isWord('AND')) this.i++;
      l = { t: 'and', l, r: this.or() };
    }
  }

  private or(): Node {
    let l = this.unary();
    while (this.isWord('OR')) {
      this.i++;
      l = { t: 'or', l, r: this.unary() };
    }
    return l;
  }

  private unary(): Node {
    const t = this.peek();
    if (t && (t.k === '-' || (t.k === 'word' && t.v === 'NOT'))) {
      this.i++;
      return { t: 'not', e: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.toks[this.i++];
    if (!t) throw new FilterSyntaxError('unexpected end of filter');
    if (t.k === '(') {
      const n = this.and();
      if (this.toks[this.i++]?.k !== ')') throw new FilterSyntaxError('missing ")"');
      return n;
    }
    if (t.k === 'str') return { t: 'term', value: t.v };
    if (t.k !== 'word' || t.v === 'AND' || t.v === 'OR') throw new FilterSyntaxError(`unexpected "${t.v}"`);
    if (this.peek()?.k === '(') return this.call(t.v);
    let field = t.v;
    // Quoted path segments: labels."compute.googleapis.com/resource_name".
    while (field.endsWith('.') && this.peek()?.k === 'str') field += `"${this.toks[this.i++].v}"`;
    const op = this.peek();
    if (op?.k !== 'op') return { t: 'term', value: field };
    this.i++;
    return this.valueSet(field, op.v as Op);
  }

  /** `value`, or a value set `("a" OR "b" AND "c")` with the same precedence as expressions. */
  private valueSet(field: string, op: Op): Node {
    if (this.peek()?.k !== '(') return { t: 'cmp', field, op, value: this.value() };
    this.i++;
    let and: Node | undefined;
    for (;;) {
      let or: Node = { t: 'cmp', field, op, value: this.value() };
      while (this.isWord('OR')) {
        this.i++;
        or = { t: 'or', l: or, r: { t: 'cmp', field, op, value: this.value() } };
      }
      and = and ? { t: 'and', l: and, r: or } : or;
      if (this.peek()?.k === ')') {
        this.i++;
        return and;
      }
      if (this.isWord('AND')) this.i++;
    }
  }

  private value(): string {
    const t = this.toks[this.i++];
    if (!t || (t.k !== 'str' && t.k !== 'word') || (t.k === 'word' && /^(AND|OR|NOT)$/.test(t.v))) throw new FilterSyntaxError(`expected a value, got ${t ? `"${t.v}"` : 'the end'}`);
    return t.v;
  }

  private call(name: string): Node {
    this.i++;
    const args: string[] = [];
    while (this.peek()?.k !== ')') {
      args.push(this.value());
      if (this.peek()?.k === ',') this.i++;
      else if (this.peek()?.k !== ')') throw new FilterSyntaxError(`bad arguments of ${name}()`);
    }
    this.i++;
    return { t: 'fn', name, args };
  }
}

const parsed = new Map<string, Node | FilterSyntaxError>();

/** The parsed filter (cached by text: one filter is usually shared by many sinks), or the syntax error. */
export function parseFilter(text: string): Node | FilterSyntaxError {
  let n = parsed.get(text);
  if (n === undefined) {
    try {
      n = new Parser(tokenize(text)).parse();
    } catch (e) {
      if (!(e instanceof FilterSyntaxError)) throw e;
      n = e;
    }
    if (parsed.size > 1000) parsed.clear();
    parsed.set(text, n);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Evaluation against the entries of one log

const SEVERITIES = ['DEFAULT', 'DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'];
const PARENT_SAMPLES = ['projects/sample-project', 'folders/1234567890', 'organizations/1234567890', 'billingAccounts/000000-000000-000000'];
/** Fields every log entry has: `field:*` is always true. */
const ALWAYS_PRESENT = new Set(['logName', 'resource', 'resource.type', 'severity', 'timestamp', 'receiveTimestamp', 'insertId', 'protoPayload']);
const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';

const r = (v: Outcome, why: readonly string[] = [], named = false, certain = false): Evaluation => ({ v, why, named, certain });
/**
 * Resource types Cloud Audit Logs entries are written under (Cloud Storage's gcs_bucket, BigQuery's
 * bigquery_project, Compute Engine's gce_instance, and audited_resource for services without a
 * type of their own): a filter on one of them certainly matches some audit entries.
 */
const AUDIT_RESOURCE_TYPES: ReadonlySet<string> = new Set(['gcs_bucket', 'bigquery_project', 'bigquery_dataset', 'gce_instance', 'audited_resource']);
const ALWAYS = r('always');
const NEVER = r('never');
/** logName holds the log id URL-encoded (`%2F`); whether a value written with `/` matches is not assumed. */
const UNENCODED = r('unsure', ['logName written with "/" where the log name holds %2F']);

/** The entries of one log: its id (`cloudaudit.googleapis.com/activity`) and where they come from. */
export interface LogEntries {
  readonly logId: string;
  readonly parent: Parent;
}

/** What a parsed filter (undefined: no filter, every entry) makes of the entries of one log. */
export function evaluate(node: Node | undefined, entries: LogEntries): Evaluation {
  return node === undefined ? ALWAYS : ev(node, entries);
}

function ev(n: Node, e: LogEntries): Evaluation {
  switch (n.t) {
    case 'not': {
      const x = ev(n.e, e);
      // What NOT of a certain `sometimes` matches is not certain (a sample of 1 % leaves 99 %, but NOT resource.type="gcs_bucket" may leave none).
      return x.v === 'always' ? r('never', x.why, x.named) : x.v === 'never' ? r('always', x.why, x.named) : r(x.v, x.why, x.named);
    }
    case 'and': {
      const a = ev(n.l, e);
      const b = ev(n.r, e);
      const named = a.named || b.named;
      if (a.v === 'never' || b.v === 'never') return r('never', [], named);
      if (a.v === 'always') return r(b.v, b.why, named, b.certain);
      if (b.v === 'always') return r(a.v, a.why, named, a.certain);
      // Two restrictions each certain to match some entries: a sample of them is certain too; two
      // resource types are not (an entry has one): only a sample beside another keeps it certain.
      const certain = a.v === 'sometimes' && b.v === 'sometimes' && !!a.certain && !!b.certain && (a.why.includes('sample()') || b.why.includes('sample()'));
      return r(a.v === 'unsure' && b.v === 'unsure' ? 'unsure' : 'sometimes', [...a.why, ...b.why], named, certain);
    }
    case 'or': {
      const a = ev(n.l, e);
      const b = ev(n.r, e);
      const named = a.named || b.named;
      if (a.v === 'always' || b.v === 'always') return r('always', [], named);
      if (a.v === 'never') return r(b.v, b.why, named, b.certain);
      if (b.v === 'never') return r(a.v, a.why, named, a.certain);
      return r(a.v === 'unsure' || b.v === 'unsure' ? 'unsure' : 'sometimes', [...a.why, ...b.why], named, (a.v === 'sometimes' && !!a.certain) || (b.v === 'sometimes' && !!b.certain));
    }
    case 'term': {
      // A global restriction matches when any field has the value: the log name may be enough.
      const x = logNameHas(n.value, e);
      return x.v === 'always' ? x : r('sometimes', [`"${n.value}" in any field`]);
    }
    case 'fn':
      return call(n.name, n.args, e);
    case 'cmp':
      return compare(n.field, n.op, n.value, e);
  }
}

function call(name: string, args: readonly string[], e: LogEntries): Evaluation {
  switch (name) {
    case 'log_id':
      return args[0]?.toLowerCase() === e.logId.toLowerCase() ? r('always', [], true) : NEVER;
    case 'sample': {
      // sample(field, fraction): the fraction of entries (by a hash of the field) it matches.
      const fraction = args.length === 2 && /^\s*[0-9]*\.?[0-9]+(e[-+]?[0-9]+)?\s*$/i.test(args[1]) ? Number(args[1]) : NaN;
      if (Number.isNaN(fraction)) return r('unsure', ['sample()']);
      return fraction >= 1 ? ALWAYS : fraction <= 0 ? NEVER : r('sometimes', ['sample()'], false, true);
    }
    case 'source':
    case 'ip_in_net':
    case 'SEARCH':
      return r('sometimes', [`${name}()`]);
    default:
      return r('unsure', [`${name}()`]);
  }
}

function compare(field: string, op: Op, value: string, e: LogEntries): Evaluation {
  if (op === ':' && value === '*') {
    if (ALWAYS_PRESENT.has(field)) return ALWAYS;
    if (/^(jsonPayload|textPayload)\b/.test(field)) return NEVER;
    return r('sometimes', [field]);
  }
  if (op === '!=' || op === '!~') {
    // Whether a negated comparison on a field the entry lacks is true is not something the rule assumes.
    if (/^(jsonPayload|textPayload)\b/.test(field)) return r('unsure', [field]);
    const x = compare(field, op === '!=' ? '=' : '=~', value, e);
    return x.v === 'always' ? r('never', x.why, x.named) : x.v === 'never' ? r('always', x.why, x.named) : x;
  }
  if (field === 'logName') return logName(op, value, e);
  if (field === 'severity') return severity(op, value);
  if (/^(jsonPayload|textPayload)\b/.test(field)) return NEVER;
  if (field === 'resource.type' && op === '=' && AUDIT_RESOURCE_TYPES.has(value.toLowerCase())) return r('sometimes', ['resource.type'], false, true);
  if (field === 'protoPayload.@type' && (op === '=' || op === ':')) {
    const match = op === '=' ? value.toLowerCase() === AUDIT_LOG_TYPE.toLowerCase() : AUDIT_LOG_TYPE.toLowerCase().includes(value.toLowerCase());
    return match ? ALWAYS : NEVER;
  }
  return r('sometimes', [field]);
}

function logName(op: Op, value: string, e: LogEntries): Evaluation {
  const suffix = `/logs/${encodeLogId(e.logId)}`;
  switch (op) {
    case ':':
      return logNameHas(value, e);
    case '=': {
      const v = value.toLowerCase();
      if (!v.endsWith(suffix.toLowerCase())) return v.endsWith(`/logs/${e.logId}`.toLowerCase()) ? UNENCODED : NEVER;
      if (e.parent.mode === 'known') return v === `${e.parent.text}${suffix}`.toLowerCase() ? r('always', [], true) : NEVER;
      if (!/^(projects|folders|organizations|billingaccounts)\/[^/]+$/.test(v.slice(0, -suffix.length))) return NEVER;
      return r(e.parent.mode === 'fixed' ? 'unsure' : 'sometimes', ['logName parent']);
    }
    case '=~': {
      let re: RegExp;
      try {
        re = value.startsWith('(?i)') ? new RegExp(value.slice(4), 'i') : new RegExp(value);
      } catch {
        return r('unsure', ['logName regular expression']);
      }
      const parents = e.parent.mode === 'known' ? [e.parent.text] : PARENT_SAMPLES;
      const hits = parents.filter((p) => re.test(`${p}${suffix}`)).length;
      if (hits === parents.length) return r('always', [], true);
      if (hits === 0) return NEVER;
      return r(e.parent.mode === 'fixed' ? 'unsure' : 'sometimes', ['logName parent']);
    }
    default:
      return r('unsure', [`logName ${op}`]);
  }
}

/** `logName:"value"`: the value is a substring of `<parent>/logs/<URL-encoded log id>`. */
function logNameHas(value: string, e: LogEntries): Evaluation {
  const v = value.toLowerCase();
  const suffix = `/logs/${encodeLogId(e.logId)}`.toLowerCase();
  if (!suffix.includes(v) && `/logs/${e.logId}`.toLowerCase().includes(v) && v.includes('/')) return UNENCODED;
  if (e.parent.mode === 'known') return `${e.parent.text.toLowerCase()}${suffix}`.includes(v) ? r('always', [], true) : NEVER;
  if (suffix.includes(v)) return r('always', [], true);
  // Could the value lie in the parent, or straddle the parent and the start of `/logs/...`?
  for (let k = v.length; k >= 1; k--) {
    if (suffix.startsWith(v.slice(k)) && /^[a-z0-9/_-]*$/.test(v.slice(0, k))) {
      return r(e.parent.mode === 'fixed' ? 'unsure' : 'sometimes', ['logName parent']);
    }
  }
  return NEVER;
}

function severity(op: Op, value: string): Evaluation {
  if (op === '=~') return r('sometimes', ['severity']);
  const wanted = /^\d+$/.test(value) ? Number(value) : SEVERITIES.indexOf(value.toUpperCase()) * 100;
  if (wanted < 0) return r('unsure', ['severity']);
  const levels = SEVERITIES.map((_, i) => i * 100);
  const admitted = levels.filter((l) => {
    switch (op) {
      case '=':
        return l === wanted;
      case ':':
        return SEVERITIES[l / 100].includes(value.toUpperCase());
      case '<':
        return l < wanted;
      case '<=':
        return l <= wanted;
      case '>':
        return l > wanted;
      case '>=':
        return l >= wanted;
      default:
        return l === wanted;
    }
  }).length;
  if (admitted === levels.length) return ALWAYS;
  return admitted === 0 ? NEVER : r('sometimes', ['severity']);
}

/** A log id as it appears in logName: URL-encoded (`cloudaudit.googleapis.com%2Factivity`). */
export function encodeLogId(logId: string): string {
  return encodeURIComponent(logId);
}
