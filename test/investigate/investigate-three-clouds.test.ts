/**
 * `investigate` over one folder holding the forensic copies of the three clouds: each cloud's
 * layouts are recognised, each answers through its own query (AWS: the Athena SQL; GCP and Azure:
 * their offline DuckDB SQL), and the rows of the three come back in one answer, in the catalog's
 * columns. The copies are left unchanged.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../bin/cli';
import { writeAwsDrillCopy } from '../incidents/aws-extra';
import { AZURE_INCIDENTS as A, AzureIncidentsTruth, writeAzureIncidents } from '../incidents/azure';
import { COMPROMISED_PACKAGE_GCP as P, CompromisedPackageGcpTruth, writeCompromisedPackageGcp } from '../incidents/gcp';
import { EXFILTRATION as X } from '../incidents/generator';
import { snapshot } from './duckdb-copy';

let dir: string;
let gcp: CompromisedPackageGcpTruth;
let azure: AzureIncidentsTruth;
let before: ReturnType<typeof snapshot>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-three-'));
  await writeAwsDrillCopy(path.join(dir, 'aws'));
  gcp = writeCompromisedPackageGcp(path.join(dir, 'gcp'), 13);
  azure = writeAzureIncidents(path.join(dir, 'azure'), 17);
  before = snapshot(dir);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ask(argv: string[]): Promise<{ code: number; json: { inputs: { layout: string }[]; warnings: string[]; rows: Record<string, unknown>[] }; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['investigate', ...argv, '--logs', 'aws', 'gcp', 'azure', '--format', 'json'], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir });
  return { code, json: JSON.parse(out), err };
}

test('evidence-tampering over the three copies: the denied StopLogging, DeleteSink and diagnostic-setting delete, one answer', async () => {
  const { code, json, err } = await ask(['evidence-tampering', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z']);
  expect([code, err]).toEqual([0, '']);
  expect(new Set(json.inputs.map((i) => i.layout.split('_')[0]))).toEqual(new Set(['cloudtrail', 'gcp', 'azure', 'vpc', 'resolver', 'sagemaker', 'guardduty']));
  expect(json.warnings).toEqual([]);
  const byCloud = (c: string) => json.rows.filter((r) => r.cloud === c);
  expect(byCloud('aws').map((r) => [r.action, r.target, r.outcome])).toEqual([['cloudtrail:StopLogging', X.trailArn, 'AccessDenied']]);
  expect(byCloud('gcp')).toEqual([{ cloud: 'gcp', time: gcp.deleteSinkTime, principal: P.trainer, sourceIp: P.attackerIp, action: 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', target: P.sink, outcome: 'code 7: PERMISSION_DENIED' }]);
  expect(byCloud('azure').length).toBeGreaterThan(0);
  expect(byCloud('azure').every((r) => String(r.action).toLowerCase().includes('diagnosticsettings'))).toBe(true);
  expect(Object.keys(json.rows[0])).toEqual(['cloud', 'time', 'principal', 'sourceIp', 'action', 'target', 'outcome']);
});

test("data-writes on Azure's training container: the insider's overwrites and delete, through the CLI", async () => {
  const { code, json } = await ask(['data-writes', '--param', `location=${A.account}/${A.container}/`, '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z']);
  expect(code).toBe(0);
  expect(json.rows.map((r) => [r.cloud, r.time, r.principal, r.action, r.object])).toEqual(azure.writes.map((w) => ['azure', w.time, A.insider.objectId, w.action, w.object]));
});

test('the copies are unchanged: every byte and mtime, no file added', () => {
  expect(snapshot(dir)).toEqual(before);
});

test('a malformed line in a GCP sink file and in an Azure PT1H.json costs only itself, and each is named', async () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-three-bad-'));
  try {
    const g = writeCompromisedPackageGcp(path.join(copy, 'gcp'), 13);
    const a = writeAzureIncidents(path.join(copy, 'azure'), 17);
    const gcpFile = g.files.find((f) => f.includes('cloudaudit.googleapis.com/activity/'))!;
    const azureFile = a.files.find((f) => f.includes('insights-logs-storagewrite/'))!;
    fs.appendFileSync(path.join(copy, 'gcp', ...gcpFile.split('/')), '{"insertId": "cut\n');
    fs.appendFileSync(path.join(copy, 'azure', ...azureFile.split('/')), 'not json\n');
    let out = '';
    const code = await runCli(['investigate', 'evidence-tampering', '--logs', 'gcp', 'azure', '--from', '2026-11-30T00:00:00Z', '--to', '2026-12-01T00:00:00Z', '--format', 'json'], { stdout: (t) => void (out += t), stderr: () => undefined, cwd: copy });
    const json = JSON.parse(out) as { warnings: string[]; rows: Record<string, unknown>[] };
    expect(code).toBe(1);
    expect(json.warnings).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^gcp/${gcpFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+ is not JSON; skipped$`)), expect.stringMatching(/insights-logs-storagewrite\/.*PT1H\.json: line \d+ is not JSON; skipped$/)]));
    expect(json.rows.filter((r) => r.cloud === 'gcp')).toEqual([expect.objectContaining({ action: 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink' })]);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
