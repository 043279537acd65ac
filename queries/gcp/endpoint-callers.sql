-- Question: endpoint-callers. Who invoked the model endpoint, with which credentials, from where?
-- Cloud: GCP. Engine: BigQuery (GoogleSQL), deployed as a table function over the linked dataset.
-- Table: `{{dataset}}._AllLogs`, the _AllLogs view of the BigQuery dataset linked to the kit's log
--   bucket ({{dataset}} is replaced by "<project>.<link id>" when the pack deploys the function).
-- Parameters, in order: endpointName STRING, from_time TIMESTAMP, to_time TIMESTAMP
--   endpointName: the endpoint ID (numeric), its full resource name, or a publisher model
--   (publishers/google/models/<model>); display names are not in the audit log.
--   from_time / to_time: the catalog's from / to (FROM and TO are reserved words in BigQuery); to is exclusive.
-- Answer columns: cloud, principal, credentialId, sourceIp, userAgent, firstSeen, lastSeen, count.
--   credentialId is the service-account key the caller used (authentication_info.service_account_key_name),
--   null for OAuth access tokens, which the audit log does not identify.
-- Caveat: predict calls are Data Access (DATA_READ) audit logs of aiplatform.googleapis.com, written only
--   when Data Access logs are enabled for Vertex AI; Google may redact caller_ip and the user agent.
SELECT
  'gcp' AS cloud,
  l.proto_payload.audit_log.authentication_info.principal_email AS principal,
  l.proto_payload.audit_log.authentication_info.service_account_key_name AS credentialId,
  l.proto_payload.audit_log.request_metadata.caller_ip AS sourceIp,
  l.proto_payload.audit_log.request_metadata.caller_supplied_user_agent AS userAgent,
  MIN(l.timestamp) AS firstSeen,
  MAX(l.timestamp) AS lastSeen,
  COUNT(*) AS count
FROM `{{dataset}}._AllLogs` AS l
WHERE l.timestamp >= from_time
  AND l.timestamp < to_time
  AND l.log_id = 'cloudaudit.googleapis.com/data_access'
  AND l.proto_payload.audit_log.service_name = 'aiplatform.googleapis.com'
  AND REGEXP_CONTAINS(l.proto_payload.audit_log.method_name, r'^google\.cloud\.aiplatform\.v1(beta1)?\.PredictionService\.(Predict|RawPredict|StreamRawPredict|DirectPredict|DirectRawPredict|ServerStreamingPredict|StreamingPredict|StreamingRawPredict|Explain|GenerateContent|StreamGenerateContent)$')
  AND (
    l.proto_payload.audit_log.resource_name = endpointName
    OR ENDS_WITH(l.proto_payload.audit_log.resource_name, CONCAT('/endpoints/', endpointName))
    OR ENDS_WITH(l.proto_payload.audit_log.resource_name, CONCAT('/', endpointName))
  )
GROUP BY 2, 3, 4, 5
ORDER BY 8 DESC, 2, 3, 4, 5
