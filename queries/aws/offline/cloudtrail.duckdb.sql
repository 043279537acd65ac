-- The Athena table cloudtrail_logs over a forensic copy of a CloudTrail archive, in DuckDB.
-- Offline only: the queries under queries/aws/ run unchanged on top of functions.duckdb.sql and
-- this view.
-- {{cloudtrail_files}} is replaced by a quoted glob of the copy's CloudTrail files:
--   <copy>/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/*.json.gz
-- The view has the columns the queries read, named and typed as in the Athena table AWS documents
-- for CloudTrail, and its partition columns (keys lower-cased by the SerDe; requestparameters,
-- responseelements and additionaleventdata kept as JSON text), so a query reads the same in both
-- engines.
-- A record whose eventTime is not a time (or is missing), or is one outside every window
-- (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: 'infinity', the year 10000), is left out here:
-- cast in a query, one such value would fail every question over the whole copy, or never be in
-- any window. The engine names each one (the view untimed_cloudtrail of
-- investigate/aws/cloudtrail.ts; the same test as readableTime of investigate/sql.ts).
CREATE OR REPLACE VIEW cloudtrail_logs AS
WITH records AS (
  SELECT r, filename FROM (
    SELECT unnest(Records) AS r, filename
    FROM read_json({{cloudtrail_files}}, columns = {Records: 'JSON[]'}, filename = true, format = 'auto')
  ) WHERE TRY_CAST(r ->> '$.eventTime' AS TIMESTAMPTZ) >= TIMESTAMPTZ '0001-01-01 00:00:00+00'
    AND TRY_CAST(r ->> '$.eventTime' AS TIMESTAMPTZ) < TIMESTAMPTZ '9999-12-31 23:59:59+00'
)
SELECT
  r ->> '$.eventVersion' AS eventversion,
  struct_pack(
    type := r ->> '$.userIdentity.type',
    principalid := r ->> '$.userIdentity.principalId',
    arn := r ->> '$.userIdentity.arn',
    accountid := r ->> '$.userIdentity.accountId',
    invokedby := r ->> '$.userIdentity.invokedBy',
    accesskeyid := r ->> '$.userIdentity.accessKeyId',
    username := r ->> '$.userIdentity.userName',
    sessioncontext := struct_pack(
      attributes := struct_pack(
        mfaauthenticated := r ->> '$.userIdentity.sessionContext.attributes.mfaAuthenticated',
        creationdate := r ->> '$.userIdentity.sessionContext.attributes.creationDate'
      ),
      sessionissuer := struct_pack(
        type := r ->> '$.userIdentity.sessionContext.sessionIssuer.type',
        principalid := r ->> '$.userIdentity.sessionContext.sessionIssuer.principalId',
        arn := r ->> '$.userIdentity.sessionContext.sessionIssuer.arn',
        accountid := r ->> '$.userIdentity.sessionContext.sessionIssuer.accountId',
        username := r ->> '$.userIdentity.sessionContext.sessionIssuer.userName'
      ),
      sourceidentity := r ->> '$.userIdentity.sessionContext.sourceIdentity'
    )
  ) AS useridentity,
  r ->> '$.eventTime' AS eventtime,
  r ->> '$.eventSource' AS eventsource,
  r ->> '$.eventName' AS eventname,
  r ->> '$.awsRegion' AS awsregion,
  r ->> '$.sourceIPAddress' AS sourceipaddress,
  r ->> '$.userAgent' AS useragent,
  r ->> '$.errorCode' AS errorcode,
  r ->> '$.errorMessage' AS errormessage,
  CASE WHEN json_type(r, '$.requestParameters') IN ('OBJECT', 'ARRAY') THEN CAST(r -> '$.requestParameters' AS VARCHAR) END AS requestparameters,
  CASE WHEN json_type(r, '$.responseElements') IN ('OBJECT', 'ARRAY') THEN CAST(r -> '$.responseElements' AS VARCHAR) END AS responseelements,
  CASE WHEN json_type(r, '$.additionalEventData') IN ('OBJECT', 'ARRAY') THEN CAST(r -> '$.additionalEventData' AS VARCHAR) END AS additionaleventdata,
  r ->> '$.requestID' AS requestid,
  r ->> '$.eventID' AS eventid,
  r ->> '$.readOnly' AS readonly,
  CAST(
    list_transform(
      CAST(coalesce(r -> '$.resources', '[]') AS JSON[]),
      x -> struct_pack(arn := x ->> '$.ARN', accountid := x ->> '$.accountId', type := x ->> '$.type')
    ) AS STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]
  ) AS resources,
  r ->> '$.eventType' AS eventtype,
  r ->> '$.apiVersion' AS apiversion,
  r ->> '$.recipientAccountId' AS recipientaccountid,
  r ->> '$.sharedEventID' AS sharedeventid,
  r ->> '$.vpcEndpointId' AS vpcendpointid,
  r ->> '$.eventCategory' AS eventcategory,
  -- The partition columns of the Athena table, from the key as CloudTrail writes it.
  regexp_extract(filename, '/AWSLogs/(?:o-[a-z0-9]+/)?([0-9]{12})/CloudTrail/', 1) AS account,
  regexp_extract(filename, '/CloudTrail/([a-z0-9-]+)/[0-9]{4}/', 1) AS region,
  regexp_extract(filename, '/CloudTrail/[a-z0-9-]+/([0-9]{4}/[0-9]{2}/[0-9]{2})/', 1) AS "timestamp",
  filename AS "$path"
FROM records;
