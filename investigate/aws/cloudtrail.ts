/**
 * CloudTrail log files as a trail delivers them to S3:
 * `AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_STAMP_ID.json.gz`,
 * each a gzipped `{"Records": [...]}` of management and data events (org trails add the
 * organization id after AWSLogs/). Views: `cloudtrail_logs`, the InvestigationPack's Athena table
 * (queries/aws/offline/cloudtrail.duckdb.sql, the file the pack's queries run over unchanged), and
 * `events_cloudtrail`, one event per record, `rawLine` its 1-based index in Records. A record whose
 * eventTime is missing or not a readable time in the form CloudTrail writes (`2026-11-30T13:05:01Z`:
 * custody/cloudtrail-verify.ts CLOUDTRAIL_TIME; `26-11-30T12:30:00Z` is not the year 26, `2026-11-30`
 * not its midnight; and sql.ts readableTime: `infinity` is not) is in
 * neither: it is in `untimed_cloudtrail` (file, rawFile, rawLine, problem), which the engine names
 * in a warning; the rest of its file is read.
 */
import { readOfflineSql } from '../queries';
import { fileList, jsonFields, MAX_DOCUMENT, readableTime, relativeTo, utc } from '../sql';
import type { Layout } from '../layout';

const PATH = /(^|\/)AWSLogs\/(o-[a-z0-9]+\/)?[0-9]{12}\/CloudTrail\/[a-z0-9-]+\/[0-9]{4}\/[0-9]{2}\/[0-9]{2}\/[^/]+\.json(\.gz)?$/;

/** An event's target: the first of these a record has (after an S3 request's bucket and key). */
const TARGETS = ['$.resources[0].ARN', '$.requestParameters.endpointName', '$.requestParameters.roleArn', '$.requestParameters.trainingJobName', '$.requestParameters.processingJobName',
  '$.requestParameters.transformJobName', '$.requestParameters.name', '$.requestParameters.trailName', '$.requestParameters.logGroupName', '$.requestParameters.userName'];
/** The fields events_cloudtrail reads of a record, its JSON parsed once (sql.ts jsonFields). */
const EVENT_FIELDS = jsonFields('r', ['$.eventTime', '$.recipientAccountId', '$.userIdentity.accountId', '$.userIdentity.sessionContext.sessionIssuer.arn', '$.userIdentity.arn',
  '$.userIdentity.invokedBy', '$.userIdentity.accessKeyId', '$.sourceIPAddress', '$.userAgent', '$.eventSource', '$.eventName', '$.requestParameters.bucketName',
  '$.requestParameters.key', ...TARGETS, '$.errorCode'], 'v');
const v = (p: string): string => EVENT_FIELDS.field(p);
/** A record's eventTime as a time when it is one in CloudTrail's own form (CLOUDTRAIL_TIME), else NULL. */
const EVENT_TIME = `CASE WHEN regexp_full_match(r ->> '$.eventTime', '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z') THEN ${readableTime("r ->> '$.eventTime'")} END`;

export const CLOUDTRAIL: Layout = {
  id: 'cloudtrail',
  cloud: 'aws',
  title: 'CloudTrail',
  at: (path) => PATH.test(path),
  matches: (rel, head) => PATH.test(rel) && /^\s*\{\s*"Records"\s*:/.test(head),
  viewSql(files, root) {
    const list = fileList(files);
    return `${readOfflineSql('aws', 'cloudtrail.duckdb.sql').replaceAll('{{cloudtrail_files}}', list)}
CREATE OR REPLACE VIEW events_cloudtrail AS
WITH f AS (
  SELECT filename, Records FROM read_json(${list}, columns = {Records: 'JSON[]'}, filename = true, format = 'auto', maximum_object_size = ${MAX_DOCUMENT})
), all_rec AS (
  SELECT filename, r, i, row_number() OVER (PARTITION BY coalesce(r ->> '$.eventID', concat(filename, '#', i)), CAST(r AS VARCHAR) ORDER BY filename, i) AS copy
  FROM (SELECT filename, unnest(Records) AS r, generate_subscripts(Records, 1) AS i FROM f)
), rec AS (
  SELECT filename, r, i FROM all_rec
  WHERE copy = 1 AND (${EVENT_TIME}) IS NOT NULL
), fields AS (
  SELECT filename, i, ${EVENT_FIELDS.list} AS v FROM rec
)
SELECT
  ${utc(v('$.eventTime'))} AS time,
  'aws' AS cloud,
  coalesce(${v('$.recipientAccountId')}, ${v('$.userIdentity.accountId')}) AS account,
  coalesce(${v('$.userIdentity.sessionContext.sessionIssuer.arn')}, ${v('$.userIdentity.arn')}, ${v('$.userIdentity.invokedBy')}) AS principal,
  ${v('$.userIdentity.accessKeyId')} AS credentialId,
  ${v('$.sourceIPAddress')} AS sourceIp,
  ${v('$.userAgent')} AS userAgent,
  concat(split_part(${v('$.eventSource')}, '.', 1), ':', ${v('$.eventName')}) AS action,
  coalesce(
    CASE WHEN ${v('$.requestParameters.bucketName')} IS NOT NULL THEN concat('s3://', ${v('$.requestParameters.bucketName')}, '/', coalesce(${v('$.requestParameters.key')}, '')) END,
    ${TARGETS.map(v).join(',\n    ')}
  ) AS target,
  CASE WHEN ${v('$.errorCode')} IS NULL THEN 'success' ELSE 'failure' END AS outcome,
  ${relativeTo('filename', root)} AS rawFile,
  CAST(i AS BIGINT) AS rawLine,
  -- Not of the event shape: the identity as recorded (a session's assumed-role ARN), which the
  -- timeline's principal= matches too, as principal-activity does.
  ${v('$.userIdentity.arn')} AS actor
FROM fields;
CREATE OR REPLACE VIEW records_cloudtrail AS
SELECT filename AS file, CAST(i AS BIGINT) AS rec, r ->> '$.eventID' AS eventId, CAST(r AS VARCHAR) AS content
FROM (SELECT filename, unnest(Records) AS r, generate_subscripts(Records, 1) AS i FROM read_json(${list}, columns = {Records: 'JSON[]'}, filename = true, format = 'auto', maximum_object_size = ${MAX_DOCUMENT}))
WHERE (r ->> '$.eventID') IS NOT NULL;
CREATE OR REPLACE VIEW repeats_cloudtrail AS
SELECT list(file ORDER BY file, rec)[1] AS first_file, list(rec ORDER BY file, rec)[1] AS first_at, list(file ORDER BY file, rec)[2] AS again_file, list(rec ORDER BY file, rec)[2] AS again_at
FROM records_cloudtrail GROUP BY eventId, content HAVING count(*) > 1;
CREATE OR REPLACE VIEW conflicts_cloudtrail AS
WITH firsts AS (SELECT eventId, content, min(struct_pack(file := file, rec := rec)) AS f0 FROM records_cloudtrail GROUP BY eventId, content)
SELECT concat('eventID ', CAST(to_json(eventId) AS VARCHAR)) AS label, 'records' AS unit, 'record' AS noun,
  'CloudTrail gives each event its own eventID, so one is not what CloudTrail wrote (tampered with or corrupt)' AS why,
  count(*) AS contents, list(f0.file ORDER BY f0) AS files, list(f0.rec ORDER BY f0) AS lines
FROM firsts GROUP BY eventId HAVING count(*) > 1;
CREATE OR REPLACE VIEW untimed_cloudtrail AS
SELECT filename AS file, ${relativeTo('filename', root)} AS rawFile, CAST(i AS BIGINT) AS rawLine,
  CASE WHEN r ->> '$.eventTime' IS NULL THEN 'no eventTime' ELSE concat('eventTime ', to_json(r ->> '$.eventTime')) END AS problem
FROM (SELECT filename, unnest(Records) AS r, generate_subscripts(Records, 1) AS i FROM read_json(${list}, columns = {Records: 'JSON[]'}, filename = true, format = 'auto', maximum_object_size = ${MAX_DOCUMENT}))
WHERE (${EVENT_TIME}) IS NULL;
`;
  },
};
