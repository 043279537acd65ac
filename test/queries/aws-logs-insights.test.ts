/**
 * The CloudWatch Logs Insights queries of the AWS pack (queries/aws/logs-insights/*.logsinsights),
 * deployed as AWS::Logs::QueryDefinition over the trail's log group. There is no offline executor
 * of Logs Insights, so these tests check the text's structure only: a header naming a catalog
 * question, the commands Logs Insights has (fields, filter, stats, sort), and every field a query
 * names being a field of a CloudTrail record that the Athena table and SQL queries read too, and
 * every alias an answer column of the catalog. The answers themselves are proven by the Athena SQL
 * of the same questions, executed in DuckDB (aws-duckdb.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CLOUDTRAIL_COLUMNS } from '../../constructs/aws/evidence-tables';
import { question, QuestionId, QUESTIONS } from '../../constructs/core/questions';

const ROOT = path.join(__dirname, '..', '..');
const FOLDER = path.join(ROOT, 'queries', 'aws', 'logs-insights');
const FILES = fs.readdirSync(FOLDER).filter((f) => f.endsWith('.logsinsights')).sort();
const text = (file: string): string => fs.readFileSync(path.join(FOLDER, file), 'utf8');

/** The top-level fields of a CloudTrail record, as CloudTrail writes them (Logs Insights names JSON fields as written). */
const RECORD_FIELDS = ['eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'additionalEventData', 'requestID', 'eventID', 'readOnly', 'resources', 'eventType', 'apiVersion', 'recipientAccountId', 'sharedEventID', 'vpcEndpointId', 'eventCategory'];
/** The userIdentity paths, read off the Athena table's struct type (lower-cased there). */
const USER_IDENTITY_TYPE = CLOUDTRAIL_COLUMNS.find(([name]) => name === 'useridentity')![1];
/** Every requestParameters / responseElements path the SQL queries read with json_extract_scalar. */
const SQL_JSON_PATHS = new Set(
  fs
    .readdirSync(path.join(ROOT, 'queries', 'aws'))
    .filter((f) => f.endsWith('.sql'))
    .flatMap((f) => [...fs.readFileSync(path.join(ROOT, 'queries', 'aws', f), 'utf8').matchAll(/json_extract_scalar\(t\.(requestparameters|responseelements), '\$\.([A-Za-z.]+)'\)/g)].map((m) => `${m[1]}.${m[2]}`)),
);
const COMMANDS = ['fields', 'filter', 'stats', 'sort', 'limit', 'display'];
/** The Logs Insights functions the queries may call: general (coalesce, ispresent), stats (count, earliest, latest) and date (bin). */
const FUNCTIONS = ['coalesce', 'ispresent', 'count', 'earliest', 'latest', 'bin'];
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'as', 'by', 'asc', 'desc', 'like']);
/** Names a query may add beside the catalog's columns, to say which endpoint, bucket or service a row is of. */
const EXTRA_COLUMNS = ['endpoint', 'bucket', 'eventSource'];

/** The body of a query: its commands, comments and string literals removed. */
function commands(query: string): { name: string; body: string }[] {
  const body = query.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace(/"[^"]*"/g, '""');
  return body.split('|').map((c) => c.trim()).map((c) => ({ name: c.split(/\s/)[0], body: c.slice(c.split(/\s/)[0].length) }));
}

/** The aliases a query defines (`... as principal`). */
const aliases = (query: string): string[] => commands(query).flatMap((c) => [...c.body.matchAll(/\bas\s+([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));

/** The field paths a query names: identifiers that are not commands, keywords, functions, aliases or durations. */
function fieldsOf(query: string): string[] {
  const defined = new Set(aliases(query));
  return commands(query).flatMap((c) =>
    [...c.body.matchAll(/[A-Za-z_@][A-Za-z0-9_.@]*(\s*\()?/g)]
      .filter((m) => m[1] === undefined)
      .map((m) => m[0])
      .filter((w) => !KEYWORDS.has(w) && !defined.has(w) && !/^\d/.test(w) && w !== 'h'),
  );
}

/** Whether a dotted path is a field of a CloudTrail record. */
function isRecordField(field: string): boolean {
  const [top, ...rest] = field.split('.');
  if (!RECORD_FIELDS.includes(top) || !CLOUDTRAIL_COLUMNS.some(([name]) => name === top.toLowerCase())) return false;
  if (rest.length === 0) return true;
  if (top === 'userIdentity') return rest.every((part) => new RegExp(`[<,]${part.toLowerCase()}:`).test(USER_IDENTITY_TYPE));
  if (top === 'requestParameters' || top === 'responseElements') return SQL_JSON_PATHS.has(`${top.toLowerCase()}.${rest.join('.')}`);
  return false;
}

describe('the Logs Insights queries of the AWS pack', () => {
  test('there are queries for the questions Logs Insights answers without parameters, each named after a catalog question', () => {
    expect(FILES.map((f) => f.replace(/\.logsinsights$/, ''))).toEqual(['credential-origin', 'data-writes', 'endpoint-callers', 'endpoint-volume', 'evidence-tampering']);
    for (const f of FILES) expect(QUESTIONS.map((q) => q.id)).toContain(f.replace(/\.logsinsights$/, ''));
  });

  test.each(FILES)('%s: a header naming the question, the engine, no parameters, the answer columns and the caveat', (file) => {
    const q = question(file.replace(/\.logsinsights$/, '') as QuestionId);
    const header = text(file).split('\n').filter((l) => l.startsWith('#'));
    expect(header[0]).toBe(`# Question: ${q.id}. ${q.title}`);
    expect(header[1]).toBe("# Cloud: AWS. Engine: CloudWatch Logs Insights, over the trail's log group.");
    expect(header.some((l) => l.startsWith('# Parameters: none'))).toBe(true);
    expect(header.some((l) => l.startsWith('# Answer columns: '))).toBe(true);
    expect(header.some((l) => l.startsWith('# Caveat: '))).toBe(true);
    // The header comes first: no command line before it ends.
    expect(text(file).split('\n').findIndex((l) => !l.startsWith('#'))).toBe(header.length);
  });

  test.each(FILES)('%s: fields, then one filter, then stats or sort, only commands Logs Insights has', (file) => {
    const names = commands(text(file)).map((c) => c.name);
    for (const n of names) expect(COMMANDS).toContain(n);
    expect(names[0]).toBe('fields');
    expect(names.filter((n) => n === 'filter')).toEqual(['filter']);
    expect(['stats', 'sort']).toContain(names[2]);
    // The filter selects by the service and the call, as the SQL of the question does.
    expect(commands(text(file))[1].body).toMatch(/eventSource = "" and eventName (in \[|= "")/);
  });

  test.each(FILES)('%s: every field it names is a field of a CloudTrail record the Athena table and SQL read', (file) => {
    const fields = fieldsOf(text(file));
    expect(fields.length).toBeGreaterThan(2);
    expect(fields.filter((f) => !isRecordField(f))).toEqual([]);
  });

  test.each(FILES)('%s: every function it calls is a Logs Insights function (general, stats or date)', (file) => {
    const calls = commands(text(file)).flatMap((c) => [...c.body.matchAll(/([A-Za-z_]+)\s*\(/g)].map((m) => m[1]));
    expect(calls.filter((f) => !FUNCTIONS.includes(f) && !KEYWORDS.has(f))).toEqual([]);
    expect(calls).toContain('coalesce');
  });

  test.each(FILES)("%s: every alias is one of the catalog's answer columns (or the endpoint, bucket or service of a row)", (file) => {
    const q = question(file.replace(/\.logsinsights$/, '') as QuestionId);
    const defined = aliases(text(file));
    expect(defined.filter((a) => !q.columns.includes(a) && !EXTRA_COLUMNS.includes(a))).toEqual([]);
    // The caller's identity is the catalog's principal in every query that has one.
    if (q.columns.includes('principal')) expect(defined).toContain('principal');
  });

  test('the field check can fail: a misspelt field, an unknown request parameter and an alias outside the catalog are caught', () => {
    expect(fieldsOf('fields sourceIpAddress, requestParameters.endpointNme as endpoint | filter eventSource = "s" and eventName = "x"').filter((f) => !isRecordField(f))).toEqual(['sourceIpAddress', 'requestParameters.endpointNme']);
    expect(isRecordField('userIdentity.sessionContext.sessionIssuer.arn')).toBe(true);
    expect(isRecordField('userIdentity.sessionContext.issuer.arn')).toBe(false);
    expect(aliases('fields userIdentity.arn as caller | stats count(*) as invocations by caller').filter((a) => !question('endpoint-callers').columns.includes(a) && !EXTRA_COLUMNS.includes(a))).toEqual(['caller', 'invocations']);
  });
});
