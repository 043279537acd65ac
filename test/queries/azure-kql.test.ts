/**
 * The Azure query pack is checked offline with the Kusto language service, Microsoft's own KQL
 * parser and binder: each queries/azure/<id>.kql is analyzed as the Log Analytics function it is
 * deployed as (a saved search with function_alias and function_parameters, invoked by its alias
 * with the parameters in order) against the schemas of the tables it reads, declared in
 * test/queries/schemas/azure/ from the Azure Monitor table reference. Syntax errors, unknown
 * tables and unknown columns fail; the result columns must be the catalog's, in order.
 */
import * as fs from 'fs';
import * as path from 'path';
import { deployedQueryName, question, QuestionId, QUESTIONS } from '../../constructs/core/questions';
import { SENTINEL_DETECTIONS } from '../../constructs/azure/investigation-pack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@kusto/language-service-next/bridge.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@kusto/language-service-next');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const K: any = (globalThis as any).Kusto.Language;

const ROOT = path.join(__dirname, '..', '..');
const QUERY_DIR = path.join(ROOT, 'queries', 'azure');
const SCHEMA_DIR = path.join(__dirname, 'schemas', 'azure');

interface TableSchema {
  readonly source: string;
  readonly columns: Readonly<Record<string, string>>;
}
const SCHEMAS: Record<string, TableSchema> = Object.fromEntries(
  fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')) as TableSchema]),
);
const AZURE_QUERIES = fs.readdirSync(QUERY_DIR).filter((f) => f.endsWith('.kql')).map((f) => f.replace(/\.kql$/, '') as QuestionId).sort();
const queryText = (id: QuestionId): string => fs.readFileSync(path.join(QUERY_DIR, `${id}.kql`), 'utf8');

const globals = (() => {
  const tables = Object.entries(SCHEMAS).map(([name, s]) => new K.Symbols.TableSymbol.$ctor7(name, `(${Object.entries(s.columns).map(([c, t]) => `['${c}']:${t}`).join(', ')})`, s.source));
  return K.GlobalState.Default.WithDatabase(new K.Symbols.DatabaseSymbol.$ctor1('workspace', tables, false));
})();

/** The `function_parameters` of a question: its parameters in order, timestamps as datetime. */
const functionParameters = (id: QuestionId): string => question(id).parameters.map((p) => `${p.name}:${p.type === 'timestamp' ? 'datetime' : 'string'}`).join(', ');

/** The query as Log Analytics runs it: the body bound as the function alias, invoked with sample arguments in order. */
function asDeployed(id: QuestionId, body: string): string {
  const args = question(id).parameters.map((p) => (p.name === 'from' ? 'datetime(2026-11-30)' : p.name === 'to' ? 'datetime(2026-12-01)' : "'x'"));
  return `let ${deployedQueryName(id)} = (${functionParameters(id)}) {\n${body}\n};\n${deployedQueryName(id)}(${args.join(', ')})`;
}

interface Analysis {
  readonly errors: string[];
  readonly columns: string[];
  readonly tables: string[];
}
function analyze(text: string): Analysis {
  const code = K.KustoCode.ParseAndAnalyze(text, globals);
  const diagnostics = code.GetDiagnostics();
  const errors: string[] = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i);
    if (d.Severity === 'Error') errors.push(`${d.Message} at ${d.Start}: ${JSON.stringify(text.slice(d.Start, d.Start + 40))}`);
  }
  const columns: string[] = [];
  const result = code.ResultType;
  if (result && result.Columns) for (let i = 0; i < result.Columns.Count; i++) columns.push(result.Columns.getItem(i).Name);
  const tables = new Set<string>();
  for (const name of Object.keys(SCHEMAS)) if (new RegExp(`(^|[^\\w'])${name}([^\\w]|$)`, 'm').test(text.replace(/^\s*\/\/.*$/gm, ''))) tables.add(name);
  return { errors, columns, tables: [...tables].sort() };
}

describe('the table schemas', () => {
  test.each(Object.keys(SCHEMAS).sort())('%s: declared from its Azure Monitor table reference page, with documented types', (name) => {
    const s = SCHEMAS[name];
    expect(s.source).toBe(`https://learn.microsoft.com/azure/azure-monitor/reference/tables/${name.toLowerCase()}`);
    expect(s.columns.TimeGenerated).toBe('datetime');
    for (const t of Object.values(s.columns)) expect(['string', 'datetime', 'int', 'long', 'real', 'bool', 'dynamic', 'guid', 'timespan']).toContain(t);
  });
});

describe('every Azure query matches its catalog entry and its tables', () => {
  test('Azure answers every question the catalog says it records', () => {
    expect(AZURE_QUERIES).toEqual(QUESTIONS.filter((q) => q.clouds.azure.status !== 'not-recorded').map((q) => q.id).sort());
  });

  test.each(AZURE_QUERIES)('%s: header names the question and its function_parameters in catalog order', (id) => {
    const text = queryText(id);
    expect(text.startsWith(`// Question: ${id}. ${question(id).title}`)).toBe(true);
    expect(text).toContain(`function_alias ${deployedQueryName(id)}.`);
    expect(text.match(/^\/\/ Parameters: (.*)$/m)?.[1]).toBe(functionParameters(id));
    expect(text.match(/^\/\/ Answer columns: (.*)\.$/m)?.[1]).toBe(question(id).columns.join(', '));
    expect(text).toMatch(/^\/\/ Caveat: /m);
  });

  test.each(AZURE_QUERIES)('%s: analyzes without errors as the deployed function, returning the catalog columns in order', (id) => {
    const { errors, columns, tables } = analyze(asDeployed(id, queryText(id)));
    expect(errors).toEqual([]);
    expect(columns).toEqual([...question(id).columns]);
    expect(tables.length).toBeGreaterThan(0);
    const header = queryText(id).match(/^\/\/ Tables: ([\s\S]*?)\n\/\/ Parameters/m)?.[1] ?? '';
    for (const t of tables) expect(header).toContain(t);
  });

  test.each(AZURE_QUERIES)("%s: answers with cloud 'azure'", (id) => {
    expect(queryText(id)).toMatch(/project cloud = 'azure', /);
  });
});

describe('the check can fail', () => {
  const body = "StorageBlobLogs | where TimeGenerated >= ['from'] and TimeGenerated < ['to'] | project cloud = 'azure', ['time'] = TimeGenerated";

  test('a sound query passes, so the failures below are the check and not the harness', () => {
    expect(analyze(`let f = (from:datetime, to:datetime) { ${body} }; f(datetime(2026-11-30), datetime(2026-12-01))`)).toMatchObject({ errors: [], columns: ['cloud', 'time'] });
  });

  test('an unknown column is an error naming it', () => {
    const { errors } = analyze(`let f = (from:datetime, to:datetime) { ${body}, RequesterIpAddress }; f(datetime(2026-11-30), datetime(2026-12-01))`);
    expect(errors).toEqual([expect.stringMatching(/The name 'RequesterIpAddress' does not refer to any known column/)]);
  });

  test('an unknown table is an error naming it', () => {
    const { errors } = analyze("StorageBlobLog | where TimeGenerated > ago(1d) | project cloud = 'azure'");
    expect(errors).toEqual([expect.stringMatching(/The name 'StorageBlobLog' does not refer to any known table/)]);
  });

  test('a syntax error is an error', () => {
    const { errors } = analyze("StorageBlobLogs | where (TimeGenerated > ago(1d) | project cloud = 'azure'");
    expect(errors.length).toBeGreaterThan(0);
  });

  test('an unbracketed `to` in the body is an error: the reason the queries write it as [\'to\']', () => {
    const { errors } = analyze(`let f = (from:datetime, to:datetime) { StorageBlobLogs | where TimeGenerated < to }; f(datetime(2026-11-30), datetime(2026-12-01))`);
    expect(errors).toEqual([expect.stringMatching(/The name 'to' needs to be bracketed/)]);
  });

  test('a column of the wrong type is an error: the schema types are checked, not only the names', () => {
    const { errors } = analyze("StorageBlobLogs | where StatusCode > 400 | project cloud = 'azure'");
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('the Sentinel detections: standalone KQL, checked like the functions', () => {
  const DETECTION_DIR = path.join(QUERY_DIR, 'detections');
  const DETECTIONS = fs.readdirSync(DETECTION_DIR).filter((f) => f.endsWith('.kql')).map((f) => f.replace(/\.kql$/, '')).sort();
  const detectionText = (id: string): string => fs.readFileSync(path.join(DETECTION_DIR, `${id}.kql`), 'utf8');
  /** The lookback a rule's query period gives, as KQL writes it. */
  const LOOKBACK: Record<string, string> = { PT1H: '1h', P1D: '1d' };

  test('one file per detection of the pack, for a question that has an Azure function', () => {
    expect(DETECTIONS).toEqual(SENTINEL_DETECTIONS.map((d) => d.id).sort());
    for (const id of DETECTIONS) expect(AZURE_QUERIES).toContain(id);
  });

  test.each(SENTINEL_DETECTIONS.map((d) => [d.id, d] as const))('%s: analyzes without errors as it runs (no function, no parameters), returning the header\'s columns and every mapped entity column', (id, d) => {
    const text = detectionText(id);
    expect(text.startsWith(`// Detection: ${id}. `)).toBe(true);
    const { errors, columns, tables } = analyze(text);
    expect(errors).toEqual([]);
    const header = text.match(/^\/\/ Columns: (.*?)\. Entities/m)?.[1];
    expect(columns).toEqual(header?.split(', '));
    for (const e of d.entities) expect(columns).toContain(e.column);
    const declared = text.match(/^\/\/ Tables: (.*)\.$/m)?.[1];
    expect(tables).toEqual(declared?.split(', '));
    expect(text).toMatch(/^\/\/ Threshold: /m);
  });

  test.each(SENTINEL_DETECTIONS.map((d) => [d.id, d] as const))('%s: reads back exactly the rule\'s query period', (id, d) => {
    const agos = [...detectionText(id).replace(/^\s*\/\/.*$/gm, '').matchAll(/where TimeGenerated >= ago\((\w+)\)/g)].map((m) => m[1]);
    expect(agos).toEqual([LOOKBACK[d.queryPeriod]]);
  });

  test('evidence-tampering watches exactly the operations of the evidence-tampering question', () => {
    const lists = (text: string) => text.slice(text.indexOf('let watched = dynamic(['), text.indexOf('AzureActivity\n'));
    const question = lists(queryText('evidence-tampering'));
    expect(question.length).toBeGreaterThan(500);
    expect(lists(detectionText('evidence-tampering'))).toBe(question);
  });

  test('a detection that uses a function parameter is an error: the rule has no parameters to bind', () => {
    const text = detectionText('evidence-tampering').replace('where TimeGenerated >= ago(1h)', "where TimeGenerated >= ['from']");
    expect(analyze(text).errors).toEqual([expect.stringMatching(/The name 'from' does not refer to any known/)]);
  });
});
