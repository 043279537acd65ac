/**
 * What the offline investigation reads: the archive layouts of the three clouds' evidence, each
 * recognised by path and content in a forensic copy, and the one event shape every layout is
 * normalised to in DuckDB. `forensic-readiness investigate` finds the files of each layout under
 * the given paths, creates each layout's views over them (read in place, never copied or loaded
 * whole), and answers the catalog's questions (constructs/core/questions.ts) over those views.
 */
import type { QuestionCloud } from '../constructs/core/questions';
import type { UnreadableLines } from './sql';

/**
 * The columns of the normalised event view, in this order, that every layout's events view
 * (`events_<layout id>`) has: `time` a TIMESTAMP (UTC); `cloud` 'aws' | 'gcp' | 'azure';
 * `account` the AWS account, GCP project or Azure subscription; `principal` the acting identity
 * (an ARN, e-mail, object id or service account); `credentialId` the access key, service-account
 * key or token id it used (NULL where the record names none); `sourceIp`; `userAgent`; `action`
 * (`sagemaker:InvokeEndpoint`, `storage.objects.create`, `StorageWrite`); `target` the resource
 * acted on; `outcome` 'success' | 'failure' | NULL; `rawFile` the file of the record, relative to
 * the copy's root, `rawLine` its 1-based line in that file (or row, or record index of a
 * `{"Records": [...]}` file) — a pointer an investigator can open.
 */
export const EVENT_COLUMNS = [
  'time',
  'cloud',
  'account',
  'principal',
  'credentialId',
  'sourceIp',
  'userAgent',
  'action',
  'target',
  'outcome',
  'rawFile',
  'rawLine',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** One archive layout a cloud writes its evidence in (CloudTrail in S3, a sink's JSON in GCS, ...). */
export interface Layout {
  /** A stable id, also the suffix of its views (`cloudtrail`, `gcp_audit`, `azure_storage_blob`). */
  readonly id: string;
  readonly cloud: QuestionCloud;
  /** What it is, for warnings and docs ("CloudTrail log files"). */
  readonly title: string;
  /**
   * Whether a file belongs to this layout, from its path relative to the root it was found under
   * (POSIX separators) and its first bytes (at most 4 KiB, decompressed when the file is gzip).
   */
  matches(relativePath: string, head: string): boolean;
  /**
   * Whether a path is where the service delivers this layout's files, whatever their content
   * (the path test of `matches`). A file there that `matches` refuses (a byte-order mark, a line of
   * NUL bytes, other content) is evidence that could not be read, never "no known layout". Absent
   * where the path alone does not say the service (a generic `.jsonl` under date folders).
   */
  readonly at?: (relativePath: string) => boolean;
  /**
   * The SQL that creates this layout's views over the given files (absolute paths, at least one),
   * among them `events_<id>` with EVENT_COLUMNS; other views it creates are the ones its questions
   * read (CloudTrail's `cloudtrail_logs`, the Athena table's shape). `root` is the folder the files
   * were found under, for `rawFile`. The statements only read the files. A record whose time is not
   * a readable time (sql.ts readableTime) is in none of its views but in `untimed_<id>` (file,
   * rawFile, rawLine, problem), which the engine names; one with a readable time that lacks a field
   * the layout needs (an Activity log record without resultType) is in `incomplete_<id>` (file,
   * rawFile, rawLine, problem), which the engine names too.
   */
  viewSql(files: readonly string[], root: string, unreadable?: UnreadableLines): string;
  /**
   * Whether its files are JSON lines (read by sql.ts's jsonLinesSql): the engine then reads each
   * file once for the lines DuckDB's line reader cannot hold, and hands them to viewSql
   * (`unreadable`) so that they, not the file, are skipped and named.
   */
  readonly jsonLines?: boolean;
}
