/**
 * GuardDuty findings exported to S3 by a publishing destination:
 * `[PREFIX/]AWSLogs/ACCOUNT/GuardDuty/REGION/YYYY/MM/DD/*.jsonl.gz`, one finding a line, in the
 * finding format of GetFindings (schemaVersion, accountId, region, id, arn, type, resource,
 * service {action, eventFirstSeen, eventLastSeen, count}, severity, createdAt, updatedAt, title).
 * View `guardduty_findings`. Events: one per finding, at service.eventLastSeen (else updatedAt),
 * action `guardduty:<finding type>`, principal and credential from resource.accessKeyDetails,
 * sourceIp the remote address of the action, target the instance or the resource type, outcome NULL.
 */
import { jsonLinesSql, readableTime, untimedLinesSql, utc } from '../sql';
import type { Layout } from '../layout';

const PATH = /(^|\/)AWSLogs\/[0-9]{12}\/GuardDuty\/[a-z0-9-]+\/[0-9]{4}\/[0-9]{2}\/[0-9]{2}\/[^/]+\.jsonl(\.gz)?$/;
/** A finding's time, and the test that it is a readable one (the others are in untimed_guardduty_findings). */
const TIME = "coalesce(j ->> '$.service.eventLastSeen', j ->> '$.updatedAt')";
const TIMED = `(${readableTime(TIME)}) IS NOT NULL`;
const REMOTE = `coalesce(j ->> '$.service.action.awsApiCallAction.remoteIpDetails.ipAddressV4', j ->> '$.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4', j ->> '$.service.action.portProbeAction.portProbeDetails[0].remoteIpDetails.ipAddressV4')`;

export const GUARDDUTY_FINDINGS: Layout = {
  id: 'guardduty_findings',
  cloud: 'aws',
  title: 'GuardDuty findings export',
  at: (path) => PATH.test(path),
  matches: (rel, head) => PATH.test(rel) && /^\s*\{/.test(head) && head.includes('"schemaVersion"') && head.includes('"type"'),
  jsonLines: true,
  viewSql(files, root, unreadable) {
    return `${jsonLinesSql('guardduty_findings', files, root, unreadable)}
${untimedLinesSql('guardduty_findings', 'service.eventLastSeen (or updatedAt)', TIME)}
CREATE OR REPLACE VIEW guardduty_findings AS
SELECT
  j ->> '$.id' AS id, j ->> '$.arn' AS arn, j ->> '$.accountId' AS account_id, j ->> '$.region' AS region, j ->> '$.type' AS type,
  CAST(j ->> '$.severity' AS DOUBLE) AS severity, j ->> '$.title' AS title, j ->> '$.createdAt' AS created_at, j ->> '$.updatedAt' AS updated_at,
  j ->> '$.service.eventFirstSeen' AS event_first_seen, j ->> '$.service.eventLastSeen' AS event_last_seen,
  j ->> '$.resource.resourceType' AS resource_type, j ->> '$.resource.accessKeyDetails.accessKeyId' AS access_key_id,
  j ->> '$.resource.accessKeyDetails.principalId' AS principal_id, j ->> '$.resource.accessKeyDetails.userName' AS user_name,
  j ->> '$.resource.instanceDetails.instanceId' AS instance_id, ${REMOTE} AS remote_ip,
  CAST(j AS VARCHAR) AS finding, rawFile, rawLine
FROM lines_guardduty_findings WHERE ${TIMED};
CREATE OR REPLACE VIEW events_guardduty_findings AS
SELECT
  ${utc(TIME)} AS time,
  'aws' AS cloud,
  j ->> '$.accountId' AS account,
  coalesce(j ->> '$.resource.accessKeyDetails.principalId', j ->> '$.resource.accessKeyDetails.userName') AS principal,
  j ->> '$.resource.accessKeyDetails.accessKeyId' AS credentialId,
  ${REMOTE} AS sourceIp,
  CAST(NULL AS VARCHAR) AS userAgent,
  concat('guardduty:', j ->> '$.type') AS action,
  coalesce(j ->> '$.resource.instanceDetails.instanceId', j ->> '$.resource.resourceType') AS target,
  CAST(NULL AS VARCHAR) AS outcome,
  rawFile,
  rawLine
FROM lines_guardduty_findings WHERE ${TIMED};
`;
  },
};
