/**
 * The GCP archive layouts: each recognises the files Google writes (a Cloud Logging sink's hourly
 * JSON files per log id, and the Vertex AI request-response export) by path and content, refuses
 * a near miss, deduplicates sink entries on insertId and timestamp, and normalises every record to
 * the one event shape with a pointer to its raw line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DuckDBInstance } from '@duckdb/node-api';
import { GCP_AUDIT, GCP_DNS, GCP_LAYOUTS, GCP_VERTEX_REQUESTS, GCP_VPC_FLOWS } from '../../investigate/gcp';
import { investigate } from '../../investigate/engine';
import { EVENT_COLUMNS } from '../../investigate/layout';
import { COMPROMISED_PACKAGE_GCP as P, writeCompromisedPackageGcp, writeGcpDrillCopy } from '../incidents/gcp';
import { head, recognise, useDrillCopy } from './duckdb-copy';

const copy = useDrillCopy('fr-gcp-layout-', writeGcpDrillCopy, GCP_LAYOUTS);

const rows = async (sql: string): Promise<Record<string, unknown>[]> =>
  (await copy.db.runAndReadAll(sql)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

describe('recognition', () => {
  test('every generated file belongs to exactly one GCP layout, by its sink folder', () => {
    const found = recognise(copy.dir, copy.truth.files, GCP_LAYOUTS);
    const all = [...found.values()].flat();
    expect(all.sort()).toEqual([...copy.truth.files].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(found.get('gcp_audit')?.every((f) => /^cloudaudit\.googleapis\.com\/(activity|data_access)\/2026\/11\/30\/\d{2}:00:00_\d{2}:59:59_S[01]\.json$/.test(f))).toBe(true);
    expect(found.get('gcp_vpc_flows')).toEqual(['compute.googleapis.com/vpc_flows/2026/11/30/09:00:00_09:59:59_S0.json']);
    expect(found.get('gcp_dns')).toEqual(['dns.googleapis.com/dns_queries/2026/11/30/09:00:00_09:59:59_S0.json', 'dns.googleapis.com/dns_queries/2026/11/30/10:00:00_10:59:59_S0.json']);
    expect(found.get('gcp_vertex_requests')).toEqual([`request_response_logging/${P.endpointId}/000000000000.json`]);
  });

  test('a sink copied under its bucket name is still recognised (the log id folder may sit anywhere)', () => {
    const f = copy.truth.files.find((x) => x.startsWith('cloudaudit.googleapis.com/activity/')) as string;
    expect(GCP_AUDIT.matches(`acme-evidence-sink/${f}`, head(path.join(copy.dir, f)))).toBe(true);
  });

  test('near misses are refused: a flow entry in an audit folder, an audit entry outside the hourly file name, a CSV export of the prediction table', () => {
    const audit = copy.truth.files.find((x) => x.startsWith('cloudaudit.googleapis.com/data_access/')) as string;
    const flows = copy.truth.files.find((x) => x.startsWith('compute.googleapis.com/vpc_flows/')) as string;
    expect(GCP_AUDIT.matches(audit, head(path.join(copy.dir, flows)))).toBe(false);
    expect(GCP_AUDIT.matches('cloudaudit.googleapis.com/data_access/2026/11/30/export.json', head(path.join(copy.dir, audit)))).toBe(false);
    expect(GCP_VPC_FLOWS.matches(flows, head(path.join(copy.dir, audit)))).toBe(false);
    expect(GCP_DNS.matches('dns.googleapis.com/dns_queries/2026/11/30/09:00:00_09:59:59_S0.json', head(path.join(copy.dir, audit)))).toBe(false);
    expect(GCP_VERTEX_REQUESTS.matches('request_response_logging/export.csv', 'endpoint,deployed_model_id,logging_time,request_id,request_payload\n')).toBe(false);
    expect(GCP_VERTEX_REQUESTS.matches(audit, head(path.join(copy.dir, audit)))).toBe(false);
  });
});

describe('sink deduplication', () => {
  test('entries written twice (same insertId and timestamp, another shard) are read once', async () => {
    const lines = copy.truth.files.filter((f) => f.startsWith('cloudaudit')).reduce((n, f) => n + fs.readFileSync(path.join(copy.dir, f), 'utf8').trim().split('\n').length, 0);
    expect(copy.truth.duplicates).toBeGreaterThan(5);
    expect(lines).toBe(copy.truth.auditEntries + copy.truth.duplicates);
    expect(await rows('SELECT count(*) AS n, count(DISTINCT insertId) AS ids FROM gcp_audit_logs')).toEqual([{ n: copy.truth.auditEntries, ids: copy.truth.auditEntries }]);
  });

  test('the copy kept is the first one found (shard S0 before S1)', async () => {
    expect(await rows(`SELECT count(*) AS n FROM gcp_audit_logs WHERE rawFile LIKE '%\\_S1.json' ESCAPE '\\'`)).toEqual([{ n: 0 }]);
  });

  test('an entry with the same insertId but another timestamp is a different entry', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-gcp-dup-'));
    try {
      const line = (ts: string): string => JSON.stringify({ protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', serviceName: 'storage.googleapis.com', methodName: 'storage.objects.get' }, insertId: 'same-id', timestamp: ts, logName: 'projects/p/logs/cloudaudit.googleapis.com%2Fdata_access' });
      const rel = 'cloudaudit.googleapis.com/data_access/2026/11/30/10:00:00_10:59:59_S0.json';
      fs.mkdirSync(path.dirname(path.join(other, rel)), { recursive: true });
      fs.writeFileSync(path.join(other, rel), `${line('2026-11-30T10:00:00Z')}\n${line('2026-11-30T10:00:00Z')}\n${line('2026-11-30T10:00:01Z')}\n`);
      const i = await DuckDBInstance.create(':memory:');
      const c = await i.connect();
      await c.run(GCP_AUDIT.viewSql([path.join(other, rel)], other));
      expect((await c.runAndReadAll('SELECT rawLine FROM gcp_audit_logs ORDER BY rawLine')).getRowObjectsJS()).toEqual([{ rawLine: BigInt(1) }, { rawLine: BigInt(3) }]);
      c.closeSync();
      i.closeSync();
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('sink deduplication merges only identical entries', () => {
  test('a planted entry with the insertId and timestamp of a genuine one but other content: both kept, named, exit 1; an identical duplicate is merged', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-gcp-planted-'));
    try {
      const entry = (who: string, method: string, id: string, ts: string): string => JSON.stringify({ protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', authenticationInfo: { principalEmail: who }, serviceName: 'storage.googleapis.com', methodName: method, resourceName: 'projects/_/buckets/b/objects/o' }, insertId: id, timestamp: ts, logName: 'projects/p/logs/cloudaudit.googleapis.com%2Fdata_access' });
      const s0 = 'cloudaudit.googleapis.com/data_access/2026/11/30/10:00:00_10:59:59_S0.json';
      const s1 = 'cloudaudit.googleapis.com/data_access/2026/11/30/10:00:00_10:59:59_S1.json';
      fs.mkdirSync(path.join(other, path.dirname(s0)), { recursive: true });
      const genuine = entry('alice@p.iam.gserviceaccount.com', 'storage.objects.get', 'id-1', '2026-11-30T10:00:00Z');
      const kept = entry('bob@p.iam.gserviceaccount.com', 'storage.objects.get', 'id-2', '2026-11-30T10:05:00Z');
      fs.writeFileSync(path.join(other, s0), `${genuine}\n${kept}\n`);
      // The same insertId and timestamp as alice's entry, another principal and method; bob's written twice, as a sink does.
      fs.writeFileSync(path.join(other, s1), `${entry('mallory@p.iam.gserviceaccount.com', 'storage.objects.delete', 'id-1', '2026-11-30T10:00:00Z')}\n${kept}\n`);
      const ask = (principal: string) => investigate({ question: 'principal-activity', logs: [other], params: [['principal', principal]], cwd: other });
      const alice = await ask('alice@p.iam.gserviceaccount.com');
      expect(alice.rows.map((r) => [r.principal, r.action])).toEqual([['alice@p.iam.gserviceaccount.com', 'storage.googleapis.com:storage.objects.get']]);
      const warning = `gcp: insertId "id-1" at 2026-11-30T10:00:00Z is in 2 entries that differ (${s0} line 1, ${s1} line 1): a sink's duplicates are identical, so one is not what Cloud Logging wrote (tampered with or corrupt); all kept`;
      expect(alice.warnings).toEqual([warning]);
      expect(alice.leftOut).toEqual([warning]);
      const mallory = await ask('mallory@p.iam.gserviceaccount.com');
      expect(mallory.rows.map((r) => [r.principal, r.action])).toEqual([['mallory@p.iam.gserviceaccount.com', 'storage.googleapis.com:storage.objects.delete']]);
      const bob = await ask('bob@p.iam.gserviceaccount.com');
      expect(bob.rows.map((r) => [r.principal, r.action])).toEqual([['bob@p.iam.gserviceaccount.com', 'storage.googleapis.com:storage.objects.get']]);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  test('the DNS and flow views share it: entries of one insertId and timestamp that differ are all kept and named in conflicts_<id>', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-gcp-planted-'));
    try {
      const dns = 'dns.googleapis.com/dns_queries/2026/11/30/09:00:00_09:59:59_S0.json';
      const flows = 'compute.googleapis.com/vpc_flows/2026/11/30/09:00:00_09:59:59_S0.json';
      const q = (name: string) => JSON.stringify({ insertId: 'd-1', timestamp: '2026-11-30T09:00:00Z', logName: 'projects/p/logs/dns.googleapis.com%2Fdns_queries', jsonPayload: { queryName: name, queryType: 'A', responseCode: 'NOERROR', sourceIP: '10.0.0.5' } });
      const f = (port: number) => JSON.stringify({ insertId: 'f-1', timestamp: '2026-11-30T09:00:00Z', logName: 'projects/p/logs/compute.googleapis.com%2Fvpc_flows', jsonPayload: { connection: { src_ip: '10.0.0.5', dest_ip: '203.0.113.9', dest_port: port, protocol: 6 }, bytes_sent: '10' } });
      for (const rel of [dns, flows]) fs.mkdirSync(path.join(other, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(other, dns), `${q('genuine.example.com.')}\n${q('planted.example.com.')}\n${q('genuine.example.com.')}\n`);
      fs.writeFileSync(path.join(other, flows), `${f(443)}\n${f(4444)}\n`);
      const i = await DuckDBInstance.create(':memory:');
      const c = await i.connect();
      await c.run(GCP_DNS.viewSql([path.join(other, dns)], other));
      await c.run(GCP_VPC_FLOWS.viewSql([path.join(other, flows)], other));
      const num = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : Array.isArray(v) ? v.map(num) : v);
      const all = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v)])));
      expect(await all('SELECT queryName, rawLine FROM gcp_dns_queries ORDER BY rawLine')).toEqual([{ queryName: 'genuine.example.com.', rawLine: 1 }, { queryName: 'planted.example.com.', rawLine: 2 }]);
      expect(await all('SELECT insertId, ts, contents, lines FROM conflicts_gcp_dns')).toEqual([{ insertId: 'd-1', ts: '2026-11-30T09:00:00Z', contents: 2, lines: [1, 2] }]);
      expect(await all('SELECT count(*) AS n FROM gcp_vpc_flows')).toEqual([{ n: 2 }]);
      expect(await all('SELECT insertId, contents, lines FROM conflicts_gcp_vpc_flows')).toEqual([{ insertId: 'f-1', contents: 2, lines: [1, 2] }]);
      c.closeSync();
      i.closeSync();
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('the normalised events', () => {
  test.each(GCP_LAYOUTS.map((l) => l.id))('events_%s has the event columns in order', async (id) => {
    const reader = await copy.db.runAndReadAll(`SELECT * FROM events_${id} LIMIT 0`);
    expect(reader.columnNames()).toEqual([...EVENT_COLUMNS]);
  });

  test('the stolen-key overwrite, as one event pointing at its raw line', async () => {
    const [e] = await rows(`SELECT strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, cloud, account, principal, credentialId, sourceIp, userAgent, action, target, outcome, rawFile, rawLine FROM events_gcp_audit WHERE action = 'storage.objects.create' AND principal = '${P.trainer}'`);
    expect(e).toEqual({
      time: copy.truth.overwrite.time, cloud: 'gcp', account: P.project, principal: P.trainer, credentialId: `//iam.googleapis.com/${P.stolenKey}`, sourceIp: P.attackerIp,
      userAgent: P.attackerUserAgent, action: 'storage.objects.create', target: `projects/_/buckets/${P.featuresBucket}/objects/features/part-00003.parquet`, outcome: 'success',
      rawFile: 'cloudaudit.googleapis.com/data_access/2026/11/30/10:00:00_10:59:59_S0.json', rawLine: expect.any(Number),
    });
    const raw = fs.readFileSync(path.join(copy.dir, e.rawFile as string), 'utf8').split('\n')[(e.rawLine as number) - 1];
    expect(JSON.parse(raw).protoPayload.methodName).toBe('storage.objects.create');
    expect(JSON.parse(raw).timestamp).toBe(copy.truth.overwrite.time);
  });

  test('the denied DeleteSink is a failure; flows, lookups and prediction rows are events too', async () => {
    expect(await rows(`SELECT outcome FROM events_gcp_audit WHERE action = 'google.logging.v2.ConfigServiceV2.DeleteSink'`)).toEqual([{ outcome: 'failure' }]);
    expect(await rows(`SELECT count(*) AS n FROM events_gcp_vpc_flows WHERE target = '${P.exfilAddress}:443' AND action = 'flow:SRC'`)).toEqual([{ n: copy.truth.exfilFlows }]);
    expect(await rows(`SELECT sourceIp, target FROM events_gcp_dns WHERE target = '${P.exfilName}' ORDER BY time`)).toEqual([{ sourceIp: P.trainingAddress, target: P.exfilName }]);
    expect(await rows('SELECT count(*) AS n FROM events_gcp_vertex_requests')).toEqual([{ n: copy.truth.predictionRows }]);
  });
});

describe('the generator', () => {
  test('the same seed writes the same files, byte for byte', () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-seed-'));
    try {
      expect(writeCompromisedPackageGcp(again, 13)).toEqual(copy.truth);
      for (const f of copy.truth.files) expect(fs.readFileSync(path.join(again, f))).toEqual(fs.readFileSync(path.join(copy.dir, f)));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });
});
