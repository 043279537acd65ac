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

/** `timestamptz` as the event shape's TIMESTAMP (UTC). */
export const utc = (expr: string): string => `timezone('UTC', CAST(${expr} AS TIMESTAMPTZ))`;

/**
 * Creates `lines_<id>` (file: absolute path, rawFile, rawLine: 1-based line in the file, j: the
 * line as JSON) over JSON-lines files, and `bad_<id>` (file, rawFile, rawLine) of the lines that are not
 * JSON. Blank lines are neither. Each file is read as lines of text (a delimiter no JSON text holds
 * raw), so the line numbers are the file's; the JSON is parsed per line, so one malformed line
 * costs only itself.
 */
export function jsonLinesSql(id: string, files: readonly string[], root: string): string {
  const read = `read_csv(${fileList(files)}, columns = {'line': 'VARCHAR'}, delim = E'\\x01', quote = '', escape = '', header = false, filename = true, auto_detect = false, max_line_size = 33554432, buffer_size = 67108864) WITH ORDINALITY`;
  return `
CREATE OR REPLACE VIEW raw_lines_${id} AS
SELECT filename AS file, ${relativeTo('filename', root)} AS rawFile, CAST(ordinality - min(ordinality) OVER (PARTITION BY filename) + 1 AS BIGINT) AS rawLine, line
FROM ${read};
CREATE OR REPLACE VIEW lines_${id} AS
SELECT file, rawFile, rawLine, CAST(line AS JSON) AS j FROM raw_lines_${id} WHERE line IS NOT NULL AND trim(line) <> '' AND json_valid(line);
CREATE OR REPLACE VIEW bad_${id} AS
SELECT file, rawFile, rawLine FROM raw_lines_${id} WHERE line IS NOT NULL AND trim(line) <> '' AND NOT json_valid(line);
`;
}
