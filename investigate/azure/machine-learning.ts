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
import { jsonLinesSql, readableTime, untimedLinesSql } from '../sql';

const PATH = /(^|\/)insights-logs-(aml[a-z]+|dataset(read|change)event)\/resourceId=\/SUBSCRIPTIONS\/[^/]+\/RESOURCEGROUPS\/[^/]+\/PROVIDERS\/MICROSOFT\.MACHINELEARNINGSERVICES\/WORKSPACES\/[^/]+(\/ONLINEENDPOINTS\/[^/]+)?\/y=\d{4}\/m=\d{2}\/d=\d{2}\/h=\d{2}\/m=00\/PT1H\.json$/i;

/** A record's time (the records whose time is not a readable time are in untimed_azure_ml). */
const TIME = "j->>'$.time'";

export const AZURE_ML: Layout = {
  id: 'azure_ml',
  cloud: 'azure',
  title: 'Azure Machine Learning resource logs (jobs, runs, data assets, online endpoint traffic) archived in storage',
  matches: (relativePath, head) => PATH.test(relativePath) && head.trimStart().startsWith('{') && /"category"\s*:\s*"(Aml[A-Za-z]+|DataSet(Read|Change)Event)"/.test(head),
  jsonLines: true,
  viewSql: (files, root, unreadable) => `${jsonLinesSql('azure_ml', files, root, unreadable)}
${untimedLinesSql('azure_ml', 'time', TIME, 'TIMESTAMP')}
CREATE OR REPLACE VIEW azure_ml_events AS
SELECT
  ${readableTime(TIME, 'TIMESTAMP')} AS time,
  j->>'$.category' AS category,
  CASE WHEN j->>'$.category' IN ('DataSetReadEvent', 'DataSetChangeEvent') THEN 'AmlDataSetEvent' ELSE j->>'$.category' END AS logTable,
  j->>'$.operationName' AS operationName,
  j->>'$.resourceId' AS resourceId,
  lower(regexp_extract(j->>'$.resourceId', '/subscriptions/([^/]+)', 1, 'i')) AS subscription,
  lower(regexp_extract(j->>'$.resourceId', '/workspaces/([^/]+)', 1, 'i')) AS workspace,
  coalesce(j->>'$.identity', j->>'$.properties.Identity') AS identity,
  j->>'$.properties.JobName' AS jobName,
  j->>'$.properties.EventType' AS eventType,
  j->>'$.properties.RunId' AS runId,
  j->>'$.properties.Status' AS status,
  j->>'$.properties.AmlDatasetName' AS datasetName,
  j->>'$.properties.AmlDatasetId' AS datasetId,
  j->>'$.properties.EndpointName' AS endpointName,
  j->>'$.properties.DeploymentName' AS deploymentName,
  j->>'$.properties.AuthType' AS authType,
  j->>'$.properties.IdentityData' AS identityData,
  j->>'$.properties.UserAgent' AS userAgent,
  j->>'$.properties.Method' AS method,
  j->>'$.properties.Path' AS path,
  TRY_CAST(j->>'$.properties.ResponseCode' AS INTEGER) AS responseCode,
  j->'$.properties' AS properties,
  rawFile,
  rawLine
FROM (SELECT rawFile, rawLine, j FROM lines_azure_ml)
WHERE regexp_matches(j->>'$.category', '^(Aml[A-Za-z]+|DataSet(Read|Change)Event)$') AND (${readableTime(TIME, 'TIMESTAMP')}) IS NOT NULL;

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
