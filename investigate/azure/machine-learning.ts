/**
 * Azure Machine Learning resource logs archived by the workspace's (and each online endpoint's)
 * diagnostic setting: `insights-logs-<category>/resourceId=/SUBSCRIPTIONS/<SUB>/RESOURCEGROUPS/<RG>/
 * PROVIDERS/MICROSOFT.MACHINELEARNINGSERVICES/WORKSPACES/<WS>[/ONLINEENDPOINTS/<EP>]/y=…/m=00/PT1H.json`,
 * one record per line, for the categories AmlComputeJobEvent, AmlRunStatusChangedEvent (tables of
 * the same name), DataSetChangeEvent and DataSetReadEvent (both the AmlDataSetEvent table) of the
 * workspace and AmlOnlineEndpointTrafficLog of the online endpoint
 * (https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-machinelearningservices-workspaces-logs,
 * https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-machinelearningservices-workspaces-onlineendpoints-logs).
 * The record's `properties` carry the table's columns (AmlComputeJobEvent: JobName, EventType;
 * AmlRunStatusChangedEvent: RunId, Status; AmlDataSetEvent: AmlDatasetId, AmlDatasetName;
 * AmlOnlineEndpointTrafficLog: EndpointName, DeploymentName, AuthType, IdentityData, UserAgent...;
 * https://learn.microsoft.com/azure/azure-monitor/reference/tables/amlcomputejobevent,
 * https://learn.microsoft.com/azure/azure-monitor/reference/tables/amlrunstatuschangedevent,
 * https://learn.microsoft.com/azure/azure-monitor/reference/tables/amldatasetevent,
 * https://learn.microsoft.com/azure/azure-monitor/reference/tables/amlonlineendpointtrafficlog);
 * the caller of a run or a data asset access is the record's `identity` (the table's Identity
 * column). `logTable` names the Azure Monitor table a record lands in, which the queries select on.
 */
import type { Layout } from '../layout';
import { jsonFields, jsonLinesSql, readableTime, untimedLinesSql } from '../sql';

const PATH = /(^|\/)insights-logs-(aml[a-z]+|dataset(read|change)event)\/resourceId=\/SUBSCRIPTIONS\/[^/]+\/RESOURCEGROUPS\/[^/]+\/PROVIDERS\/MICROSOFT\.MACHINELEARNINGSERVICES\/WORKSPACES\/[^/]+(\/ONLINEENDPOINTS\/[^/]+)?\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/PT1H\.json$/i;

/** A record's time (the records whose time is not a readable time are in untimed_azure_ml). */
const TIME = "j->>'$.time'";

/** The fields azure_ml_events reads of a record, its JSON parsed once (sql.ts jsonFields). */
const FIELDS = jsonFields('j', ['$.time', '$.category', '$.operationName', '$.resourceId', '$.identity', '$.properties.Identity', '$.properties.JobName', '$.properties.EventType',
  '$.properties.RunId', '$.properties.Status', '$.properties.AmlDatasetName', '$.properties.AmlDatasetId', '$.properties.EndpointName', '$.properties.DeploymentName',
  '$.properties.AuthType', '$.properties.IdentityData', '$.properties.UserAgent', '$.properties.Method', '$.properties.Path', '$.properties.ResponseCode'], 'v');
const v = (p: string): string => FIELDS.field(p);

export const AZURE_ML: Layout = {
  id: 'azure_ml',
  cloud: 'azure',
  title: 'Azure Machine Learning resource logs (jobs, runs, data assets, online endpoint traffic) archived in storage',
  at: (path) => PATH.test(path),
  matches: (relativePath, head) => PATH.test(relativePath) && head.trimStart().startsWith('{') && /"category"\s*:\s*"(Aml[A-Za-z]+|DataSet(Read|Change)Event)"/.test(head),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('azure_ml', files, root, unreadable)}
${untimedLinesSql('azure_ml', 'time', TIME, 'UTC')}
CREATE OR REPLACE VIEW azure_ml_events AS
SELECT
  ${readableTime(v('$.time'), 'UTC')} AS time,
  ${v('$.category')} AS category,
  CASE WHEN ${v('$.category')} IN ('DataSetReadEvent', 'DataSetChangeEvent') THEN 'AmlDataSetEvent' ELSE ${v('$.category')} END AS logTable,
  ${v('$.operationName')} AS operationName,
  ${v('$.resourceId')} AS resourceId,
  lower(regexp_extract(${v('$.resourceId')}, '/subscriptions/([^/]+)', 1, 'i')) AS subscription,
  lower(regexp_extract(${v('$.resourceId')}, '/workspaces/([^/]+)', 1, 'i')) AS workspace,
  coalesce(${v('$.identity')}, ${v('$.properties.Identity')}) AS identity,
  ${v('$.properties.JobName')} AS jobName,
  ${v('$.properties.EventType')} AS eventType,
  ${v('$.properties.RunId')} AS runId,
  ${v('$.properties.Status')} AS status,
  ${v('$.properties.AmlDatasetName')} AS datasetName,
  ${v('$.properties.AmlDatasetId')} AS datasetId,
  ${v('$.properties.EndpointName')} AS endpointName,
  ${v('$.properties.DeploymentName')} AS deploymentName,
  ${v('$.properties.AuthType')} AS authType,
  ${v('$.properties.IdentityData')} AS identityData,
  ${v('$.properties.UserAgent')} AS userAgent,
  ${v('$.properties.Method')} AS method,
  ${v('$.properties.Path')} AS path,
  TRY_CAST(${v('$.properties.ResponseCode')} AS INTEGER) AS responseCode,
  j->'$.properties' AS properties,
  rawFile,
  rawLine
FROM (SELECT rawFile, rawLine, j, ${FIELDS.list} AS v FROM lines_azure_ml)
WHERE regexp_matches(${v('$.category')}, '^(Aml[A-Za-z]+|DataSet(Read|Change)Event)$') AND (${readableTime(v('$.time'), 'UTC')}) IS NOT NULL;

CREATE OR REPLACE VIEW events_azure_ml AS
SELECT
  time, 'azure' AS cloud, subscription AS account, coalesce(nullif(identityData, ''), identity) AS principal,
  authType AS credentialId, NULL::VARCHAR AS sourceIp, userAgent,
  category || ':' || coalesce(eventType, status, method || ' ' || path, operationName) AS action,
  coalesce(jobName, runId, endpointName || '/' || deploymentName, datasetName, resourceId) AS target,
  CASE WHEN responseCode IS NULL THEN CASE WHEN status = 'Failed' OR eventType = 'JobFailed' THEN 'failure' END
    WHEN responseCode < 400 THEN 'success' ELSE 'failure' END AS outcome,
  rawFile, rawLine
FROM azure_ml_events;
`,
};
