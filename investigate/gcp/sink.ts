import { readableTime } from '../sql';

/**
 * What every Cloud Logging sink file in Cloud Storage shares: hourly files under the log id as a
 * folder (`<log id>/YYYY/MM/DD/HH:00:00_HH:59:59_S<n>.json`,
 * https://cloud.google.com/logging/docs/export/storage), and no deduplication: a view keeps one
 * entry per insertId and timestamp, which the LogEntry reference names as what makes two entries
 * duplicates, of those identical in content only: two of the same insertId and timestamp that
 * differ are not duplicates Cloud Logging wrote (one was tampered with or is corrupt), so both
 * are kept, and `conflicts_<id>` names them (the engine warns, the answer is not in full).
 */

/**
 * The instant of an entry (its `timestamp`, RFC 3339, a UTC offset applied), NULL when it is not a
 * readable time: what a view's `time` is, and with the insertId the key of duplicates and conflicts
 * (one instant written two ways, `13:10:00Z` and `13:10:00.000Z`, is one timestamp).
 */
export const SINK_INSTANT = readableTime("j->>'$.timestamp'", 'UTC');

/** The path of a sink file of a log id (a regular-expression source, its dots escaped). */
export function sinkFilePath(logId: string): RegExp {
  return new RegExp(`(^|/)${logId}/\\d{4}/\\d{2}/\\d{2}/\\d{2}:\\d{2}:\\d{2}_\\d{2}:\\d{2}:\\d{2}_S\\d+\\.json$`);
}

/** The time part of the key: the instant, else (an untimed entry, which no view keeps) the text. */
const KEY_TIME = `coalesce(CAST(${SINK_INSTANT} AS VARCHAR), j->>'$.timestamp')`;

/**
 * The CTEs `entries` (the lines of `lines_<id>`) and `ranked` (those matching `where`, numbered
 * `copy` within each insertId, instant (SINK_INSTANT) and content): a view then selects `WHERE copy = 1`.
 * Preceded by the view `conflicts_<id>`: per insertId and instant of entries that differ (its label names each way the timestamp is written), the
 * first line of each content (files, lines) and what the engine's warning says (label, unit, noun, why).
 */
export function sinkEntriesSql(id: string, where: string): string {
  return `WITH entries AS (SELECT rawFile, rawLine, j FROM lines_${id}),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY j->>'$.insertId', ${KEY_TIME}, CAST(j AS VARCHAR) ORDER BY rawFile, rawLine) AS copy
  FROM entries
  WHERE ${where}
)`;
}

/** The view `conflicts_<id>` (see sinkEntriesSql), over the entries matching `where`. */
export function sinkConflictsSql(id: string, where: string): string {
  return `CREATE OR REPLACE VIEW conflicts_${id} AS
WITH e AS (
  SELECT file, rawFile, rawLine, j->>'$.insertId' AS insertId, j->>'$.timestamp' AS ts, ${KEY_TIME} AS instant,
    row_number() OVER (PARTITION BY j->>'$.insertId', ${KEY_TIME}, CAST(j AS VARCHAR) ORDER BY rawFile, rawLine) AS k
  FROM lines_${id}
  WHERE (${where}) AND (j->>'$.insertId') IS NOT NULL
)
SELECT insertId, first(ts ORDER BY rawFile, rawLine) AS ts, concat('insertId ', CAST(to_json(insertId) AS VARCHAR), ' at ', array_to_string(list_sort(list_distinct(list(ts))), ' = ')) AS label, 'entries' AS unit, 'line' AS noun,
  'a sink''s duplicates are identical, so one is not what Cloud Logging wrote (tampered with or corrupt)' AS why,
  count(*) AS contents, list(file ORDER BY rawFile, rawLine) AS files, list(rawLine ORDER BY rawFile, rawLine) AS lines
FROM e WHERE k = 1 GROUP BY insertId, instant HAVING count(*) > 1;
`;
}
