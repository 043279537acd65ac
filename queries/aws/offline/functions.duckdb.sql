-- The Presto/Trino functions the AWS queries use that DuckDB names differently, as macros, so the
-- queries under queries/aws/ run unchanged over a forensic copy. Load this file first, then the
-- table views (cloudtrail, vpc-flow-logs, resolver-query-logs).
SET TimeZone = 'UTC';

-- Presto/Trino functions the queries use that DuckDB names differently.
CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ);
CREATE OR REPLACE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p);
-- Presto's date_format takes MySQL specifiers: %i is minutes and %s seconds (strftime's %M and %S).
CREATE OR REPLACE MACRO date_format(t, f) AS strftime(t, replace(replace(f, '%i', '%M'), '%s', '%S'));
CREATE OR REPLACE MACRO regexp_like(s, p) AS regexp_matches(s, p);
-- Seconds since the epoch, as Presto's from_unixtime (a timestamp with time zone, UTC here).
CREATE OR REPLACE MACRO from_unixtime(s) AS to_timestamp(s);
-- Presto's element_at and DuckDB's list_extract both give NULL past the end of an array.
CREATE OR REPLACE MACRO element_at(l, i) AS list_extract(l, i);
CREATE OR REPLACE MACRO cardinality(l) AS len(l);
CREATE OR REPLACE MACRO sequence(a, b) AS generate_series(a, b);
