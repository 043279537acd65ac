/**
 * The Azure drill: every catalog question Azure records, asked offline in DuckDB over a generated
 * copy of the insights-* containers (the insider overwriting training blobs, and the compromised
 * package's Azure half), returns exactly the planted answer and nothing from the noise; the
 * copy's bytes and mtimes are unchanged afterwards.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { QUESTIONS, QuestionId, question } from '../../constructs/core/questions';
import { AZURE_LAYOUTS } from '../../investigate/azure';
import { AZURE_INCIDENTS as A, AzureIncidentsTruth, writeAzureIncidents } from '../incidents/azure';
import { ROOT, ask, createViews, namedParameters, offlineQuery, snapshot } from './duckdb-copy';

let dir: string;
let truth: AzureIncidentsTruth;
let before: ReturnType<typeof snapshot>;
let instance: DuckDBInstance;
let db: DuckDBConnection;

const DAY = { from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z' };
const AZURE_QUESTIONS = QUESTIONS.filter((q) => q.clouds.azure.status !== 'not-recorded').map((q) => q.id);
const TRAINING = `${A.account}/${A.container}/`;
const ACCOUNT_ID = `/SUBSCRIPTIONS/${A.subscription.toUpperCase()}/RESOURCEGROUPS/${A.resourceGroup.toUpperCase()}/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/${A.account.toUpperCase()}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-az-drill-'));
  truth = writeAzureIncidents(dir, 17);
  before = snapshot(dir);
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await createViews(db, dir, truth.files, AZURE_LAYOUTS);
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

const azure = (id: QuestionId, params: Record<string, string>, window = DAY) => ask(db, 'azure', id, { ...params, ...window });

describe('the Azure offline questions match the catalog', () => {
  test('one file per question Azure records, and no other', () => {
    const files = fs.readdirSync(path.join(ROOT, 'queries', 'azure', 'offline')).map((f) => f.replace(/\.duckdb\.sql$/, ''));
    expect(files.sort()).toEqual([...AZURE_QUESTIONS].sort());
  });

  test.each(AZURE_QUESTIONS)('%s: header, the catalog parameter names, the answer columns in order, nothing outside the window', async (id) => {
    const text = offlineQuery('azure', id);
    const q = question(id);
    expect(text.startsWith(`-- Question: ${id}.`)).toBe(true);
    expect(text).toMatch(/^-- Views: /m);
    expect(text).toContain(`-- Parameters: ${q.parameters.map((p) => `$${p.name}`).join(', ')}`);
    expect(text).toContain(`-- Answer columns: ${q.columns.join(', ')}.`);
    expect(namedParameters(text).sort()).toEqual(q.parameters.map((p) => p.name).sort());
    const value = (name: string): string => ({ from: '2026-11-29T00:00:00Z', to: DAY.from, endpointName: A.endpoint, principal: A.insider.objectId, location: TRAINING, source: A.nodeMac })[name] as string;
    const { columns, rows } = await ask(db, 'azure', id, Object.fromEntries(q.parameters.map((p) => [p.name, value(p.name)])));
    expect(columns).toEqual([...q.columns]);
    expect(rows).toEqual([]);
  });
});

describe('the insider on Azure, answered', () => {
  test('credential-origin: the successful sign-in from the unusual address (not the failed one), then the key listing', async () => {
    const expected = [
      { cloud: 'azure', time: truth.signIn, principal: A.insider.upn, action: 'UserSignIn', sourcePrincipal: A.insider.appId, credentialId: A.insider.tokenId, sourceIp: A.insider.signInIp, userAgent: A.insider.userAgent },
      { cloud: 'azure', time: truth.listKeys, principal: A.insider.upn, action: 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION', sourcePrincipal: ACCOUNT_ID, credentialId: null, sourceIp: A.insider.signInIp, userAgent: null },
    ];
    expect((await azure('credential-origin', { principal: A.insider.upn })).rows).toEqual(expected);
    expect((await azure('credential-origin', { principal: A.insider.objectId })).rows).toEqual(expected.map((r) => ({ ...r, principal: A.insider.objectId })));
  });

  test('credential-origin of the cluster identity: its managed identity sign-in', async () => {
    expect((await azure('credential-origin', { principal: A.cluster.identity })).rows).toEqual([
      { cloud: 'azure', time: truth.clusterSignIn, principal: A.cluster.identity, action: 'ManagedIdentitySignIn', sourcePrincipal: null, credentialId: 'cLuStErToKeN0001ccccCC', sourceIp: A.cluster.ip, userAgent: null },
    ]);
  });

  test('data-writes: the four overwrites and the delete in the training container, by the insider; not the pipeline staging writes', async () => {
    const { rows } = await azure('data-writes', { location: TRAINING });
    expect(rows).toEqual(truth.writes.map((w) => ({ cloud: 'azure', time: w.time, principal: A.insider.objectId, credentialId: expect.stringMatching(/^OAuth:[0-9A-F]{24}$/), sourceIp: A.insider.signInIp, action: w.action, object: w.object, outcome: 'Success' })));
  });

  test('data-reads: the insider read one blob, then the cluster read the five; the archive container is not under the prefix', async () => {
    const { rows } = await azure('data-reads', { location: TRAINING });
    expect(rows.map((r) => [r.time, r.principal, r.sourceIp, r.action, r.object])).toEqual([
      [truth.insiderRead.time, A.insider.objectId, A.insider.signInIp, 'GetBlob', truth.insiderRead.object],
      ...truth.clusterReads.map((r) => [r.time, A.cluster.identity, A.cluster.ip, 'GetBlob', r.object]),
    ]);
  });

  test('ml-jobs-using-data: the cluster reads, and the run and compute job that span them as candidates; not the earlier runs', async () => {
    const { rows } = await azure('ml-jobs-using-data', { location: TRAINING });
    const firstRead = truth.clusterReads[0];
    expect(rows).toEqual([
      { cloud: 'azure', time: firstRead.time, job: null, principal: A.cluster.identity, action: 'storage:GetBlob', dataLocation: firstRead.object },
      { cloud: 'azure', time: firstRead.time, job: A.computeJob, principal: null, action: `candidate-job:${truth.computeJobEvent}`, dataLocation: firstRead.object },
      { cloud: 'azure', time: firstRead.time, job: A.run, principal: A.colleague.objectId, action: `candidate-run:${truth.runStatus}`, dataLocation: firstRead.object },
      ...truth.clusterReads.slice(1).map((r) => ({ cloud: 'azure', time: r.time, job: null, principal: A.cluster.identity, action: 'storage:GetBlob', dataLocation: r.object })),
    ]);
  });

  test('evidence-tampering: the diagnostic setting delete, once, with its last status (denied)', async () => {
    expect((await azure('evidence-tampering', {})).rows).toEqual([
      { cloud: 'azure', time: truth.diagnosticDelete, principal: A.insider.upn, sourceIp: A.insider.signInIp, action: 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', target: `${ACCOUNT_ID}/BLOBSERVICES/DEFAULT/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/FORENSIC-EVIDENCE`, outcome: 'Failure (Failed.Forbidden)' },
    ]);
  });

  test('endpoint-callers: the application all day, the insider at volume; no address recorded; not the other endpoint', async () => {
    expect((await azure('endpoint-callers', { endpointName: A.endpoint })).rows).toEqual([
      { cloud: 'azure', principal: A.app.identity, credentialId: 'AADToken', sourceIp: null, userAgent: A.app.userAgent, firstSeen: truth.appFirst, lastSeen: truth.appLast, count: truth.appRequests },
      { cloud: 'azure', principal: A.insider.objectId, credentialId: 'AADToken', sourceIp: null, userAgent: A.insider.sdkAgent, firstSeen: truth.insiderFirst, lastSeen: truth.insiderLast, count: truth.insiderRequests },
    ]);
  });

  test('endpoint-volume: one row per principal and hour; only the insider hour stands out', async () => {
    const { rows } = await azure('endpoint-volume', { endpointName: A.endpoint });
    expect(Object.fromEntries(rows.map((r) => [`${r.principal}|${r.hour}`, r.count]))).toEqual(truth.requestsByHour);
    expect(rows.filter((r) => r.outlier === true)).toEqual([{ cloud: 'azure', principal: A.insider.objectId, hour: '2026-11-30T14:00:00Z', count: truth.insiderRequests, outlier: true }]);
  });

  test('principal-activity: the insider from sign-in to endpoint calls, across the Activity log, blob logs and endpoint traffic', async () => {
    const { rows } = await azure('principal-activity', { principal: A.insider.objectId });
    expect(rows.slice(0, 9).map((r) => [r.time, r.action, r.outcome])).toEqual([
      [truth.listKeys, 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION', 'Success'],
      [truth.insiderRead.time, 'storage:GetBlob', 'Success'],
      ...truth.writes.map((w) => [w.time, `storage:${w.action}`, 'Success']),
      [expect.any(String), 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', 'Start'],
      [truth.diagnosticDelete, 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', 'Failure'],
    ]);
    expect(rows[0]).toMatchObject({ principal: A.insider.objectId, credentialId: A.insider.tokenId, sourceIp: A.insider.signInIp, userAgent: null });
    expect(rows.length).toBe(9 + truth.insiderRequests);
    expect(rows.slice(9).every((r) => r.action === 'endpoint:POST /score' && r.target === `${A.endpoint}/${A.deployment}` && r.credentialId === 'AADToken' && r.sourceIp === null)).toBe(true);
    expect((await azure('principal-activity', { principal: A.insider.upn })).rows.slice(0, 7).map((r) => r.action)).toEqual(rows.slice(0, 7).map((r) => r.action));
  });
});

describe('the compromised package on Azure, answered', () => {
  test('network-egress: the exfiltration address and the denied attempt; no intra-VNet DNS, no other interface; no DNS name recorded', async () => {
    const expected = [
      { cloud: 'azure', source: A.nodeMac, sourceAddress: A.nodeAddress, destinationAddress: A.exfilAddress, destinationPort: 443, protocol: 6, dnsName: null, firstSeen: truth.exfilFirst, lastSeen: truth.exfilLast, flows: truth.exfilFlows },
      { cloud: 'azure', source: A.nodeMac, sourceAddress: A.nodeAddress, destinationAddress: A.deniedAddress, destinationPort: 8080, protocol: 6, dnsName: null, firstSeen: truth.deniedTime, lastSeen: truth.deniedTime, flows: 1 },
    ];
    expect((await azure('network-egress', { source: A.nodeMac })).rows).toEqual(expected);
    expect((await azure('network-egress', { source: A.nodeAddress })).rows).toEqual(expected.map((r) => ({ ...r, source: A.nodeAddress })));
    expect((await azure('network-egress', { source: A.otherMac })).rows.map((r) => r.destinationAddress)).toEqual(['198.51.100.14']);
  });

  test('ml-jobs-using-data finds no candidate for the package job: it read no blob of the training container', async () => {
    const { rows } = await azure('ml-jobs-using-data', { location: TRAINING }, { from: '2026-11-30T09:00:00Z', to: '2026-11-30T10:00:00Z' });
    expect(rows).toEqual([]);
  });
});

describe('the evidence copy', () => {
  test('after every question, its files have the same bytes and mtimes, and no file was added', () => {
    expect(snapshot(dir)).toEqual(before);
  });
});
