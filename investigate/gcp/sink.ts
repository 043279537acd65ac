/**
 * What every Cloud Logging sink file in Cloud Storage shares: hourly files under the log id as a
 * folder (`<log id>/YYYY/MM/DD/HH:00:00_HH:59:59_S<n>.json`,
 * https://cloud.google.com/logging/docs/export/storage), and no deduplication: a view keeps one
 * entry per insertId and timestamp, which the LogEntry reference names as what makes two entries
 * duplicates.
 */

/** The path of a sink file of a log id (a regular-expression source, its dots escaped). */
export function sinkFilePath(logId: string): RegExp {
  return new RegExp(`(^|/)${logId}/\\d{4}/\\d{2}/\\d{2}/\\d{2}:\\d{2}:\\d{2}_\\d{2}:\\d{2}:\\d{2}_S\\d+\\.json$`);
}

/**
 * The CTEs `entries` (the lines of `lines_<id>`) and `ranked` (those matching `where`, numbered
 * `copy` within each insertId and timestamp): a view then selects `WHERE copy = 1`.
 */
export function sinkEntriesSql(id: string, where: string): string {
  return `WITH entries AS (SELECT rawFile, rawLine, j FROM lines_${id}),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY j->>'$.insertId', j->>'$.timestamp' ORDER BY rawFile, rawLine) AS copy
  FROM entries
  WHERE ${where}
)`;
}
