-- The Athena table cloudtrail_logs over a forensic copy of a CloudTrail archive, in DuckDB.
-- Offline only: the queries under queries/aws/ run unchanged on top of functions.duckdb.sql and
-- this view.
-- {{cloudtrail_files}} is replaced by a quoted glob of the copy's CloudTrail files:
--   <copy>/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/*.json.gz
-- Each file's document may hold up to 64 MiB of JSON text (maximum_object_size: investigate/sql.ts
-- MAX_DOCUMENT; DuckDB's default, 16 MiB, refuses files CloudTrail writes).
-- The view has the columns the queries read, named and typed as in the Athena table AWS documents
-- for CloudTrail, and its partition columns (keys lower-cased by the SerDe; requestparameters,
-- responseelements and additionaleventdata kept as JSON text), so a query reads the same in both
-- engines.
-- A record whose eventTime is not a time in the form CloudTrail writes (2026-11-30T13:05:01Z; or is
-- missing), or is one outside every window
-- (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: 'infinity', the year 10000), is left out here:
-- cast in a query, one such value would fail every question over the whole copy, or never be in
-- any window. The engine names each one (the view untimed_cloudtrail of
-- investigate/aws/cloudtrail.ts; the same test as readableTime of investigate/sql.ts).
-- A record in the copy more than once, identical (the same eventID and content: a log file copied
-- under another name) is read once, the first in file and record order; records of one eventID
-- that differ are all kept (the engine names both kinds: repeats_cloudtrail, conflicts_cloudtrail).
CREATE OR REPLACE VIEW cloudtrail_logs AS
WITH records AS (
  SELECT r, filename FROM (
    SELECT r, filename, row_number() OVER (PARTITION BY coalesce(r ->> '$.eventID', concat(filename, '#', i)), CAST(r AS VARCHAR) ORDER BY filename, i) AS copy
    FROM (SELECT unnest(Records) AS r, generate_subscripts(Records, 1) AS i, filename
      FROM read_json({{cloudtrail_files}}, columns = {Records: 'JSON[]'}, filename = true, format = 'auto', maximum_object_size = 67108864))
  ) WHERE copy = 1 AND regexp_full_match(r ->> '$.eventTime', '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z')
    AND TRY_CAST(r ->> '$.eventTime' AS TIMESTAMPTZ) >= TIMESTAMPTZ '0001-01-01 00:00:00+00'
    AND TRY_CAST(r ->> '$.eventTime' AS TIMESTAMPTZ) < TIMESTAMPTZ '9999-12-31 23:59:59+00'
),
-- Each record's fields, its JSON parsed once: v[i] is r ->> (the i-th path), j[i] r -> (the i-th).
fields AS (
  SELECT filename,
    json_extract_string(r, [
      '$.eventVersion',
      '$.userIdentity.type',
      '$.userIdentity.principalId',
      '$.userIdentity.arn',
      '$.userIdentity.accountId',
      '$.userIdentity.invokedBy',
      '$.userIdentity.accessKeyId',
      '$.userIdentity.userName',
      '$.userIdentity.sessionContext.attributes.mfaAuthenticated',
      '$.userIdentity.sessionContext.attributes.creationDate',
      '$.userIdentity.sessionContext.sessionIssuer.type',
      '$.userIdentity.sessionContext.sessionIssuer.principalId',
      '$.userIdentity.sessionContext.sessionIssuer.arn',
      '$.userIdentity.sessionContext.sessionIssuer.accountId',
      '$.userIdentity.sessionContext.sessionIssuer.userName',
      '$.userIdentity.sessionContext.sourceIdentity',
      '$.eventTime',
      '$.eventSource',
      '$.eventName',
      '$.awsRegion',
      '$.sourceIPAddress',
      '$.userAgent',
      '$.errorCode',
      '$.errorMessage',
      '$.requestID',
      '$.eventID',
      '$.readOnly',
      '$.eventType',
      '$.apiVersion',
      '$.recipientAccountId',
      '$.sharedEventID',
      '$.vpcEndpointId',
      '$.eventCategory'
    ]) AS v,
    json_extract(r, ['$.requestParameters', '$.responseElements', '$.additionalEventData', '$.resources']) AS j
  FROM records
)
SELECT
  v[1] AS eventversion,
  struct_pack(
    type := v[2],
    principalid := v[3],
    arn := v[4],
    accountid := v[5],
    invokedby := v[6],
    accesskeyid := v[7],
    username := v[8],
    sessioncontext := struct_pack(
      attributes := struct_pack(
        mfaauthenticated := v[9],
        creationdate := v[10]
      ),
      sessionissuer := struct_pack(
        type := v[11],
        principalid := v[12],
        arn := v[13],
        accountid := v[14],
        username := v[15]
      ),
      sourceidentity := v[16]
    )
  ) AS useridentity,
  v[17] AS eventtime,
  v[18] AS eventsource,
  v[19] AS eventname,
  v[20] AS awsregion,
  v[21] AS sourceipaddress,
  v[22] AS useragent,
  v[23] AS errorcode,
  v[24] AS errormessage,
  CASE WHEN json_type(j[1]) IN ('OBJECT', 'ARRAY') THEN CAST(j[1] AS VARCHAR) END AS requestparameters,
  CASE WHEN json_type(j[2]) IN ('OBJECT', 'ARRAY') THEN CAST(j[2] AS VARCHAR) END AS responseelements,
  CASE WHEN json_type(j[3]) IN ('OBJECT', 'ARRAY') THEN CAST(j[3] AS VARCHAR) END AS additionaleventdata,
  v[25] AS requestid,
  v[26] AS eventid,
  v[27] AS readonly,
  CAST(
    list_transform(
      CAST(coalesce(j[4], '[]') AS JSON[]),
      x -> struct_pack(arn := x ->> '$.ARN', accountid := x ->> '$.accountId', type := x ->> '$.type')
    ) AS STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]
  ) AS resources,
  v[28] AS eventtype,
  v[29] AS apiversion,
  v[30] AS recipientaccountid,
  v[31] AS sharedeventid,
  v[32] AS vpcendpointid,
  v[33] AS eventcategory,
  -- The partition columns of the Athena table, from the key as CloudTrail writes it.
  regexp_extract(filename, '/AWSLogs/(?:o-[a-z0-9]+/)?([0-9]{12})/CloudTrail/', 1) AS account,
  regexp_extract(filename, '/CloudTrail/([a-z0-9-]+)/[0-9]{4}/', 1) AS region,
  regexp_extract(filename, '/CloudTrail/[a-z0-9-]+/([0-9]{4}/[0-9]{2}/[0-9]{2})/', 1) AS "timestamp",
  filename AS "$path"
FROM fields;
