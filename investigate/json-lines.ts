/**
 * SQL shared by the GCP and Azure layouts: the lines of JSON-lines files with their file (relative
 * to the copy's root) and 1-based line number, so every record keeps a pointer an investigator
 * can open. Each file is read in place by DuckDB's read_text, one file at a time; nothing is
 * written. A line that is not JSON is left out here (the engine names such files in its warnings).
 */

/** A DuckDB string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** POSIX form of a path (DuckDB and the rawFile pointers use forward slashes). */
export function posixPath(p: string): string {
  return p.replace(/\\/g, '/');
}

/** A list literal of the files, for read_text / read_json. */
export function fileList(files: readonly string[]): string {
  return `[${files.map((f) => sqlString(posixPath(f))).join(', ')}]`;
}

/** The expression of a file path relative to the root (`filename` being the absolute path). */
export function relativeFile(root: string, column = 'filename'): string {
  const prefix = `${posixPath(root).replace(/\/+$/, '')}/`;
  return `CASE WHEN starts_with(${column}, ${sqlString(prefix)}) THEN substr(${column}, ${prefix.length + 1}) ELSE ${column} END`;
}

/**
 * A query of the JSON lines of the files: columns rawFile, rawLine (1-based) and j (JSON), one row
 * per non-empty line that parses as JSON.
 */
export function jsonLines(files: readonly string[], root: string): string {
  return `SELECT rawFile, rawLine, CAST(line AS JSON) AS j FROM (
    SELECT ${relativeFile(root)} AS rawFile, generate_subscripts(l, 1) AS rawLine, unnest(l) AS line
    FROM (SELECT filename, string_split(replace(content, chr(13), ''), chr(10)) AS l FROM read_text(${fileList(files)}))
  ) WHERE trim(line) <> '' AND json_valid(line)`;
}

/** Whether a file's first line (of the head) parses as a JSON object that has every one of the keys. */
export function firstLineHas(head: string, keys: readonly string[]): boolean {
  const line = head.split('\n', 1)[0].trim();
  if (!line.startsWith('{')) return false;
  return keys.every((k) => line.includes(`"${k}"`));
}
