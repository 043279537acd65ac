/**
 * What the offline investigation's tests add to the AWS incidents of generator.ts: the other
 * AWS layouts (SageMaker data capture of the exfiltrated endpoint, base64 and JSON payloads; a
 * GuardDuty findings export; VPC flow logs in the plain-text format), in the key layouts the
 * services write into S3, and one call that writes a whole AWS drill copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { writeFlowParquet } from '../../investigate/parquet';
import type { DrillCase } from '../../investigate/drills';
import { COMPROMISED_PACKAGE_AWS as P, EXFILTRATION as X, CompromisedPackageAwsTruth, ExfiltrationTruth, writeCompromisedPackageAws, writeSageMakerExfiltration } from './generator';

const put = (root: string, rel: string, body: Buffer | string): string => {
  const target = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, body);
  return rel;
};

/** Data capture in each encoding, of an endpoint of its own (the incidents' capture is the generator's). */
export const DATA_CAPTURE = {
  endpoint: 'capture-encodings',
  file: 'data-capture/capture-encodings/AllTraffic/2026/11/30/13/capture-0001.jsonl',
  times: ['2026-11-30T13:05:01Z', '2026-11-30T13:05:02Z', '2026-11-30T13:06:00Z'],
  eventIds: ['b6a1f5a2-0001-4c1e-9d1e-000000000001', 'b6a1f5a2-0002-4c1e-9d1e-000000000002', 'b6a1f5a2-0003-4c1e-9d1e-000000000003'],
} as const;

/** Three captured invocations: base64 CSV input, JSON input (JSON encoding), base64 output. */
export function writeEncodedDataCapture(root: string): string {
  const line = (i: number, input: { data: string; encoding: string; type: string }): string =>
    JSON.stringify({
      captureData: {
        endpointInput: { observedContentType: input.type, mode: 'INPUT', data: input.data, encoding: input.encoding },
        endpointOutput: { observedContentType: 'text/csv; charset=utf-8', mode: 'OUTPUT', data: Buffer.from(`0.${91 + i}`).toString('base64'), encoding: 'BASE64' },
      },
      eventMetadata: { eventId: DATA_CAPTURE.eventIds[i], inferenceTime: DATA_CAPTURE.times[i] },
      eventVersion: '0',
    });
  return put(root, DATA_CAPTURE.file, [
    line(0, { data: Buffer.from('12.5,3,1,0.4').toString('base64'), encoding: 'BASE64', type: 'text/csv' }),
    line(1, { data: '{"features":[1,2,3]}', encoding: 'JSON', type: 'application/json' }),
    line(2, { data: Buffer.from('9,9,9,9').toString('base64'), encoding: 'BASE64', type: 'text/csv' }),
  ].join('\n') + '\n');
}

export const GUARDDUTY = {
  file: `AWSLogs/${X.account}/GuardDuty/${X.region}/2026/11/30/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0.jsonl.gz`,
  type: 'Exfiltration:IAMUser/AnomalousBehavior',
  time: '2026-11-30T13:40:00Z',
} as const;

/** One finding on the attacker's key, as a publishing destination exports it (gzipped JSON lines). */
export function writeGuardDuty(root: string): string {
  const finding = {
    schemaVersion: '2.0', accountId: X.account, region: X.region, partition: 'aws', id: '4ec7a1b2c3d4e5f60718293a4b5c6d7e', arn: `arn:aws:guardduty:${X.region}:${X.account}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/4ec7a1b2c3d4e5f60718293a4b5c6d7e`,
    type: GUARDDUTY.type, severity: 8, createdAt: '2026-11-30T13:45:10.120Z', updatedAt: '2026-11-30T13:45:10.120Z', title: 'Anomalous InvokeEndpoint calls by ml-analyst.', description: 'APIs commonly used to exfiltrate data were invoked.',
    resource: { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: X.attacker.accessKeyId, principalId: 'AROAEXAMPLEANALYST:exfil', userName: 'ml-analyst', userType: 'AssumedRole' } },
    service: { serviceName: 'guardduty', detectorId: '12abc34d567e8fa901bc2d34e56789f0', action: { actionType: 'AWS_API_CALL', awsApiCallAction: { api: 'InvokeEndpoint', serviceName: 'sagemaker.amazonaws.com', remoteIpDetails: { ipAddressV4: X.attacker.sourceIp } } }, eventFirstSeen: '2026-11-30T13:00:04Z', eventLastSeen: GUARDDUTY.time, count: 1, archived: false },
  };
  return put(root, GUARDDUTY.file, zlib.gzipSync(`${JSON.stringify(finding)}\n`));
}

export const TEXT_FLOWS = {
  file: `AWSLogs/${P.account}/vpcflowlogs/${P.region}/2026/11/30/${P.account}_vpcflowlogs_${P.region}_fl-0text0000000000001_20261130T1400Z_0a1b2c3d.log.gz`,
  eni: 'eni-0text000000000003',
  address: '10.20.7.9',
  destination: '192.0.2.250',
} as const;

/** Plain-text flow logs of a third interface (custom format with flow-direction), a header line, `-` for no value. */
export function writeTextFlowLogs(root: string): string {
  const header = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status instance-id subnet-id flow-direction';
  const start = Date.parse('2026-11-30T14:00:00Z') / 1000;
  const rows = [0, 1, 2].map((m) => `5 ${P.account} ${TEXT_FLOWS.eni} ${TEXT_FLOWS.address} ${TEXT_FLOWS.destination} ${50000 + m} 8443 6 12 3400 ${start + m * 60} ${start + m * 60 + 59} ACCEPT OK - subnet-0ml00000000000001 egress`);
  rows.push(`5 ${P.account} ${TEXT_FLOWS.eni} ${TEXT_FLOWS.address} 10.20.0.2 53000 53 17 1 80 ${start} ${start + 59} ACCEPT OK - subnet-0ml00000000000001 egress`);
  return put(root, TEXT_FLOWS.file, zlib.gzipSync(`${header}\n${rows.join('\n')}\n`));
}

export interface AwsDrillTruth {
  readonly exfiltration: ExfiltrationTruth;
  readonly pkg: CompromisedPackageAwsTruth;
  readonly files: readonly string[];
}

/** The whole AWS drill copy under root: both incidents and every other AWS layout. */
export async function writeAwsDrillCopy(root: string): Promise<AwsDrillTruth> {
  const exfiltration = writeSageMakerExfiltration(root, 7);
  const pkg = await writeCompromisedPackageAws(root, writeFlowParquet, 11);
  const extra = [writeEncodedDataCapture(root), writeGuardDuty(root), writeTextFlowLogs(root)];
  return { exfiltration, pkg, files: [...exfiltration.files, ...pkg.files, ...extra] };
}

/** One drill of the AWS copy (a DrillCase of one of the two AWS incidents). */
export interface AwsDrillCase extends DrillCase {
  readonly scenario: 'model-exfiltration-sagemaker' | 'compromised-ml-library';
}

/**
 * The hourly invocations of the endpoint per principal, counted from the CloudTrail files
 * themselves (JSON parsed here, not by DuckDB): the oracle of endpoint-volume.
 */
export function endpointVolumeOracle(root: string, files: readonly string[], endpoint: string): Record<string, unknown>[] {
  const counts = new Map<string, number>();
  for (const rel of files) {
    if (!rel.includes('/CloudTrail/')) continue;
    const { Records } = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(root, ...rel.split('/')))).toString('utf8')) as { Records: Record<string, any>[] };
    for (const r of Records) {
      if (r.eventSource !== 'sagemaker.amazonaws.com' || !/^InvokeEndpoint/.test(r.eventName) || r.requestParameters?.endpointName !== endpoint) continue;
      const principal = r.userIdentity?.sessionContext?.sessionIssuer?.arn ?? r.userIdentity?.arn;
      const key = `${(r.eventTime as string).slice(0, 13)}:00:00Z\t${principal}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const mean = [...counts.values()].reduce((a, b) => a + b, 0) / counts.size;
  return [...counts]
    .map(([key, count]) => {
      const [hour, principal] = key.split('\t');
      return { cloud: 'aws', principal, hour, count, outlier: count >= 10 && count > 3 * mean };
    })
    .sort((a, b) => (a.hour < b.hour ? -1 : a.hour > b.hour ? 1 : a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
}

const DAY = ['2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'] as const;

/** Data capture's answer to endpoint-volume: every captured request per hour, no caller; the attack hour the only outlier. */
function captureVolume(times: readonly string[], attackHour: string): Record<string, unknown>[] {
  const perHour = new Map<string, number>();
  for (const t of times) perHour.set(`${t.slice(0, 13)}:00:00Z`, (perHour.get(`${t.slice(0, 13)}:00:00Z`) ?? 0) + 1);
  return [...perHour.entries()].sort().map(([hour, count]) => ({ cloud: 'aws', principal: null, hour, count, outlier: hour === attackHour }));
}

/** Every AWS question of the two incidents, with the answer the generator planted. */
export function awsDrillCases(root: string, t: AwsDrillTruth): AwsDrillCase[] {
  const x = t.exfiltration;
  const p = t.pkg;
  const attacker = { cloud: 'aws', principal: X.attacker.role, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.sourceIp, userAgent: X.attacker.userAgent };
  const feature = { cloud: 'aws', principal: P.featureRole, credentialId: 'ASIAFEATUREFEATURE01', sourceIp: '10.20.8.31' };
  const pkgWrite = { cloud: 'aws', principal: P.execRole, credentialId: P.execAccessKeyId, sourceIp: P.trainingAddress };
  return [
    {
      scenario: 'model-exfiltration-sagemaker', question: 'endpoint-callers', params: [['endpoint', X.endpoint]], from: DAY[0], to: DAY[1],
      expected: [
        { cloud: 'aws', principal: X.attacker.role, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.sourceIp, userAgent: X.attacker.userAgent, firstSeen: x.attackerFirst, lastSeen: x.attackerLast, count: x.attackerInvocations },
        { cloud: 'aws', principal: X.app.role, credentialId: X.app.accessKeyId, sourceIp: X.app.sourceIp, userAgent: X.app.userAgent, firstSeen: x.appFirst, lastSeen: x.appLast, count: x.appInvocations },
      ],
    },
    {
      scenario: 'model-exfiltration-sagemaker', question: 'endpoint-volume', params: [['endpoint', X.endpoint]], from: DAY[0], to: DAY[1],
      // CloudTrail's answer per caller, then data capture's per hour (no caller; every request), as the catalog's alternative.
      expected: [...endpointVolumeOracle(root, t.files, X.endpoint), ...captureVolume([...x.appInvokeTimes, ...x.attackerInvokeTimes], '2026-11-30T13:00:00Z')],
    },
    {
      scenario: 'model-exfiltration-sagemaker', question: 'principal-activity', params: [['principal', X.attacker.role]], from: DAY[0], to: DAY[1],
      expected: [
        ...x.attackerInvokeTimes.map((time) => ({ ...attacker, time, action: 'sagemaker:InvokeEndpoint', target: `arn:aws:sagemaker:${X.region}:${X.account}:endpoint/${X.endpoint}`, outcome: 'Success' })),
        { ...attacker, time: x.modelReadTime, action: 's3:GetObject', target: `arn:aws:s3:::${X.modelBucket}/${X.modelKey}`, outcome: 'Success' },
        { ...attacker, time: x.stopLoggingTime, action: 'cloudtrail:StopLogging', target: X.trailArn, outcome: 'AccessDenied' },
      ],
    },
    {
      scenario: 'compromised-ml-library', question: 'data-writes', params: [['location', `s3://${P.dataBucket}/features/`]], from: DAY[0], to: DAY[1],
      expected: [
        { ...feature, time: '2026-11-30T06:10:05Z', action: 'PutObject', object: `s3://${P.dataBucket}/features/part-00028.parquet`, outcome: 'Success' },
        { ...feature, time: '2026-11-30T06:10:41Z', action: 'PutObject', object: `s3://${P.dataBucket}/features/part-00029.parquet`, outcome: 'Success' },
        { ...pkgWrite, time: P.overwriteTime, action: 'PutObject', object: `s3://${P.dataBucket}/${P.overwrittenKey}`, outcome: 'Success' },
        { ...pkgWrite, time: '2026-11-30T09:14:09Z', action: 'CopyObject', object: `s3://${P.dataBucket}/${P.copiedKey}`, outcome: 'Success' },
        { ...pkgWrite, time: '2026-11-30T09:14:15Z', action: 'DeleteObject', object: `s3://${P.dataBucket}/${P.deletedKey}`, outcome: 'Success' },
        { ...pkgWrite, time: '2026-11-30T09:14:20Z', action: 'DeleteObject', object: `s3://${P.dataBucket}/features/_SUCCESS`, outcome: 'AccessDenied' },
        { ...pkgWrite, time: '2026-11-30T09:14:31Z', action: 'DeleteObjects', object: `s3://${P.dataBucket}/`, outcome: 'Success' },
      ],
    },
    {
      scenario: 'model-exfiltration-sagemaker', question: 'credential-origin', params: [['principal', X.attacker.role]], from: DAY[0], to: DAY[1],
      expected: [{ cloud: 'aws', time: x.assumeRoleTime, principal: X.attacker.role, action: 'AssumeRole', sourcePrincipal: X.attacker.user, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.signInIp, userAgent: 'aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux' }],
    },
    {
      scenario: 'model-exfiltration-sagemaker', question: 'data-reads', params: [['location', `s3://${X.modelBucket}/fraud-scoring/`]], from: DAY[0], to: DAY[1],
      expected: [{ cloud: 'aws', time: x.modelReadTime, principal: X.attacker.role, credentialId: X.attacker.accessKeyId, sourceIp: X.attacker.sourceIp, action: 'GetObject', object: `s3://${X.modelBucket}/${X.modelKey}`, outcome: 'Success' }],
    },
    {
      scenario: 'model-exfiltration-sagemaker', question: 'evidence-tampering', params: [], from: DAY[0], to: DAY[1],
      expected: [{ cloud: 'aws', time: x.stopLoggingTime, principal: X.attacker.role, sourceIp: X.attacker.sourceIp, action: 'cloudtrail:StopLogging', target: X.trailArn, outcome: 'AccessDenied' }],
    },
    {
      scenario: 'compromised-ml-library', question: 'ml-jobs-using-data', params: [['location', 'acme-churn-features/']], from: DAY[0], to: DAY[1],
      expected: [{ cloud: 'aws', time: p.jobCreated, job: P.job, principal: P.pipelineRole, action: 'CreateTrainingJob', dataLocation: P.dataLocation }],
    },
    {
      scenario: 'compromised-ml-library', question: 'network-egress', params: [['address', P.trainingEni]], from: DAY[0], to: DAY[1],
      expected: [
        { cloud: 'aws', source: P.trainingEni, sourceAddress: P.trainingAddress, destinationAddress: P.exfilAddress, destinationPort: 443, protocol: 6, dnsName: P.exfilName, firstSeen: p.exfilFirst, lastSeen: p.exfilLast, flows: p.exfilFlows },
        { cloud: 'aws', source: P.trainingEni, sourceAddress: P.trainingAddress, destinationAddress: P.s3Address, destinationPort: 443, protocol: 6, dnsName: P.s3Name, firstSeen: p.s3First, lastSeen: p.s3Last, flows: p.s3Flows },
      ],
    },
  ];
}
