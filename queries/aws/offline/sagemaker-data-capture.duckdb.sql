-- The Athena table sagemaker_data_capture over a forensic copy of SageMaker data capture, in
-- DuckDB (load functions.duckdb.sql first).
-- {{capture_files}} is replaced by a quoted glob of the copy's capture files:
--   <copy>/<prefix>/<endpoint>/<variant>/<yyyy>/<mm>/<dd>/<hh>/*.jsonl
-- Columns and struct fields are lower-cased as the JSON SerDe reads them (eventMetadata.inferenceTime
-- is eventmetadata.inferencetime); the partition columns come from the key as SageMaker writes it.
CREATE OR REPLACE VIEW sagemaker_data_capture AS
SELECT
  struct_pack(
    endpointinput := struct_pack(observedcontenttype := captureData.endpointInput.observedContentType, mode := captureData.endpointInput.mode, data := captureData.endpointInput.data, encoding := captureData.endpointInput.encoding),
    endpointoutput := struct_pack(observedcontenttype := captureData.endpointOutput.observedContentType, mode := captureData.endpointOutput.mode, data := captureData.endpointOutput.data, encoding := captureData.endpointOutput.encoding)
  ) AS capturedata,
  struct_pack(eventid := eventMetadata.eventId, inferenceid := eventMetadata.inferenceId, inferencetime := eventMetadata.inferenceTime) AS eventmetadata,
  eventVersion AS eventversion,
  regexp_extract(filename, '/([^/]+)/[^/]+/[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{2}/[^/]+$', 1) AS endpoint,
  regexp_extract(filename, '/([^/]+)/[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{2}/[^/]+$', 1) AS variant,
  regexp_extract(filename, '/([0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{2})/[^/]+$', 1) AS datehour,
  filename AS "$path"
FROM read_json({{capture_files}}, format = 'newline_delimited', filename = true,
  columns = {
    captureData: 'STRUCT(endpointInput STRUCT(observedContentType VARCHAR, mode VARCHAR, data VARCHAR, encoding VARCHAR), endpointOutput STRUCT(observedContentType VARCHAR, mode VARCHAR, data VARCHAR, encoding VARCHAR))',
    eventMetadata: 'STRUCT(eventId VARCHAR, inferenceId VARCHAR, inferenceTime VARCHAR)',
    eventVersion: 'VARCHAR'
  });
