/**
 * Small SQL helpers the layouts share: quoting, the list of files a view reads, the relative
 * path of a record's file, and the per-line reader of JSON-lines files (each line numbered as in
 * the file, malformed lines set apart so the engine can name them).
 */

/** A DuckDB string literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A DuckDB list of the given files, for read_json / read_csv / read_parquet. */
export const fileList = (files: readonly string[]): string => `[${files.map(sqlString).join(', ')}]`;

/** The expression of `rawFile`: `column` (an absolute path) relative to root, POSIX separators. */
export function relativeTo(column: string, root: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return `CASE WHEN starts_with(${column}, ${sqlString(prefix)}) THEN substr(${column}, ${prefix.length + 1}) ELSE ${column} END`;
}

/**
 * Several fields of a JSON value read with its text parsed once: `list` the expression of their
 * values (json_extract_string over the paths, VARCHAR[]), `field(path)` the one of a path's value,
 * the same as `json ->> path` (each `->>` parses the whole text again: a record of twenty fields
 * was parsed twenty times); with `json_extract`, JSON[] and `json -> path`. `list` is named `as`
 * in the query's FROM (a CTE's column).
 */
export function jsonFields(json: string, paths: readonly string[], as: string, extract: 'json_extract_string' | 'json_extract' = 'json_extract_string'): { list: string; field(path: string): string } {
  return {
    list: `${extract}(${json}, [${paths.map(sqlString).join(', ')}])`,
    field(p) {
      const i = paths.indexOf(p);
      if (i < 0) throw new Error(`not among the fields read: ${p}`);
      return `${as}[${i + 1}]`;
    },
  };
}

/**
 * The most JSON text the kit reads as one document (a CloudTrail log file's `{"Records": [...]}`,
 * uncompressed): DuckDB's read_json `maximum_object_size` (its default, 16 MiB, refuses files
 * CloudTrail writes), the line reader's buffer; the engine names a larger file before DuckDB reads it.
 */
export const MAX_DOCUMENT = 64 * 1048576;

/** `timestamptz` as the event shape's TIMESTAMP (UTC). */
export const utc = (expr: string): string => `timezone('UTC', CAST(${expr} AS TIMESTAMPTZ))`;

/**
 * The times an event can hold: every window lies in [FIRST_TIME, END_TIME), the default one is
 * exactly that. A record whose time DuckDB reads outside it (`infinity`, the year 10000) is not
 * dropped by the window: it is untimed, and named (a layout's `untimed_<id>`).
 */
export const FIRST_TIME = '0001-01-01T00:00:00Z';
export const END_TIME = '9999-12-31T23:59:59Z';

/**
 * `expr` cast to `type` when it is a time of [FIRST_TIME, END_TIME), else NULL: the one test of
 * "a readable time" of every layout (its events view keeps these, its untimed view names the rest).
 */
export function readableTime(expr: string, type: TimeType = 'TIMESTAMPTZ'): string {
  if (type === 'UTC') {
    // A TIMESTAMP cast drops a UTC offset (15:20+02:00 would read 15:20): a time that ends in one is read as a TIMESTAMPTZ, then as UTC.
    const at = `CASE WHEN regexp_matches(${expr}, '\\d:\\d{2}(:\\d{2}(\\.\\d*)?)?\\s*[+-]\\d{2}(:?\\d{2})?$') THEN timezone('UTC', TRY_CAST(${expr} AS TIMESTAMPTZ)) ELSE TRY_CAST(${expr} AS TIMESTAMP) END`;
    return `CASE WHEN ${at} >= CAST('${FIRST_TIME}' AS TIMESTAMP) AND ${at} < CAST('${END_TIME}' AS TIMESTAMP) THEN ${at} END`;
  }
  const cast = `TRY_CAST(${expr} AS ${type})`;
  return `CASE WHEN ${cast} >= CAST('${FIRST_TIME}' AS ${type}) AND ${cast} < CAST('${END_TIME}' AS ${type}) THEN ${cast} END`;
}

/**
 * How readableTime reads a time: as DuckDB casts to TIMESTAMPTZ or to TIMESTAMP, or `UTC`: a
 * TIMESTAMP (UTC) whose UTC offset, when the text ends in one (RFC 3339's `+02:00`, Azure's
 * `-0500`), is applied; a time with `Z` or no zone at all is read as UTC (the GCP and Azure views).
 */
export type TimeType = 'TIMESTAMPTZ' | 'TIMESTAMP' | 'UTC';

/**
 * Creates `untimed_<id>` (file, rawFile, rawLine, problem) of the lines of `lines_<id>` whose time
 * (`expr`, the value of the field `field`) is not a readable time: the layout's views leave them
 * out (filter on readableTime), the engine names each by its file and line. And `checks_<id>`
 * (file, rawLine, valid, problem), the lines of `bad_<id>` (valid false) and of `untimed_<id>`
 * (valid true, their problem) from one read of the files, which the engine names them from.
 */
export function untimedLinesSql(id: string, field: string, expr: string, type: TimeType = 'TIMESTAMPTZ'): string {
  const readable = readableTime(expr, type);
  const problem = `CASE WHEN json_type(j) <> 'OBJECT' THEN 'not a JSON object' WHEN (${expr}) IS NULL THEN 'no ${field}' ELSE concat('${field} ', to_json(${expr})) END`;
  return `
CREATE OR REPLACE VIEW untimed_${id} AS
SELECT file, rawFile, rawLine,
  ${problem} AS problem
FROM lines_${id}
WHERE (${readable}) IS NULL;
CREATE OR REPLACE VIEW checks_${id} AS
SELECT file, rawLine, valid, CASE WHEN valid THEN ${problem} END AS problem
FROM (
  SELECT file, rawLine, json_valid(line) AS valid, CASE WHEN json_valid(line) THEN CAST(line AS JSON) END AS j
  FROM raw_lines_${id} WHERE line IS NOT NULL AND trim(line) <> ''
)
WHERE NOT valid OR (${readable}) IS NULL;
`;
}

/**
 * Lines of a JSON-lines file DuckDB's line reader cannot hold (a raw 0x01 byte, the delimiter it
 * reads with, bytes that are not UTF-8, a line longer than its 32 MiB): found by the engine as it
 * reads the file (investigate/engine.ts), file (absolute path) → their 1-based numbers, ascending.
 */
export type UnreadableLines = ReadonlyMap<string, readonly number[]>;

/**
 * Creates `lines_<id>` (file: absolute path, rawFile, rawLine: 1-based line in the file, j: the
 * line as JSON) over JSON-lines files, and `bad_<id>` (file, rawFile, rawLine) of the lines that are not
 * JSON. Blank lines are neither. Each file is read as lines of text (a delimiter no JSON text holds
 * raw), so the line numbers are the file's; the JSON is parsed per line, so one malformed line
 * costs only itself. A file with lines the reader cannot hold (`unreadable`, which the engine
 * names) is read apart, those lines skipped (ignore_errors) and the others numbered as in the file.
 */
export function jsonLinesSql(id: string, files: readonly string[], root: string, unreadable: UnreadableLines = new Map()): string {
  const options = `columns = {'line': 'VARCHAR'}, delim = E'\\x01', quote = '', escape = '', header = false, filename = true, auto_detect = false, max_line_size = 33554432, buffer_size = 67108864`;
  const clean = files.filter((f) => !(unreadable.get(f)?.length));
  const parts = clean.length === 0 ? [] : [`SELECT filename, CAST(ordinality - min(ordinality) OVER (PARTITION BY filename) + 1 AS BIGINT) AS n, line
FROM read_csv(${fileList(clean)}, ${options}) WITH ORDINALITY`];
  for (const f of files.filter((x) => unreadable.get(x)?.length)) {
    const lines = unreadable.get(f)!;
    // The k-th line read is line k + (the skipped lines before it): skipped line s_i has s_i - i lines read before it.
    const before = `[${lines.map((s, i) => s - (i + 1)).join(', ')}]`;
    parts.push(`SELECT filename, CAST(ordinality + len(list_filter(${before}, x -> x < ordinality)) AS BIGINT) AS n, line
FROM read_csv(${sqlString(f)}, ${options}, ignore_errors = true) WITH ORDINALITY`);
  }
  return `
CREATE OR REPLACE VIEW raw_lines_${id} AS
SELECT filename AS file, ${relativeTo('filename', root)} AS rawFile, n AS rawLine, line
FROM (${parts.join('\nUNION ALL\n')});
CREATE OR REPLACE VIEW lines_${id} AS
SELECT file, rawFile, rawLine, CAST(line AS JSON) AS j FROM raw_lines_${id} WHERE line IS NOT NULL AND trim(line) <> '' AND json_valid(line);
CREATE OR REPLACE VIEW bad_${id} AS
SELECT file, rawFile, rawLine FROM raw_lines_${id} WHERE line IS NOT NULL AND trim(line) <> '' AND NOT json_valid(line);
`;
}
