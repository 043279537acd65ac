/**
 * The GCP query pack, proven offline: every BigQuery file under queries/gcp/ parses with
 * node-sql-parser's BigQuery dialect, every column it names exists in the _AllLogs schema of a
 * Log Analytics-linked dataset (test/queries/schemas/gcp/_AllLogs.json, from Google's docs), nested
 * record paths checked level by level, and its answer columns are the catalog's, in order. The
 * header names the question and the table-function signature the pack deploys
 * (`CREATE TABLE FUNCTION dataset.<name>(<parameters>) AS <query>`). Nothing here runs BigQuery:
 * this proves names and shape, not results.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Parser } from 'node-sql-parser';
import { question, QuestionId, QUESTIONS } from '../../constructs/core/questions';

const ROOT = path.join(__dirname, '..', '..');
const QUERY_DIR = path.join(ROOT, 'queries', 'gcp');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', 'gcp', '_AllLogs.json'), 'utf8'));
const GCP_QUERIES = fs.readdirSync(QUERY_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '') as QuestionId).sort();
const queryText = (id: QuestionId): string => fs.readFileSync(path.join(QUERY_DIR, `${id}.sql`), 'utf8');

/** FROM and TO are reserved in BigQuery, so the window parameters are deployed under these names. */
const PARAMETER_NAME: Record<string, string> = { from: 'from_time', to: 'to_time' };
const PARAMETER_TYPE = { string: 'STRING', timestamp: 'TIMESTAMP' } as const;
/** The table-function signature of a question, as the header states it and the pack deploys it. */
const signature = (id: QuestionId): string =>
  question(id).parameters.map((p) => `${PARAMETER_NAME[p.name] ?? p.name} ${PARAMETER_TYPE[p.type]}`).join(', ');

/** GoogleSQL reserved keywords (https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#reserved_keywords). */
const RESERVED = new Set(
  ('ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS CREATE CROSS CUBE CURRENT DEFAULT ' +
    'DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING ' +
    'GROUPS HASH HAVING IF IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL NEW NO ' +
    'NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE RECURSIVE RESPECT RIGHT ROLLUP ROWS SELECT ' +
    'SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE UNBOUNDED UNION UNNEST USING WHEN WHERE WINDOW WITH WITHIN').split(' '),
);

// ---------- the schema, as types ----------

/** A field of the schema: a scalar, a record of fields, or JSON (opaque, or with the documented keys). */
interface Field {
  readonly type: string;
  readonly repeated: boolean;
  readonly fields?: Record<string, Field>;
  /** For JSON: the keys Google documents for the logs the queries read; undefined means unchecked. */
  readonly keys?: Record<string, Field>;
}
type RawField = string | { type: string; mode?: string; fields?: Record<string, RawField>; keys?: Record<string, RawField> };
function field(raw: RawField): Field {
  if (typeof raw === 'string') return { type: raw, repeated: false };
  if (typeof raw === 'object' && raw.type === undefined) return { type: 'JSON', repeated: false, keys: mapFields(raw as unknown as Record<string, RawField>) };
  return {
    type: raw.type,
    repeated: raw.mode === 'REPEATED',
    fields: raw.fields ? mapFields(raw.fields) : undefined,
    keys: raw.keys ? mapFields(raw.keys) : undefined,
  };
}
function mapFields(raw: Record<string, RawField>): Record<string, Field> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, field(v)]));
}
const ALL_LOGS: Field = { type: 'RECORD', repeated: false, fields: mapFields(SCHEMA.columns) };
/** What a derived column (an expression, a CTE output) is: known to exist, of unknown inner shape. */
const OPAQUE: Field = { type: 'ANY', repeated: false };

/** Walks a dotted path into a field, level by level; returns the field or the first error. */
function walk(start: Field, pathParts: readonly string[], shown: string): Field | string {
  let f = start;
  for (let i = 0; i < pathParts.length; i++) {
    const part = pathParts[i];
    const at = `${shown}${pathParts.slice(0, i + 1).map((p) => `.${p}`).join('')}`;
    if (f.type === 'ANY') return OPAQUE;
    if (f.repeated) return `${at}: ${shown}${pathParts.slice(0, i).map((p) => `.${p}`).join('')} is REPEATED; UNNEST it before reading its fields`;
    if (f.type === 'RECORD') {
      const next = f.fields?.[part];
      if (!next) return `${at}: no field ${part} (fields: ${Object.keys(f.fields ?? {}).join(', ')})`;
      f = next;
    } else if (f.type === 'JSON') {
      if (!f.keys) return OPAQUE;
      const next = f.keys[part];
      if (!next) return `${at}: no documented JSON key ${part} (keys: ${Object.keys(f.keys).join(', ')})`;
      f = next;
    } else {
      return `${at}: ${part} read from a ${f.type}`;
    }
  }
  return f;
}

// ---------- the checker ----------

/** One source in a FROM clause: its alias and the record its columns are read from. */
interface Source {
  readonly alias: string;
  readonly row: Field;
  /** True for an UNNEST of scalars: the alias is the value itself. */
  readonly value?: boolean;
}
interface Scope {
  readonly sources: readonly Source[];
  readonly parent?: Scope;
}
interface Context {
  readonly ctes: Map<string, Field>;
  readonly parameters: ReadonlySet<string>;
  readonly errors: string[];
  readonly identifiers: string[];
}

const TABLE = /^(\{\{dataset\}\}\.)?_AllLogs$/;
const nameOf = (n: unknown): string => (typeof n === 'string' ? n : (n as { value?: string; expr?: { value?: string } })?.value ?? (n as { expr?: { value?: string } })?.expr?.value ?? '');

/** The parts of a column reference: [table or null, column, ...subFields]. */
function refParts(node: { table?: string | null; column: unknown; subFields?: string[] }): { table: string | null; names: string[] } {
  return { table: node.table ?? null, names: [nameOf(node.column), ...(node.subFields ?? [])] };
}

function resolveRef(node: { table?: string | null; column: unknown; subFields?: string[] }, scope: Scope, ctx: Context, aliases: ReadonlySet<string>): void {
  const { table, names } = refParts(node);
  const shown = [table, ...names].filter(Boolean).join('.');
  // Qualified by an alias in scope (innermost first).
  if (table) {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const src = s.sources.find((x) => x.alias === table);
      if (src) {
        if (src.value) {
          ctx.errors.push(`${shown}: ${table} is an UNNEST value, not a record`);
          return;
        }
        const r = walk(src.row, names, table);
        if (typeof r === 'string') ctx.errors.push(r);
        return;
      }
    }
    // An unqualified path whose first part is a column (proto_payload.audit_log...).
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const src = s.sources.find((x) => !x.value && (x.row.type === 'ANY' || x.row.fields?.[table]));
      if (src) {
        const r = walk(src.row, [table, ...names], src.alias);
        if (typeof r === 'string') ctx.errors.push(r);
        return;
      }
    }
    ctx.errors.push(`${shown}: no table, alias or column ${table} in scope`);
    return;
  }
  const name = names[0];
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.sources.some((x) => x.value && x.alias === name)) return;
    if (s.sources.some((x) => !x.value && x.row.fields?.[name])) return;
  }
  if (aliases.has(name)) return; // a SELECT alias, in GROUP BY / ORDER BY / HAVING
  if (ctx.parameters.has(name)) return;
  ctx.errors.push(`${name}: no column, UNNEST alias or parameter of that name`);
}

/** The record a FROM item contributes, and its alias. */
function sourceOf(item: Record<string, unknown>, scope: Scope, ctx: Context): Source | undefined {
  if (item.type === 'unnest') {
    const alias = String(item.as ?? '');
    ctx.identifiers.push(alias);
    const expr = item.expr as Record<string, unknown>;
    if (expr?.type === 'column_ref') {
      const { table, names } = refParts(expr as never);
      let base: Source | undefined;
      for (let s: Scope | undefined = scope; s && !base; s = s.parent) base = s.sources.find((x) => x.alias === table);
      if (base) {
        const f = walk(base.row, names, String(table));
        if (typeof f === 'string' && !/is REPEATED/.test(f)) ctx.errors.push(f);
        // The element of a repeated field: walk to its parent, take the field without `repeated`.
        const parent = walk(base.row, names.slice(0, -1), String(table));
        const leaf = typeof parent !== 'string' ? parent.fields?.[names[names.length - 1]] : undefined;
        if (leaf && !leaf.repeated) ctx.errors.push(`${[table, ...names].join('.')}: UNNEST of a field that is not REPEATED`);
        if (leaf) return leaf.type === 'RECORD' ? { alias, row: { ...leaf, repeated: false } } : { alias, row: OPAQUE, value: true };
        return { alias, row: OPAQUE };
      }
    }
    checkExpr(expr, scope, ctx, new Set());
    return { alias, row: OPAQUE, value: true };
  }
  if (item.expr && (item.expr as Record<string, unknown>).ast) {
    const alias = String(item.as ?? '');
    ctx.identifiers.push(alias);
    const cols = checkSelect((item.expr as { ast: Record<string, unknown> }).ast, scope, ctx);
    return { alias, row: { type: 'RECORD', repeated: false, fields: Object.fromEntries(cols.map((c) => [c, OPAQUE])) } };
  }
  const table = String(item.table ?? '');
  const alias = String(item.as ?? table);
  if (item.as) ctx.identifiers.push(alias);
  if (TABLE.test(table)) {
    if (!/^\{\{dataset\}\}\._AllLogs$/.test(table)) ctx.errors.push(`${table}: read the linked view as \`{{dataset}}._AllLogs\``);
    return { alias, row: ALL_LOGS };
  }
  const cte = ctx.ctes.get(table);
  if (cte) return { alias, row: cte };
  ctx.errors.push(`${table}: no such table or CTE (only {{dataset}}._AllLogs and the query's own CTEs)`);
  return { alias, row: OPAQUE }; // one error for the table, none for each of its columns
}

/** The functions that take a date part (HOUR, DAY, ...) as a bare keyword argument. */
const DATE_PART_FUNCTION = /^(TIMESTAMP|DATETIME|DATE|TIME)_(TRUNC|DIFF)$/;
const DATE_PARTS = new Set(['MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'DAYOFWEEK', 'DAYOFYEAR', 'WEEK', 'ISOWEEK', 'MONTH', 'QUARTER', 'YEAR', 'ISOYEAR']);
/** A function node's name, upper case (node-sql-parser keeps it in name.name or name.schema). */
function functionName(n: Record<string, unknown>): string {
  const name = n.name as { name?: { value?: string }[]; schema?: { value?: string } } | undefined;
  return [...(name?.name ?? []).map((x) => x.value), name?.schema?.value].filter(Boolean).join('.').toUpperCase();
}
/** An unqualified bare name that is a date part. */
function isDatePart(a: unknown): boolean {
  const r = a as { type?: string; table?: string | null; column?: unknown };
  return r?.type === 'column_ref' && !r.table && DATE_PARTS.has(nameOf(r.column).toUpperCase());
}

/** Checks every expression node; subqueries open a scope whose parent is the current one. */
function checkExpr(node: unknown, scope: Scope, ctx: Context, aliases: ReadonlySet<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((n) => checkExpr(n, scope, ctx, aliases));
    return;
  }
  const n = node as Record<string, unknown>;
  if (n.type === 'column_ref') {
    if (typeof n.column === 'object' && (n.column as { expr?: { type?: string } })?.expr?.type === 'function') {
      // A subscripted expression (SPLIT(...)[OFFSET(0)]): check the expression inside.
      checkExpr((n.column as { expr: unknown }).expr, scope, ctx, aliases);
      return;
    }
    if (nameOf(n.column) === '*') return;
    resolveRef(n as never, scope, ctx, aliases);
    return;
  }
  if (n.ast && typeof n.ast === 'object' && (n.ast as { type?: string }).type === 'select') {
    checkSelect(n.ast as Record<string, unknown>, scope, ctx);
    return;
  }
  if (n.type === 'select') {
    checkSelect(n, scope, ctx);
    return;
  }
  if (n.type === 'interval') return; // INTERVAL 1 DAY: the unit is not a column
  if (n.type === 'function' && DATE_PART_FUNCTION.test(functionName(n))) {
    // TIMESTAMP_TRUNC(t, HOUR): the date part is a keyword, not a column; the other arguments are checked.
    const args = ((n.args as { value?: unknown[] } | null)?.value ?? []).filter((a) => !isDatePart(a));
    checkExpr(args, scope, ctx, aliases);
    return;
  }
  for (const [k, v] of Object.entries(n)) {
    if (k === 'name' && n.type === 'function') continue; // the function's own name
    if (k === 'target' && (n.type === 'cast')) continue; // CAST(... AS INT64): a type
    checkExpr(v, scope, ctx, aliases);
  }
}

/** Checks one SELECT and returns its output column names, in order. */
function checkSelect(ast: Record<string, unknown>, parent: Scope | undefined, ctx: Context): string[] {
  for (const w of (ast.with as { name: unknown; stmt: { ast: Record<string, unknown> } }[] | null) ?? []) {
    const name = nameOf(w.name);
    ctx.identifiers.push(name);
    const cols = checkSelect(w.stmt.ast, parent, ctx);
    ctx.ctes.set(name, { type: 'RECORD', repeated: false, fields: Object.fromEntries(cols.map((c) => [c, OPAQUE])) });
  }
  const sources: Source[] = [];
  const scope: Scope = { sources, parent };
  for (const item of (ast.from as Record<string, unknown>[] | null) ?? []) {
    const src = sourceOf(item, scope, ctx);
    if (src) sources.push(src);
    if (item.on) checkExpr(item.on, scope, ctx, new Set());
  }
  const columns = (ast.columns as { expr: Record<string, unknown>; as: unknown }[]) ?? [];
  const names = columns.map((c) => {
    if (c.as) return nameOf(c.as);
    if (c.expr.type === 'column_ref') {
      const { names: parts } = refParts(c.expr as never);
      return parts[parts.length - 1];
    }
    return '';
  });
  names.forEach((a) => a && ctx.identifiers.push(a));
  const aliases = new Set(names.filter(Boolean));
  columns.forEach((c) => checkExpr(c.expr, scope, ctx, new Set()));
  checkExpr(ast.where, scope, ctx, new Set());
  checkExpr((ast.groupby as { columns?: unknown } | null)?.columns, scope, ctx, aliases);
  checkExpr(ast.having, scope, ctx, aliases);
  checkExpr(ast.orderby, scope, ctx, aliases);
  return names;
}

interface Checked {
  readonly columns: string[];
  readonly cloud: unknown;
  readonly errors: string[];
  readonly identifiers: string[];
}
const parser = new Parser();
/** Parses a query as BigQuery, checks it against _AllLogs, returns its answer columns and the errors found. */
function check(sql: string, parameters: readonly string[]): Checked {
  const ast = parser.astify(sql, { database: 'BigQuery' });
  const statements = Array.isArray(ast) ? ast : [ast];
  if (statements.length !== 1 || (statements[0] as { type?: string }).type !== 'select') throw new Error('a query file holds exactly one SELECT');
  const ctx: Context = { ctes: new Map(), parameters: new Set(parameters), errors: [], identifiers: [] };
  const top = statements[0] as unknown as Record<string, unknown>;
  const columns = checkSelect(top, undefined, ctx);
  const cloud = ((top.columns as { expr: unknown }[])[0] ?? {}).expr;
  for (const id of [...ctx.identifiers, ...parameters]) if (RESERVED.has(id.toUpperCase())) ctx.errors.push(`${id}: a reserved word in BigQuery`);
  // A parameter that is also a column name would be read as the column (BigQuery resolves columns first).
  for (const p of parameters) if (ALL_LOGS.fields?.[p]) ctx.errors.push(`${p}: parameter shadowed by the _AllLogs column of that name`);
  return { columns, cloud, errors: ctx.errors, identifiers: ctx.identifiers };
}
const parametersOf = (id: QuestionId): string[] => question(id).parameters.map((p) => PARAMETER_NAME[p.name] ?? p.name);

// ---------- the tests ----------

describe('the _AllLogs schema', () => {
  test('names its source in Google documentation and the fields the queries read, with types', () => {
    expect(SCHEMA.source).toMatch(/^https:\/\/cloud\.google\.com\/logging\/docs\//);
    const audit = walk(ALL_LOGS, ['proto_payload', 'audit_log'], '_AllLogs') as Field;
    expect(audit.type).toBe('RECORD');
    expect(walk(ALL_LOGS, ['timestamp'], '_AllLogs')).toEqual({ type: 'TIMESTAMP', repeated: false });
    expect(walk(audit, ['authentication_info', 'principal_email'], 'audit_log')).toEqual({ type: 'STRING', repeated: false });
    expect(walk(audit, ['request_metadata', 'caller_ip'], 'audit_log')).toEqual({ type: 'STRING', repeated: false });
    expect((walk(audit, ['authorization_info'], 'audit_log') as Field).repeated).toBe(true);
    expect(walk(ALL_LOGS, ['json_payload', 'connection', 'dest_port'], '_AllLogs')).toEqual({ type: 'INT64', repeated: false });
    expect((walk(ALL_LOGS, ['proto_payload', 'audit_log', 'request'], '_AllLogs') as Field).type).toBe('JSON');
  });
});

describe('every GCP query matches its catalog entry and the _AllLogs schema', () => {
  test('GCP answers every question the catalog says it records', () => {
    expect(GCP_QUERIES).toEqual(QUESTIONS.filter((q) => q.clouds.gcp.status !== 'not-recorded').map((q) => q.id).sort());
    expect(GCP_QUERIES).toContain('endpoint-volume');
    for (const id of GCP_QUERIES) expect(QUESTIONS.map((q) => q.id)).toContain(id);
    for (const id of GCP_QUERIES) expect(question(id).clouds.gcp.status).not.toBe('not-recorded');
  });

  test.each(GCP_QUERIES)('%s: the header names the question, the table, the parameters in order and the answer columns', (id) => {
    const q = question(id);
    const text = queryText(id);
    expect(text.startsWith(`-- Question: ${id}. ${q.title.replace(/ \(.*\)\?$/, '?')}`)).toBe(true);
    expect(text).toContain('-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function');
    expect(text).toMatch(/^-- Table: `\{\{dataset\}\}\._AllLogs`/m);
    expect(text).toContain(`\n-- Parameters, in order: ${signature(id)}\n`);
    expect(text).toContain(`\n-- Answer columns: ${q.columns.join(', ')}.\n`);
    expect(text).toMatch(/^-- Caveat: /m);
  });

  test.each(GCP_QUERIES)('%s: parses as BigQuery, names only _AllLogs columns, answers the catalog columns in order', (id) => {
    const result = check(queryText(id), parametersOf(id));
    expect(result.errors).toEqual([]);
    expect(result.columns).toEqual([...question(id).columns]);
    expect(result.cloud).toEqual({ type: 'single_quote_string', value: 'gcp' });
  });

  test.each(GCP_QUERIES)('%s: uses every parameter and no other placeholder than {{dataset}}', (id) => {
    const body = queryText(id).replace(/^--.*$/gm, '');
    const code = body.replace(/'(?:[^'\\]|\\.)*'/g, "''"); // string literals out: regexes hold ? and @
    for (const p of parametersOf(id)) expect(body).toMatch(new RegExp(`\\b${p}\\b`));
    expect(body.match(/\{\{[^}]*\}\}/g)?.every((m) => m === '{{dataset}}')).toBe(true);
    expect(code).not.toMatch(/[?@]/); // table-function parameters are named, not positional or @query parameters
  });
});

describe('the checks fail where they must', () => {
  const base = queryText('endpoint-callers');
  const params = parametersOf('endpoint-callers');

  test('an unknown column', () => {
    const { errors } = check(base.replace('l.log_id = ', 'l.log_identifier = '), params);
    expect(errors).toEqual([expect.stringMatching(/^l\.log_identifier: no field log_identifier/)]);
  });

  test('a misspelt nested field, caught at its level', () => {
    const { errors } = check(base.replace('authentication_info.principal_email AS principal', 'authentication_info.principal_emial AS principal'), params);
    expect(errors).toEqual([expect.stringMatching(/^l\.proto_payload\.audit_log\.authentication_info\.principal_emial: no field principal_emial \(fields: principal_email,/)]);
  });

  test('a misspelt key of a documented JSON payload', () => {
    const egress = queryText('network-egress');
    const { errors } = check(egress.replace('json_payload.connection.dest_port', 'json_payload.connection.dst_port'), parametersOf('network-egress'));
    expect(errors).toEqual([expect.stringMatching(/^l\.json_payload\.connection\.dst_port: no documented JSON key dst_port/)]);
  });

  test('a REPEATED field read without UNNEST', () => {
    const { errors } = check(base.replace('AS credentialId', 'AS credentialId, l.proto_payload.audit_log.authorization_info.permission AS p'), params);
    expect(errors).toEqual([expect.stringMatching(/authorization_info is REPEATED; UNNEST it/)]);
  });

  test('an unknown bare name: not a column, an alias or a parameter', () => {
    const { errors } = check(base.replace('= endpointName', '= endpoint_name'), params);
    expect(errors).toEqual(['endpoint_name: no column, UNNEST alias or parameter of that name']);
  });

  test('a date part is a keyword, but the column truncated beside it is still checked', () => {
    const volume = queryText('endpoint-volume');
    expect(check(volume, parametersOf('endpoint-volume')).errors).toEqual([]);
    const { errors } = check(volume.replace('TIMESTAMP_TRUNC(l.timestamp, HOUR)', 'TIMESTAMP_TRUNC(l.timestmp, HOUR)'), parametersOf('endpoint-volume'));
    expect(errors).toEqual([expect.stringMatching(/^l\.timestmp: no field timestmp/)]);
    expect(check(volume.replace('TIMESTAMP_TRUNC(l.timestamp, HOUR)', 'TIMESTAMP_TRUNC(l.timestamp, HOURS)'), parametersOf('endpoint-volume')).errors).toEqual([
      'HOURS: no column, UNNEST alias or parameter of that name',
    ]);
  });

  test('a syntax error', () => {
    expect(() => check(base.replace('GROUP BY 2, 3, 4, 5', 'GROUP 2, 3, 4, 5'), params)).toThrow(/Expected/);
  });

  test('a wrong answer column name', () => {
    const { columns } = check(base.replace('AS sourceIp', 'AS source_ip'), params);
    expect(columns).not.toEqual([...question('endpoint-callers').columns]);
    expect(columns[3]).toBe('source_ip');
  });

  test('a reserved word as an identifier, and a parameter shadowed by a column', () => {
    const egress = queryText('network-egress').replace(/dns_answer/g, 'lookup');
    expect(check(egress, parametersOf('network-egress')).errors).toEqual(['lookup: a reserved word in BigQuery']);
    expect(check(base.replace(/endpointName/g, 'trace'), ['trace', 'from_time', 'to_time']).errors).toEqual([
      'trace: parameter shadowed by the _AllLogs column of that name',
    ]);
  });

  test('a table other than the linked view', () => {
    const { errors } = check(base.replace('FROM `{{dataset}}._AllLogs`', 'FROM `myproject.mydataset.cloudaudit_googleapis_com_activity`'), params);
    expect(errors).toEqual([expect.stringMatching(/cloudaudit_googleapis_com_activity: no such table or CTE/)]);
  });
});
