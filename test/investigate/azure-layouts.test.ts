/**
 * The Azure archive layouts: each recognises the blobs diagnostic settings and Network Watcher
 * write into storage (resource logs per category and resource, the Activity log per subscription,
 * Entra sign-ins per tenant, VNet flow logs per interface) by path and content, refuses a near
 * miss, and normalises every record to the one event shape with a pointer to its raw record.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AZURE_ACTIVITY, AZURE_LAYOUTS, AZURE_ML, AZURE_SIGNIN, AZURE_STORAGE_BLOB, AZURE_VNET_FLOWS } from '../../investigate/azure';
import { EVENT_COLUMNS } from '../../investigate/layout';
import { AZURE_INCIDENTS as A, writeAzureDrillCopy, writeAzureIncidents } from '../incidents/azure';
import { head, recognise, useDrillCopy } from './duckdb-copy';

const copy = useDrillCopy('fr-az-layout-', writeAzureDrillCopy, AZURE_LAYOUTS);

const rows = async (sql: string): Promise<Record<string, unknown>[]> =>
  (await copy.db.runAndReadAll(sql)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
const first = (prefix: string): string => copy.truth.files.find((f) => f.startsWith(prefix)) as string;

describe('recognition', () => {
  test('every generated blob belongs to exactly one Azure layout, by its container and path', () => {
    const found = recognise(copy.dir, copy.truth.files, AZURE_LAYOUTS);
    const all = [...found.values()].flat();
    expect(all.sort()).toEqual([...copy.truth.files].sort());
    expect(new Set(all).size).toBe(all.length);
    const containers = (id: string): string[] => [...new Set((found.get(id) ?? []).map((f) => f.split('/')[0]))].sort();
    expect(containers('azure_storage_blob')).toEqual(['insights-logs-storagedelete', 'insights-logs-storageread', 'insights-logs-storagewrite']);
    expect(containers('azure_ml')).toEqual(['insights-logs-amlcomputejobevent', 'insights-logs-amlonlineendpointtrafficlog', 'insights-logs-amlrunstatuschangedevent', 'insights-logs-datasetchangeevent', 'insights-logs-datasetreadevent']);
    expect(containers('azure_activity')).toEqual(['insights-activity-logs']);
    expect(containers('azure_signin')).toEqual(['insights-logs-managedidentitysigninlogs', 'insights-logs-signinlogs']);
    expect(found.get('azure_vnet_flows')).toEqual([
      `insights-logs-flowlogflowevent/flowLogResourceID=/${A.subscription.toUpperCase()}_NETWORKWATCHERRG/NETWORKWATCHER_WESTEUROPE_ML-VNET-FLOWLOG/y=2026/m=11/d=30/h=09/m=00/macAddress=${A.nodeMac}/PT1H.json`,
      `insights-logs-flowlogflowevent/flowLogResourceID=/${A.subscription.toUpperCase()}_NETWORKWATCHERRG/NETWORKWATCHER_WESTEUROPE_ML-VNET-FLOWLOG/y=2026/m=11/d=30/h=09/m=00/macAddress=${A.otherMac}/PT1H.json`,
    ]);
  });

  test('the other documented flow-log path shape (full flow log resource id) is recognised too', () => {
    const f = first('insights-logs-flowlogflowevent/');
    const long = `insights-logs-flowlogflowevent/flowLogResourceID=/SUBSCRIPTIONS/${A.subscription.toUpperCase()}/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NETWORKWATCHER_WESTEUROPE/FLOWLOGS/ML-VNET-FLOWLOG/y=2026/m=11/d=30/h=09/m=00/macAddress=${A.nodeMac}/PT1H.json`;
    expect(AZURE_VNET_FLOWS.matches(long, head(path.join(copy.dir, f)))).toBe(true);
  });

  test('near misses are refused: a table blob, a queue log in a blob path, JSON lines where one records object belongs, a sign-in blob outside tenantId=', () => {
    const blob = first('insights-logs-storagewrite/');
    const flow = first('insights-logs-flowlogflowevent/');
    const signin = first('insights-logs-signinlogs/');
    expect(AZURE_STORAGE_BLOB.matches(blob.replace('/BLOBSERVICES/', '/TABLESERVICES/'), head(path.join(copy.dir, blob)))).toBe(false);
    expect(AZURE_STORAGE_BLOB.matches(blob, head(path.join(copy.dir, blob)).replaceAll('"StorageWrite"', '"QueueWrite"'))).toBe(false);
    expect(AZURE_VNET_FLOWS.matches(flow, head(path.join(copy.dir, blob)))).toBe(false);
    expect(AZURE_SIGNIN.matches(signin.replace(`tenantId=${A.tenant}`, `resourceId=/TENANTS/${A.tenant}`), head(path.join(copy.dir, signin)))).toBe(false);
    expect(AZURE_ACTIVITY.matches(first('insights-activity-logs/'), head(path.join(copy.dir, blob)))).toBe(false);
    expect(AZURE_ML.matches(first('insights-logs-amlcomputejobevent/'), head(path.join(copy.dir, first('insights-activity-logs/'))))).toBe(false);
    // Data-asset events come under their diagnostic categories, not the table name: a category of another table is refused.
    const dataset = first('insights-logs-datasetreadevent/');
    expect(AZURE_ML.matches(dataset, head(path.join(copy.dir, dataset)))).toBe(true);
    expect(AZURE_ML.matches(dataset, head(path.join(copy.dir, dataset)).replaceAll('"DataSetReadEvent"', '"DataStoreReadEvent"'))).toBe(false);
  });
});

describe('the normalised events', () => {
  test.each(AZURE_LAYOUTS.map((l) => l.id))('events_%s has the event columns in order', async (id) => {
    const reader = await copy.db.runAndReadAll(`SELECT * FROM events_${id} LIMIT 0`);
    expect(reader.columnNames()).toEqual([...EVENT_COLUMNS]);
  });

  test('an overwrite by the insider, as one event pointing at its raw line, the port cut from the address', async () => {
    const w = copy.truth.writes[0];
    const [e] = await rows(`SELECT strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, cloud, account, principal, sourceIp, userAgent, action, target, outcome, rawFile, rawLine FROM events_azure_storage_blob WHERE target = '${w.object}' AND action = 'PutBlob'`);
    expect(e).toEqual({ time: w.time, cloud: 'azure', account: A.subscription, principal: A.insider.objectId, sourceIp: A.insider.signInIp, userAgent: A.insider.sdkAgent, action: 'PutBlob', target: w.object, outcome: 'success', rawFile: expect.stringMatching(/^insights-logs-storagewrite\/resourceId=\/SUBSCRIPTIONS\/.*\/h=14\/m=00\/PT1H\.json$/), rawLine: expect.any(Number) });
    const raw = JSON.parse(fs.readFileSync(path.join(copy.dir, e.rawFile as string), 'utf8').split('\n')[(e.rawLine as number) - 1]);
    expect([raw.operationName, raw.callerIpAddress, raw.identity.requester.objectId]).toEqual(['PutBlob', `${A.insider.signInIp}:${w.port}`, A.insider.objectId]);
  });

  test('a flow tuple points at its record index in the blob', async () => {
    const [e] = await rows(`SELECT rawFile, rawLine, strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time FROM events_azure_vnet_flows WHERE target = '${A.exfilAddress}:443' ORDER BY time LIMIT 1`);
    expect(e.time).toBe(copy.truth.exfilFirst);
    const records = JSON.parse(fs.readFileSync(path.join(copy.dir, e.rawFile as string), 'utf8')).records;
    const tuples: string[] = records[(e.rawLine as number) - 1].flowRecords.flows[0].flowGroups[0].flowTuples;
    expect(tuples.some((t) => t.startsWith(`${Date.parse(copy.truth.exfilFirst)},${A.nodeAddress},${A.exfilAddress},`))).toBe(true);
  });

  test('sign-ins, Activity rows and ML events carry their principal and outcome', async () => {
    expect(await rows(`SELECT strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, outcome, sourceIp FROM events_azure_signin WHERE principal = '${A.insider.objectId}' ORDER BY time`)).toEqual([
      { time: copy.truth.failedSignIn, outcome: 'failure', sourceIp: A.insider.signInIp },
      { time: copy.truth.signIn, outcome: 'success', sourceIp: A.insider.signInIp },
    ]);
    expect(await rows(`SELECT action, outcome FROM events_azure_activity WHERE principal = '${A.insider.objectId}' ORDER BY time`)).toEqual([
      { action: 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION', outcome: 'success' },
      { action: 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', outcome: null },
      { action: 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', outcome: 'failure' },
    ]);
    expect(await rows(`SELECT count(*) AS n FROM events_azure_ml WHERE principal = '${A.insider.objectId}' AND action = 'AmlOnlineEndpointTrafficLog:POST /score'`)).toEqual([{ n: copy.truth.insiderRequests }]);
    // DataSetChangeEvent and DataSetReadEvent records are the AmlDataSetEvent table, the asset's name and id from properties.
    expect(await rows(`SELECT category, logTable, identity, datasetName, datasetId, strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time FROM azure_ml_events WHERE datasetName = '${A.dataset.name}' ORDER BY time`)).toEqual([
      { category: 'DataSetChangeEvent', logTable: 'AmlDataSetEvent', identity: A.colleague.objectId, datasetName: A.dataset.name, datasetId: A.dataset.id, time: copy.truth.datasetRegistered },
      { category: 'DataSetReadEvent', logTable: 'AmlDataSetEvent', identity: A.colleague.objectId, datasetName: A.dataset.name, datasetId: A.dataset.id, time: copy.truth.datasetRead },
    ]);
  });
});

describe('the generator', () => {
  test('the same seed writes the same files, byte for byte', () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-seed-'));
    try {
      expect(writeAzureIncidents(again, 17)).toEqual(copy.truth);
      for (const f of copy.truth.files) expect(fs.readFileSync(path.join(again, f))).toEqual(fs.readFileSync(path.join(copy.dir, f)));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });
});
