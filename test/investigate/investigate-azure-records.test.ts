/**
 * The Azure views and questions never drop a record silently: one row per operation on each
 * resource (a deployment's operations share a correlationId), a time with a UTC offset read as
 * that instant, a record the Activity log view cannot read named.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { investigateJson, writeUnder } from './cli-json';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-az-records-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const json = (...argv: string[]) => investigateJson(dir, ...argv);

const write = (key: string, content: Buffer | string): string => writeUnder(dir, key, content);

const SUB = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const ACTIVITY = (copy: string, h = '14'): string => `${copy}/insights-activity-logs/resourceId=/SUBSCRIPTIONS/${SUB.toUpperCase()}/y=2026/m=11/d=30/h=${h}/m=00/PT1H.json`;
const OID = '9a8b7c6d-1111-4222-8333-444455556666';
const setting = (name: string): string => `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/${name}/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/${name}`;
const activity = (o: Record<string, unknown>): Record<string, unknown> => ({
  time: '2026-11-30T14:30:00.1000000Z', resourceId: setting('ACCT'), operationName: 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', category: 'Administrative',
  resultType: 'Success', resultSignature: 'Succeeded.OK', callerIpAddress: '203.0.113.45',
  identity: { claims: { 'http://schemas.microsoft.com/identity/claims/objectidentifier': OID, 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'mallory@acme.example' } },
  ...o,
});
const lines = (records: Record<string, unknown>[]): string => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
const WINDOW = ['--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z'];

describe('evidence-tampering: one row per operation on each resource', () => {
  test('deletes that share a correlationId (one deployment) and deletes with none are each a row; Start then Success of one operation one row', async () => {
    write(ACTIVITY('et-corr'), lines([
      activity({ time: '2026-11-30T14:30:00.0000000Z', resourceId: setting('EVIDENCEA'), correlationId: 'deploy-corr-1', resultType: 'Start', resultSignature: 'Started.' }),
      activity({ time: '2026-11-30T14:30:00.1000000Z', resourceId: setting('EVIDENCEA'), correlationId: 'deploy-corr-1' }),
      activity({ time: '2026-11-30T14:30:01.1000000Z', resourceId: setting('EVIDENCEB'), correlationId: 'deploy-corr-1' }),
      activity({ time: '2026-11-30T14:40:00.0000000Z', resourceId: setting('S1') }),
      activity({ time: '2026-11-30T14:41:00.0000000Z', resourceId: setting('S2') }),
      activity({ time: '2026-11-30T14:42:00.0000000Z', resourceId: setting('S2') }),
    ]));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'et-corr', ...WINDOW);
    expect([r.code, r.json.rows.map((row) => [row.time, row.target, row.outcome]), r.json.warnings]).toEqual([0, [
      ['2026-11-30T14:30:00.100Z', setting('EVIDENCEA'), 'Success (Succeeded.OK)'],
      ['2026-11-30T14:30:01.100Z', setting('EVIDENCEB'), 'Success (Succeeded.OK)'],
      ['2026-11-30T14:40:00.000Z', setting('S1'), 'Success (Succeeded.OK)'],
      ['2026-11-30T14:41:00.000Z', setting('S2'), 'Success (Succeeded.OK)'],
      ['2026-11-30T14:42:00.000Z', setting('S2'), 'Success (Succeeded.OK)'],
    ], []]);
  });
});

describe('an Azure time with a UTC offset is read as that instant, given in UTC', () => {
  test('+02:00 and -0500 converted; Z with seven fraction digits and no zone (UTC) read as before; the window judges the UTC instant', async () => {
    write(ACTIVITY('offsets'), lines([
      activity({ time: '2026-11-30T16:50:00.0000000+02:00', resourceId: setting('S3'), correlationId: 'c-3' }),
      activity({ time: '2026-11-30T14:55:00.0000000', resourceId: setting('S4'), correlationId: 'c-4' }),
      activity({ time: '2026-11-30T14:30:00.1234567Z', resourceId: setting('S5'), correlationId: 'c-5' }),
      activity({ time: '2026-11-30T09:59:00-0500', resourceId: setting('S6'), correlationId: 'c-6' }),
    ]));
    const r = await json('investigate', 'evidence-tampering', '--logs', 'offsets', '--from', '2026-11-30T14:00:00Z', '--to', '2026-11-30T15:00:00Z');
    expect([r.code, r.json.rows.map((row) => [row.time, row.target]), r.json.warnings]).toEqual([0, [
      ['2026-11-30T14:30:00.123Z', setting('S5')],
      ['2026-11-30T14:50:00.000Z', setting('S3')],
      ['2026-11-30T14:55:00.000Z', setting('S4')],
      ['2026-11-30T14:59:00.000Z', setting('S6')],
    ], []]);
    const late = await json('investigate', 'evidence-tampering', '--logs', 'offsets', '--from', '2026-11-30T16:00:00Z', '--to', '2026-11-30T17:00:00Z');
    expect([late.code, late.json.rows]).toEqual([0, []]);
    const t = await json('investigate', 'timeline', '--logs', 'offsets', ...WINDOW);
    expect([t.code, t.json.rows.map((row) => row.time)]).toEqual([0, ['2026-11-30T14:30:00.123Z', '2026-11-30T14:50:00Z', '2026-11-30T14:55:00Z', '2026-11-30T14:59:00Z']]);
  });
});

describe('an Activity log record the view cannot read is named, never dropped', () => {
  test('operationName / resultType in the {value, localizedValue} form read by value; a record without resultType or operationName named and skipped, exit 1', async () => {
    const key = write(ACTIVITY('incomplete'), lines([
      activity({ time: '2026-11-30T14:30:00.0000000Z', resourceId: setting('FIRST'), correlationId: 'c-1' }),
      activity({ time: '2026-11-30T14:35:00.0000000Z', resourceId: setting('NORESULT'), correlationId: 'c-2', resultType: undefined }),
      activity({ time: '2026-11-30T14:37:00.0000000Z', resourceId: setting('OBJFORM'), correlationId: 'c-3',
        operationName: { value: 'Microsoft.Insights/diagnosticSettings/delete', localizedValue: 'Delete diagnostic setting' }, resultType: { value: 'Succeeded', localizedValue: 'Succeeded' } }),
      activity({ time: '2026-11-30T14:38:00.0000000Z', resourceId: setting('NOOP'), correlationId: 'c-4', operationName: undefined }),
    ]));
    const named = `${key}: lines 2, 4 lack a field the layout needs (no operationName, no resultType); they are skipped, the rest of the file read`;
    const r = await json('investigate', 'evidence-tampering', '--logs', 'incomplete', ...WINDOW);
    expect([r.code, r.json.rows.map((row) => [row.time, row.action, row.target, row.outcome]), r.json.warnings, r.err.trimEnd().split('\n').pop()]).toEqual([1, [
      ['2026-11-30T14:30:00.000Z', 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', setting('FIRST'), 'Success (Succeeded.OK)'],
      ['2026-11-30T14:37:00.000Z', 'Microsoft.Insights/diagnosticSettings/delete', setting('OBJFORM'), 'Succeeded (Succeeded.OK)'],
    ], [named], 'forensic-readiness: evidence-tampering was not answered in full: it stands without evidence of the inputs that could not be read (1 warning above)']);
    const t = await json('investigate', 'timeline', '--logs', 'incomplete', ...WINDOW);
    expect([t.code, t.json.rows.map((row) => [row.time, row.outcome]), t.json.warnings]).toEqual([1, [['2026-11-30T14:30:00Z', 'success'], ['2026-11-30T14:37:00Z', 'success']], [named]]);
  });
});

describe('an Azure object or application id is matched in either case (a GUID)', () => {
  const BLOB = (copy: string): string => `${copy}/insights-logs-storagewrite/resourceId=/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/ACMETRAIN/BLOBSERVICES/DEFAULT/y=2026/m=11/d=30/h=14/m=00/PT1H.json`;
  const SIGNIN = (copy: string): string => `${copy}/insights-logs-signinlogs/tenantId=5f1c9a2e-7b3d-4e8f-9a01-23456789abcd/y=2026/m=11/d=30/h=14/m=00/PT1H.json`;
  const APP = '04B07795-8DDB-461A-BBEE-02F9E1BF7B46';
  test('principal-activity and credential-origin by the upper-case id of lower-case records, and the reverse', async () => {
    write(ACTIVITY('guids'), lines([
      activity({ time: '2026-11-30T14:30:00.0000000Z', correlationId: 'c-1', operationName: 'Microsoft.Storage/storageAccounts/listKeys/action',
        identity: { claims: { 'http://schemas.microsoft.com/identity/claims/objectidentifier': OID, appid: APP.toLowerCase() } } }),
    ]));
    write(BLOB('guids'), lines([{
      time: '2026-11-30T14:31:00.0000000Z', resourceId: `/subscriptions/${SUB}/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/acmetrain/blobServices/default`,
      category: 'StorageWrite', operationName: 'PutBlob', statusCode: 201, statusText: 'Success', callerIpAddress: '198.51.100.7:5555',
      identity: { type: 'OAuth', tokenHash: 'h1', requester: { objectId: OID.toUpperCase(), appId: APP } }, uri: 'https://acmetrain.blob.core.windows.net/c/b.csv',
      properties: { accountName: 'acmetrain', userAgentHeader: 'ua', objectKey: '/acmetrain/c/b.csv' },
    }]));
    write(`guids/insights-logs-amlonlineendpointtrafficlog/resourceId=/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.MACHINELEARNINGSERVICES/WORKSPACES/WS/ONLINEENDPOINTS/EP/y=2026/m=11/d=30/h=14/m=00/PT1H.json`, lines([{
      time: '2026-11-30T14:32:00.0000000Z', resourceId: `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.MACHINELEARNINGSERVICES/WORKSPACES/WS/ONLINEENDPOINTS/EP`,
      category: 'AmlOnlineEndpointTrafficLog', operationName: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score',
      properties: { EndpointName: 'ep', DeploymentName: 'blue', AuthType: 'AMLToken', IdentityData: OID.toUpperCase(), Method: 'POST', Path: '/score', ResponseCode: 200 },
    }]));
    write(SIGNIN('guids'), lines([{
      time: '2026-11-30T14:29:00.0000000Z', category: 'SignInLogs', tenantId: '5f1c9a2e-7b3d-4e8f-9a01-23456789abcd', resultType: '0', callerIpAddress: '203.0.113.45',
      properties: { userPrincipalName: 'mallory@acme.example', userId: OID, appId: APP.toLowerCase(), ipAddress: '203.0.113.45', uniqueTokenIdentifier: 'tok-1' },
    }]));
    for (const principal of [OID.toUpperCase(), OID]) {
      const p = await json('investigate', 'principal-activity', '--logs', 'guids', '--param', `principal=${principal}`, ...WINDOW);
      expect([p.code, p.json.rows.map((row) => [row.time, row.action])]).toEqual([0, [
        ['2026-11-30T14:30:00.000Z', 'Microsoft.Storage/storageAccounts/listKeys/action'],
        ['2026-11-30T14:31:00.000Z', 'storage:PutBlob'],
        ['2026-11-30T14:32:00.000Z', 'endpoint:POST /score'],
      ]]);
      const c = await json('investigate', 'credential-origin', '--logs', 'guids', '--param', `principal=${principal}`, ...WINDOW);
      expect([c.code, c.json.rows.map((row) => [row.time, row.action])]).toEqual([0, [
        ['2026-11-30T14:29:00.000Z', 'UserSignIn'],
        ['2026-11-30T14:30:00.000Z', 'Microsoft.Storage/storageAccounts/listKeys/action'],
      ]]);
    }
    for (const app of [APP, APP.toLowerCase()]) {
      const p = await json('investigate', 'principal-activity', '--logs', 'guids', '--param', `principal=${app}`, ...WINDOW);
      expect([p.code, p.json.rows.map((row) => row.action)]).toEqual([0, ['Microsoft.Storage/storageAccounts/listKeys/action', 'storage:PutBlob']]);
    }
  });
});

describe('data-writes: a copy into the location is a write', () => {
  test('CopyBlob and its CopyBlobDestination entry answered in data-writes, its CopyBlobSource entry in data-reads', async () => {
    const blob = (category: string, h: string, op: string, object: string): Record<string, unknown> => ({
      time: `2026-11-30T14:${h}:00.0000000Z`, resourceId: `/subscriptions/${SUB}/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/acmetrain/blobServices/default`,
      category, operationName: op, statusCode: 202, statusText: 'Success', callerIpAddress: '198.51.100.7:5555',
      identity: { type: 'OAuth', tokenHash: 'h1', requester: { objectId: OID } }, uri: `https://acmetrain.blob.core.windows.net/${object}`,
      properties: { accountName: 'acmetrain', userAgentHeader: 'ua', objectKey: `/acmetrain/${object}` },
    });
    const key = (category: string): string => `copies/insights-logs-${category.toLowerCase()}/resourceId=/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/ACMETRAIN/BLOBSERVICES/DEFAULT/y=2026/m=11/d=30/h=14/m=00/PT1H.json`;
    write(key('StorageWrite'), lines([blob('StorageWrite', '10', 'CopyBlob', 'train/copy.csv'), blob('StorageWrite', '11', 'CopyBlobDestination', 'train/copy.csv')]));
    write(key('StorageRead'), lines([blob('StorageRead', '12', 'CopyBlobSource', 'train/orig.csv')]));
    const w = await json('investigate', 'data-writes', '--logs', 'copies', '--param', 'location=acmetrain/train', ...WINDOW);
    expect([w.code, w.json.rows.map((row) => [row.time, row.action, row.object])]).toEqual([0, [
      ['2026-11-30T14:10:00.000Z', 'CopyBlob', 'acmetrain/train/copy.csv'],
      ['2026-11-30T14:11:00.000Z', 'CopyBlobDestination', 'acmetrain/train/copy.csv'],
    ]]);
    const r = await json('investigate', 'data-reads', '--logs', 'copies', '--param', 'location=acmetrain/train', ...WINDOW);
    expect([r.code, r.json.rows.map((row) => [row.time, row.action, row.object])]).toEqual([0, [['2026-11-30T14:12:00.000Z', 'CopyBlobSource', 'acmetrain/train/orig.csv']]]);
  });
});

describe('credential-origin: a sign-in is successful when every result it records says so', () => {
  test('status.errorCode 50074 under resultType "0" is a failure; status.errorCode 0 without resultType a success; neither named, exit 1', async () => {
    const KEY = 'signins/insights-logs-signinlogs/tenantId=5f1c9a2e-7b3d-4e8f-9a01-23456789abcd/y=2026/m=11/d=30/h=14/m=00/PT1H.json';
    const signIn = (m: string, tok: string, result: Record<string, unknown>, status?: Record<string, unknown>): Record<string, unknown> => ({
      time: `2026-11-30T14:${m}:00.0000000Z`, category: 'SignInLogs', tenantId: '5f1c9a2e-7b3d-4e8f-9a01-23456789abcd', callerIpAddress: '203.0.113.45', ...result,
      properties: { userPrincipalName: 'mallory@acme.example', userId: OID, appId: 'app-1', ipAddress: '203.0.113.45', uniqueTokenIdentifier: tok, ...(status ? { status } : {}) },
    });
    const key = write(KEY, lines([
      signIn('01', 'tok-ok', { resultType: '0' }, { errorCode: 0 }),
      signIn('02', 'tok-mfa', { resultType: '0' }, { errorCode: 50074, failureReason: 'Strong Authentication is required.' }),
      signIn('03', 'tok-status-only', {}, { errorCode: 0 }),
      signIn('04', 'tok-neither', {}),
      signIn('05', 'tok-failed', { resultType: '50126' }, { errorCode: 50126 }),
    ]));
    write(ACTIVITY('signins'), lines([activity({ time: '2026-11-30T14:20:00.0000000Z', correlationId: 'c-1', operationName: 'Microsoft.Storage/storageAccounts/read' })]));
    const named = `${key}: line 4 lacks a field the layout needs (no resultType or properties.status.errorCode); it is skipped, the rest of the file read`;
    const c = await json('investigate', 'credential-origin', '--logs', 'signins', '--param', `principal=${OID}`, ...WINDOW);
    expect([c.code, c.json.rows.map((row) => [row.time, row.action, row.credentialId]), c.json.warnings]).toEqual([1, [
      ['2026-11-30T14:01:00.000Z', 'UserSignIn', 'tok-ok'],
      ['2026-11-30T14:03:00.000Z', 'UserSignIn', 'tok-status-only'],
    ], [named]]);
    const t = await json('investigate', 'timeline', '--logs', 'signins', ...WINDOW);
    expect([t.code, t.json.rows.map((row) => [row.credentialId, row.outcome]), t.json.warnings]).toEqual([1, [
      ['tok-ok', 'success'], ['tok-mfa', 'failure'], ['tok-status-only', 'success'], ['tok-failed', 'failure'], [null, 'success'],
    ], [named]]);
  });
});
