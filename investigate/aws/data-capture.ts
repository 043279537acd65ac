/**
 * SageMaker endpoint data capture as the endpoint writes it to its DestinationS3Uri:
 * `PREFIX/ENDPOINT/VARIANT/YYYY/MM/DD/HH/*.jsonl`, one JSON object a line:
 * `{"captureData": {"endpointInput": {"observedContentType", "mode": "INPUT", "data", "encoding"},
 * "endpointOutput": {...}}, "eventMetadata": {"eventId", "inferenceTime", "inferenceId"?},
 * "eventVersion"}`, `data` base64 when `encoding` is BASE64, the text itself when CSV or JSON.
 * Views: `sagemaker_data_capture`, the Athena table's shape (capturedata and eventmetadata structs
 * with lower-cased fields, endpoint, variant and datehour from the key), and
 * `sagemaker_data_capture_decoded` (endpoint, variant, event_id, inference_id, inference_time,
 * input/output content type, encoding and the data decoded to text). Events: one per captured
 * invocation, action `sagemaker:InvokeEndpoint (data capture)`, target the endpoint; data capture
 * records no caller, credential or address (those are NULL: CloudTrail holds them, where recorded).
 */
import { jsonLinesSql, readableTime, untimedLinesSql, utc } from '../sql';
import type { Layout } from '../layout';

const PATH = /(^|\/)([^/]+)\/([^/]+)\/[0-9]{4}\/[0-9]{2}\/[0-9]{2}\/[0-9]{2}\/[^/]+\.jsonl(\.gz)?$/;
const ENDPOINT = `regexp_extract(file, '([^/]+)/[^/]+/[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{2}/[^/]+$', 1)`;
const VARIANT = `regexp_extract(file, '[^/]+/([^/]+)/[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{2}/[^/]+$', 1)`;
/** A capture record's time, and the test that it is a readable one (the others are in untimed_sagemaker_data_capture). */
const TIME = "j ->> '$.eventMetadata.inferenceTime'";
const TIMED = `(${readableTime(TIME)}) IS NOT NULL`;
const decoded = (side: string): string =>
  `CASE WHEN upper(j ->> '$.captureData.${side}.encoding') = 'BASE64' THEN decode(from_base64(j ->> '$.captureData.${side}.data')) ELSE j ->> '$.captureData.${side}.data' END`;

export const SAGEMAKER_DATA_CAPTURE: Layout = {
  id: 'sagemaker_data_capture',
  cloud: 'aws',
  title: 'SageMaker endpoint data capture',
  matches: (rel, head) => PATH.test(rel) && /^\s*\{/.test(head) && head.includes('"captureData"') && head.includes('"eventMetadata"'),
  jsonLines: true,
  viewSql(files, root, unreadable) {
    return `${jsonLinesSql('sagemaker_data_capture', files, root, unreadable)}
${untimedLinesSql('sagemaker_data_capture', 'eventMetadata.inferenceTime', TIME)}
CREATE OR REPLACE VIEW sagemaker_data_capture AS
SELECT
  struct_pack(
    endpointinput := struct_pack(observedcontenttype := j ->> '$.captureData.endpointInput.observedContentType', mode := j ->> '$.captureData.endpointInput.mode', data := j ->> '$.captureData.endpointInput.data', encoding := j ->> '$.captureData.endpointInput.encoding'),
    endpointoutput := struct_pack(observedcontenttype := j ->> '$.captureData.endpointOutput.observedContentType', mode := j ->> '$.captureData.endpointOutput.mode', data := j ->> '$.captureData.endpointOutput.data', encoding := j ->> '$.captureData.endpointOutput.encoding')
  ) AS capturedata,
  struct_pack(eventid := j ->> '$.eventMetadata.eventId', inferenceid := j ->> '$.eventMetadata.inferenceId', inferencetime := j ->> '$.eventMetadata.inferenceTime') AS eventmetadata,
  j ->> '$.eventVersion' AS eventversion,
  ${ENDPOINT} AS endpoint,
  ${VARIANT} AS variant,
  regexp_extract(file, '/([0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{2})/[^/]+$', 1) AS datehour,
  file AS "$path"
FROM lines_sagemaker_data_capture WHERE ${TIMED};
CREATE OR REPLACE VIEW sagemaker_data_capture_decoded AS
SELECT
  ${ENDPOINT} AS endpoint,
  ${VARIANT} AS variant,
  j ->> '$.eventMetadata.eventId' AS event_id,
  j ->> '$.eventMetadata.inferenceId' AS inference_id,
  j ->> '$.eventMetadata.inferenceTime' AS inference_time,
  j ->> '$.captureData.endpointInput.observedContentType' AS input_content_type,
  j ->> '$.captureData.endpointInput.encoding' AS input_encoding,
  ${decoded('endpointInput')} AS input_data,
  j ->> '$.captureData.endpointOutput.observedContentType' AS output_content_type,
  j ->> '$.captureData.endpointOutput.encoding' AS output_encoding,
  ${decoded('endpointOutput')} AS output_data,
  rawFile,
  rawLine
FROM lines_sagemaker_data_capture WHERE ${TIMED};
CREATE OR REPLACE VIEW events_sagemaker_data_capture AS
SELECT
  ${utc("j ->> '$.eventMetadata.inferenceTime'")} AS time,
  'aws' AS cloud,
  CAST(NULL AS VARCHAR) AS account,
  CAST(NULL AS VARCHAR) AS principal,
  CAST(NULL AS VARCHAR) AS credentialId,
  CAST(NULL AS VARCHAR) AS sourceIp,
  CAST(NULL AS VARCHAR) AS userAgent,
  'sagemaker:InvokeEndpoint (data capture)' AS action,
  ${ENDPOINT} AS target,
  'success' AS outcome,
  rawFile,
  rawLine
FROM lines_sagemaker_data_capture WHERE ${TIMED};
`;
  },
};
