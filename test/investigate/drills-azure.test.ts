/**
 * The Azure drill: every catalog question Azure records, asked offline in DuckDB over a generated
 * copy of the insights-* containers (the insider overwriting training blobs, and the compromised
 * package's Azure half), returns exactly the planted answer and nothing from the noise; the
 * copy's bytes and mtimes are unchanged afterwards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { QUESTIONS, QuestionId, question } from '../../constructs/core/questions';
import { AZURE_LAYOUTS } from '../../investigate/azure';
import { DrillCase, runDrills } from '../../investigate/drills';
import { AZURE_INCIDENTS as A, azureDrillCases, writeAzureDrillCopy } from '../incidents/azure';
import { ROOT, ask, expectCliAnswer, expectOfflineHeader, expectHeldAsInPlace, snapshot, useDrillCopy } from './duckdb-copy';

const copy = useDrillCopy('fr-az-drill-', writeAzureDrillCopy, AZURE_LAYOUTS);

const DAY = { from: '2026-11-30T00:00:00Z', to: '2026-12-01T00:00:00Z' };
const AZURE_QUESTIONS = QUESTIONS.filter((q) => q.clouds.azure.status !== 'not-recorded').map((q) => q.id);
const TRAINING = `${A.account}/${A.container}/`;
const ACCOUNT_ID = `/SUBSCRIPTIONS/${A.subscription.toUpperCase()}/RESOURCEGROUPS/${A.resourceGroup.toUpperCase()}/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/${A.account.toUpperCase()}`;

const azure = (id: QuestionId, params: Record<string, string>, window = DAY) => ask(copy.db, 'azure', id, { ...params, ...window });
const caseOf = (id: QuestionId): DrillCase => azureDrillCases(copy.truth).find((c) => c.question === id)!;

describe('the drill of npm start: every Azure question, through the CLI, exactly the planted rows', () => {
  test('one drill case per question Azure records', () => {
    expect(azureDrillCases(copy.truth).map((c) => c.question).sort()).toEqual([...AZURE_QUESTIONS].sort());
  });

  test.each(AZURE_QUESTIONS)('%s', async (id) => {
    await expectCliAnswer(copy.dir, caseOf(id));
  }, 30_000);

  test('held as the drills hold it (the most-read views read once into tables, one thread), every case returns the rows the copy read in place returns', async () => {
    await expectHeldAsInPlace(copy.dir, azureDrillCases(copy.truth));
  }, 60_000);

  test('the drill runner judges every case answered, and a case whose planted answer differs wrong', async () => {
    const cases = azureDrillCases(copy.truth);
    const outcomes = await runDrills(copy.dir, 'azure', cases);
    expect(outcomes.map((o) => [o.scenario, o.question, o.cloud, o.outcome])).toEqual(cases.map((c) => [c.scenario, c.question, 'azure', 'answered']));
    expect([...new Set(cases.map((c) => c.scenario))]).toEqual(['training-data-poisoning-azure', 'compromised-ml-library']);
    const [wrong] = await runDrills(copy.dir, 'azure', [{ ...caseOf('ml-jobs-using-data'), expected: [] }]);
    expect(wrong.outcome).toBe('wrong');
    expect(wrong.summary).toBe(`4 rows, first: time=${copy.truth.datasetRegistered}, principal=${A.colleague.objectId}, action=dataset:Microsoft.MachineLearningServices/workspaces/datasets/registered/write, dataLocation=${A.dataset.name}`);
  }, 60_000);

  test('endpoint-volume: the counts add up to the planted requests, the insider hour the only outlier', () => {
    const rows = caseOf('endpoint-volume').expected;
    expect(rows.filter((r) => r.outlier).map((r) => [r.principal, r.hour, r.count])).toEqual([[A.insider.objectId, '2026-11-30T14:00:00Z', copy.truth.insiderRequests]]);
    expect(rows.reduce((n, r) => n + (r.count as number), 0)).toBe(copy.truth.insiderRequests + copy.truth.appRequests);
  });
});

describe('the Azure offline questions match the catalog', () => {
  test('one file per question Azure records, and no other', () => {
    const files = fs.readdirSync(path.join(ROOT, 'queries', 'azure', 'offline')).map((f) => f.replace(/\.duckdb\.sql$/, ''));
    expect(files.sort()).toEqual([...AZURE_QUESTIONS].sort());
  });

  test.each(AZURE_QUESTIONS)('%s: header, the catalog parameter names, the answer columns in order, nothing outside the window', async (id) => {
    expectOfflineHeader('azure', id);
    const q = question(id);
    const value = (name: string): string => ({ from: '2026-11-29T00:00:00Z', to: DAY.from, endpointName: A.endpoint, principal: A.insider.objectId, location: TRAINING, source: A.nodeMac })[name] as string;
    const { columns, rows } = await ask(copy.db, 'azure', id, Object.fromEntries(q.parameters.map((p) => [p.name, value(p.name)])));
    expect(columns).toEqual([...q.columns]);
    expect(rows).toEqual([]);
  });
});

describe('the insider on Azure, beyond the drill cases', () => {
  test('credential-origin by object id answers as by UPN, the principal echoed as asked', async () => {
    const expected = caseOf('credential-origin').expected;
    expect((await azure('credential-origin', { principal: A.insider.objectId })).rows).toEqual(expected.map((r) => ({ ...r, principal: A.insider.objectId })));
  });

  test('credential-origin of the cluster identity: its managed identity sign-in', async () => {
    expect((await azure('credential-origin', { principal: A.cluster.identity })).rows).toEqual([
      { cloud: 'azure', time: copy.truth.clusterSignIn, principal: A.cluster.identity, action: 'ManagedIdentitySignIn', sourcePrincipal: null, credentialId: 'cLuStErToKeN0001ccccCC', sourceIp: A.cluster.ip, userAgent: null },
    ]);
  });

  test('ml-jobs-using-data over the storage prefix: the cluster reads, and the run and compute job that span them as candidates; not the earlier runs', async () => {
    const { rows } = await azure('ml-jobs-using-data', { location: TRAINING });
    const firstRead = copy.truth.clusterReads[0];
    expect(rows).toEqual([
      { cloud: 'azure', time: firstRead.time, job: null, principal: A.cluster.identity, action: 'storage:GetBlob', dataLocation: firstRead.object },
      { cloud: 'azure', time: firstRead.time, job: A.computeJob, principal: null, action: `candidate-job:${copy.truth.computeJobEvent}`, dataLocation: firstRead.object },
      { cloud: 'azure', time: firstRead.time, job: A.run, principal: A.colleague.objectId, action: `candidate-run:${copy.truth.runStatus}`, dataLocation: firstRead.object },
      ...copy.truth.clusterReads.slice(1).map((r) => ({ cloud: 'azure', time: r.time, job: null, principal: A.cluster.identity, action: 'storage:GetBlob', dataLocation: r.object })),
    ]);
  });

  test('ml-jobs-using-data by data-asset id answers as by name; the fraud asset read at 10:00:05 spans the fraud run (from 10:00) but not its compute job (from 10:00:10)', async () => {
    expect((await azure('ml-jobs-using-data', { location: A.dataset.id })).rows).toEqual(caseOf('ml-jobs-using-data').expected);
    expect((await azure('ml-jobs-using-data', { location: A.otherDataset.name })).rows.map((r) => [r.job, r.action])).toEqual([
      [null, 'dataset:Microsoft.MachineLearningServices/workspaces/datasets/registered/read'],
      [A.otherRun, 'candidate-run:Completed'],
    ]);
  });

  test('evidence-tampering: the diagnostic setting delete once, with its last status, on the account\'s blob service', () => {
    expect(caseOf('evidence-tampering').expected.map((r) => r.target)).toEqual([`${ACCOUNT_ID}/BLOBSERVICES/DEFAULT/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/FORENSIC-EVIDENCE`]);
  });

  test('principal-activity over the whole day: from the key listing to the endpoint calls, across the Activity log, blob logs and endpoint traffic', async () => {
    const { rows } = await azure('principal-activity', { principal: A.insider.objectId });
    expect(rows.slice(0, 9)).toEqual(caseOf('principal-activity').expected);
    expect(rows.slice(9).map((r) => r.time)).toEqual(copy.truth.insiderRequestTimes);
    expect(rows.slice(9).every((r) => r.action === 'endpoint:POST /score' && r.target === `${A.endpoint}/${A.deployment}` && r.credentialId === 'AADToken' && r.sourceIp === null)).toBe(true);
    expect((await azure('principal-activity', { principal: A.insider.upn })).rows.slice(0, 7).map((r) => r.action)).toEqual(rows.slice(0, 7).map((r) => r.action));
  });
});

describe('the compromised package on Azure, beyond the drill case', () => {
  test('network-egress: by node address as by MAC; the other interface has its own flow', async () => {
    const expected = caseOf('network-egress').expected;
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
    expect(snapshot(copy.dir)).toEqual(copy.before);
  });
});
