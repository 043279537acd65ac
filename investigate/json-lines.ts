/**
 * Recognising a JSON-lines evidence file by its first line. The SQL that reads such files, line
 * by line with each line's number and malformed lines set apart for the engine's warnings, is
 * sql.ts's jsonLinesSql, shared by the layouts of the three clouds.
 */

/** Whether a file's first line (of the head) parses as a JSON object that has every one of the keys. */
export function firstLineHas(head: string, keys: readonly string[]): boolean {
  const line = head.split('\n', 1)[0].trim();
  if (!line.startsWith('{')) return false;
  return keys.every((k) => line.includes(`"${k}"`));
}
