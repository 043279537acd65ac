/**
 * The one generator of simulated incidents (seeded, reproducible), writing the clouds' own archive
 * layouts with noise around the planted events. The query-pack tests run the shipped queries over
 * what it writes and assert that each question returns exactly the planted answer; the offline
 * investigation and custody tests reuse it.
 *
 * Incident 1, a SageMaker endpoint exfiltration, in CloudTrail's S3 layout:
 *
 *     AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddTHHmmZ>_<16 chars>.json.gz
 *
 * each file a gzipped `{"Records": [...]}` of the events of about five minutes, as CloudTrail
 * delivers them. An application role invokes the endpoint steadily from inside the VPC; an IAM
 * user's key, used from an unusual address, assumes an analyst role, whose session invokes the
 * endpoint at high volume from another address and user agent, reads the model artefacts, and
 * tries to stop the trail. Noise: other endpoints, other roles, read-only calls, other buckets.
 * The endpoints' data capture records the same requests (writeDataCapture), without the caller.
 *
 * Incident 3, a compromised ML package, on AWS (writeCompromisedPackageAws): the training job that
 * ran it, its flow logs and DNS queries, and the package's writes to the training data (an
 * overwrite, a copy over another part, deletes) among the feature pipeline's own writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/** A deterministic random source (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The key CloudTrail delivers a log file to, at `slot` (ms), with its random 16-character suffix:
 * `[prefix]AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_SUFFIX.json.gz`.
 */
export function cloudTrailLogKey(account: string, region: string, slot: number, rnd: () => number, layout: { prefix?: string; organization?: string } = {}): string {
  const d = new Date(slot);
  const [yyyy, mm, dd] = [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')];
  const stamp = `${yyyy}${mm}${dd}T${String(d.getUTCHours()).padStart(2, '0')}${String(d.getUTCMinutes()).padStart(2, '0')}Z`;
  const suffix = Array.from({ length: 16 }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[Math.floor(rnd() * 62)]).join('');
  const org = layout.organization ? [layout.organization] : [];
  return `${layout.prefix ?? ''}${path.posix.join('AWSLogs', ...org, account, 'CloudTrail', region, String(yyyy), mm, dd, `${account}_CloudTrail_${region}_${stamp}_${suffix}.json.gz`)}`;
}

/** Writes one gzipped `{"Records": [...]}` log file at `key` under `root`; returns the key and the decompressed bytes. */
export function writeCloudTrailLog(root: string, key: string, records: readonly Record<string, unknown>[]): { key: string; content: Buffer } {
  const content = Buffer.from(JSON.stringify({ Records: records }));
  const target = path.join(root, ...key.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, zlib.gzipSync(content));
  return { key, content };
}

/** The names of the simulated SageMaker exfiltration, so tests can state the planted answer. */
export const EXFILTRATION = {
  account: '111122223333',
  region: 'us-east-1',
  endpoint: 'fraud-scoring-prod',
  otherEndpoint: 'churn-model-staging',
  modelBucket: 'acme-ml-model-artifacts',
  modelKey: 'fraud-scoring/v7/model.tar.gz',
  trailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/organization-trail',
  /** The day of the incident (UTC). */
  day: '2026-11-30',
  /** The data capture prefix of the evidence bucket (SageMakerAudit's default) and the endpoint's variant. */
  captureRoot: 'sagemaker-data-capture',
  variant: 'primary',
  app: {
    role: 'arn:aws:iam::111122223333:role/fraud-api-task-role',
    session: 'arn:aws:sts::111122223333:assumed-role/fraud-api-task-role/fraud-api-7f9c',
    accessKeyId: 'ASIAAPPAPPAPPAPP0001',
    sourceIp: '10.20.1.15',
    userAgent: 'Boto3/1.35.2 md/Botocore#1.35.2 ua/2.0 os/linux#5.10 lang/python#3.12.4',
  },
  attacker: {
    user: 'arn:aws:iam::111122223333:user/ci-deploy',
    userKey: 'AKIACIDEPLOYKEY00001',
    signInIp: '203.0.113.77',
    role: 'arn:aws:iam::111122223333:role/ml-analyst',
    session: 'arn:aws:sts::111122223333:assumed-role/ml-analyst/exfil',
    accessKeyId: 'ASIAEXFILEXFILEXF002',
    sourceIp: '198.51.100.23',
    userAgent: 'python-requests/2.32.3',
  },
} as const;

/** What the generator planted, for exact assertions. */
export interface ExfiltrationTruth {
  /** Invocations of the endpoint by the application role in the day. */
  readonly appInvocations: number;
  /** Its first and last invocation time. */
  readonly appFirst: string;
  /** Its last invocation time. */
  readonly appLast: string;
  /** Invocations of the endpoint by the attacker's session. */
  readonly attackerInvocations: number;
  /** Its first invocation time. */
  readonly attackerFirst: string;
  /** Its last invocation time. */
  readonly attackerLast: string;
  /** The AssumeRole that gave the attacker the session. */
  readonly assumeRoleTime: string;
  /** The attacker's read of the model artefact. */
  readonly modelReadTime: string;
  /** The attacker's (denied) StopLogging. */
  readonly stopLoggingTime: string;
  /** Every record written, noise included. */
  readonly records: number;
  /** Every file written, relative to the root. */
  readonly files: readonly string[];
  /** The time of every invocation of the endpoint by the application, in order. */
  readonly appInvokeTimes: readonly string[];
  /** The time of every invocation of the endpoint by the attacker's session, in order. */
  readonly attackerInvokeTimes: readonly string[];
  /** The data capture files of both endpoints, relative to the root (see writeDataCapture). */
  readonly captureFiles: readonly string[];
}

type CloudTrailRecord = Record<string, unknown>;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function assumedRole(arn: string, role: string, accessKeyId: string, account: string): Record<string, unknown> {
  const roleName = role.split('/').pop();
  return {
    type: 'AssumedRole',
    principalId: `AROA${roleName?.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12)}:${arn.split('/').pop()}`,
    arn,
    accountId: account,
    accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: `AROA${roleName?.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12)}`, arn: role, accountId: account, userName: roleName },
      attributes: { creationDate: '2026-11-30T00:00:00Z', mfaAuthenticated: 'false' },
    },
  };
}

/**
 * Writes the exfiltration's CloudTrail archive under `root` and returns what it planted.
 * The same seed writes the same bytes.
 */
export function writeSageMakerExfiltration(root: string, seed = 7): ExfiltrationTruth {
  const rnd = random(seed);
  const x = EXFILTRATION;
  const dayStart = Date.parse(`${x.day}T00:00:00Z`);
  const records: { time: number; record: CloudTrailRecord }[] = [];
  let n = 0;
  const id = (): string => {
    n += 1;
    const hex = (Math.floor(rnd() * 0xffffffff) >>> 0).toString(16).padStart(8, '0');
    return `${hex}-${String(n).padStart(4, '0')}-4000-8000-${String(seed).padStart(12, '0')}`;
  };
  const event = (time: number, fields: CloudTrailRecord): void => {
    records.push({
      time,
      record: {
        eventVersion: '1.09',
        eventTime: iso(time),
        awsRegion: x.region,
        requestID: id(),
        eventID: id(),
        readOnly: false,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: x.account,
        eventCategory: 'Management',
        ...fields,
      },
    });
  };
  const endpointArn = (name: string): string => `arn:aws:sagemaker:${x.region}:${x.account}:endpoint/${name}`;
  const invoke = (time: number, identity: Record<string, unknown>, ip: string, ua: string, endpoint: string): void =>
    event(time, {
      userIdentity: identity,
      eventSource: 'sagemaker.amazonaws.com',
      eventName: 'InvokeEndpoint',
      sourceIPAddress: ip,
      userAgent: ua,
      requestParameters: { endpointName: endpoint, contentType: 'application/json' },
      responseElements: null,
      readOnly: false,
      managementEvent: false,
      eventCategory: 'Data',
      resources: [{ accountId: x.account, type: 'AWS::SageMaker::Endpoint', ARN: endpointArn(endpoint) }],
    });

  const app = assumedRole(x.app.session, x.app.role, x.app.accessKeyId, x.account);
  const attacker = assumedRole(x.attacker.session, x.attacker.role, x.attacker.accessKeyId, x.account);
  const batch = assumedRole('arn:aws:sts::111122223333:assumed-role/churn-batch-role/batch-01', 'arn:aws:iam::111122223333:role/churn-batch-role', 'ASIABATCHBATCHBAT003', x.account);

  // The application: 3 to 6 invocations every hour of the day, from inside the VPC.
  const appTimes: number[] = [];
  for (let h = 0; h < 24; h++) {
    const count = 3 + Math.floor(rnd() * 4);
    for (let i = 0; i < count; i++) appTimes.push(dayStart + h * 3_600_000 + Math.floor(rnd() * 3_600_000 / 1000) * 1000);
  }
  for (const t of appTimes) invoke(t, app, x.app.sourceIp, x.app.userAgent, x.endpoint);

  // Noise: a batch role invoking another endpoint, read-only describes, other buckets.
  for (let i = 0; i < 60; i++) invoke(dayStart + Math.floor(rnd() * 86_400) * 1000, batch, '10.20.7.9', 'aws-sdk-java/2.25.1', x.otherEndpoint);
  for (let i = 0; i < 40; i++) {
    event(dayStart + Math.floor(rnd() * 86_400) * 1000, {
      userIdentity: app,
      eventSource: 'sagemaker.amazonaws.com',
      eventName: 'DescribeEndpoint',
      sourceIPAddress: x.app.sourceIp,
      userAgent: x.app.userAgent,
      requestParameters: { endpointName: x.endpoint },
      responseElements: null,
      readOnly: true,
    });
  }
  for (let i = 0; i < 30; i++) {
    event(dayStart + Math.floor(rnd() * 86_400) * 1000, {
      userIdentity: batch,
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      sourceIPAddress: '10.20.7.9',
      userAgent: '[aws-sdk-java/2.25.1]',
      requestParameters: { bucketName: 'acme-churn-features', key: `features/part-${String(i).padStart(5, '0')}.parquet`, Host: 'acme-churn-features.s3.us-east-1.amazonaws.com' },
      responseElements: null,
      readOnly: true,
      managementEvent: false,
      eventCategory: 'Data',
      resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::acme-churn-features/features/part-${String(i).padStart(5, '0')}.parquet` }],
    });
  }

  // The attack, from 13:02: the CI user's key assumes the analyst role from an unusual address.
  const assumeRoleTime = Date.parse(`${x.day}T13:02:11Z`);
  event(assumeRoleTime, {
    userIdentity: { type: 'IAMUser', principalId: 'AIDACIDEPLOY0000001', arn: x.attacker.user, accountId: x.account, accessKeyId: x.attacker.userKey, userName: 'ci-deploy' },
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    sourceIPAddress: x.attacker.signInIp,
    userAgent: 'aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux',
    requestParameters: { roleArn: x.attacker.role, roleSessionName: 'exfil', durationSeconds: 3600 },
    responseElements: { credentials: { accessKeyId: x.attacker.accessKeyId, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE', expiration: 'Nov 30, 2026, 2:02:11 PM' }, assumedRoleUser: { assumedRoleId: 'AROAMLANALYST:exfil', arn: x.attacker.session } },
    readOnly: true,
    resources: [{ accountId: x.account, type: 'AWS::IAM::Role', ARN: x.attacker.role }],
  });
  // ... which invokes the endpoint at high volume from 13:05 to 13:49.
  const attackerTimes: number[] = [];
  for (let s = 0; s < 45 * 60; s += 2 + Math.floor(rnd() * 3)) attackerTimes.push(Date.parse(`${x.day}T13:05:00Z`) + s * 1000);
  for (const t of attackerTimes) invoke(t, attacker, x.attacker.sourceIp, x.attacker.userAgent, x.endpoint);
  // ... reads the model artefact, and tries to stop the trail (denied).
  const modelReadTime = Date.parse(`${x.day}T13:51:40Z`);
  event(modelReadTime, {
    userIdentity: attacker,
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    sourceIPAddress: x.attacker.sourceIp,
    userAgent: x.attacker.userAgent,
    requestParameters: { bucketName: x.modelBucket, key: x.modelKey, Host: `${x.modelBucket}.s3.us-east-1.amazonaws.com` },
    responseElements: null,
    readOnly: true,
    managementEvent: false,
    eventCategory: 'Data',
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${x.modelBucket}/${x.modelKey}` }, { accountId: x.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${x.modelBucket}` }],
  });
  const stopLoggingTime = Date.parse(`${x.day}T13:54:02Z`);
  event(stopLoggingTime, {
    userIdentity: attacker,
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    sourceIPAddress: x.attacker.sourceIp,
    userAgent: x.attacker.userAgent,
    errorCode: 'AccessDenied',
    errorMessage: `User: ${x.attacker.session} is not authorized to perform: cloudtrail:StopLogging`,
    requestParameters: { name: x.trailArn },
    responseElements: null,
  });

  // Delivery: one file per five minutes that has events, records in time order.
  records.sort((a, b) => a.time - b.time || String(a.record.eventID).localeCompare(String(b.record.eventID)));
  const byFile = new Map<number, CloudTrailRecord[]>();
  for (const r of records) {
    const slot = Math.floor(r.time / 300_000) * 300_000 + 300_000;
    byFile.set(slot, [...(byFile.get(slot) ?? []), r.record]);
  }
  const files: string[] = [];
  for (const [slot, recs] of byFile) files.push(writeCloudTrailLog(root, cloudTrailLogKey(x.account, x.region, slot, rnd), recs).key);

  appTimes.sort((a, b) => a - b);
  attackerTimes.sort((a, b) => a - b);
  // Data capture of the same requests, from a random source of its own (the archive above is unchanged by it).
  const captureRnd = random(seed + 0x5eed);
  const batchTimes = records.filter((r) => r.record.eventName === 'InvokeEndpoint' && (r.record.requestParameters as { endpointName: string }).endpointName === x.otherEndpoint).map((r) => r.time);
  const captureFiles = [
    ...writeDataCapture(root, x.captureRoot, x.endpoint, x.variant, [...appTimes.map((t, i) => ({ time: t, inferenceId: `fraud-api-${String(i + 1).padStart(5, '0')}` })), ...attackerTimes.map((t) => ({ time: t }))], captureRnd),
    ...writeDataCapture(root, x.captureRoot, x.otherEndpoint, 'AllTraffic', batchTimes.map((t) => ({ time: t })), captureRnd),
  ];
  return {
    appInvocations: appTimes.length,
    appFirst: iso(appTimes[0]),
    appLast: iso(appTimes[appTimes.length - 1]),
    attackerInvocations: attackerTimes.length,
    attackerFirst: iso(attackerTimes[0]),
    attackerLast: iso(attackerTimes[attackerTimes.length - 1]),
    assumeRoleTime: iso(assumeRoleTime),
    modelReadTime: iso(modelReadTime),
    stopLoggingTime: iso(stopLoggingTime),
    records: records.length,
    files,
    appInvokeTimes: appTimes.map(iso),
    attackerInvokeTimes: attackerTimes.map(iso),
    captureFiles,
  };
}

/** A random UUID (version 4 layout) from a seeded source. */
function uuid(rnd: () => number): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rnd() * 4)]}${hex(3)}-${hex(12)}`;
}

/**
 * Writes SageMaker data capture as the endpoint does: JSON lines, one record per request (Input
 * and Output, JSON encoded), in files of about five minutes of requests under
 *
 *     <prefix>/<endpoint>/<variant>/<yyyy>/<mm>/<dd>/<hh>/<mm>-<ss>-<mmm>-<uuid>.jsonl
 *
 * (the hour of the requests, the file named after the first one). A record carries no caller:
 * data capture answers volume and timing, never who. Returns the files, relative to the root.
 */
export function writeDataCapture(root: string, prefix: string, endpoint: string, variant: string, requests: readonly { time: number; inferenceId?: string }[], rnd: () => number): string[] {
  const sorted = [...requests].sort((a, b) => a.time - b.time);
  const byFile = new Map<number, typeof sorted>();
  for (const r of sorted) {
    const slot = Math.floor(r.time / 300_000);
    byFile.set(slot, [...(byFile.get(slot) ?? []), r]);
  }
  const files: string[] = [];
  for (const batch of byFile.values()) {
    const first = new Date(batch[0].time);
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const folder = `${first.getUTCFullYear()}/${pad(first.getUTCMonth() + 1)}/${pad(first.getUTCDate())}/${pad(first.getUTCHours())}`;
    const rel = `${prefix}/${endpoint}/${variant}/${folder}/${pad(first.getUTCMinutes())}-${pad(first.getUTCSeconds())}-${pad(first.getUTCMilliseconds(), 3)}-${uuid(rnd)}.jsonl`;
    const lines = batch.map((r) => {
      const score = Math.floor(rnd() * 1000) / 1000;
      return JSON.stringify({
        captureData: {
          endpointInput: { observedContentType: 'application/json', mode: 'INPUT', data: JSON.stringify({ features: [Math.floor(rnd() * 500), Math.floor(rnd() * 90), Math.floor(rnd() * 7)] }), encoding: 'JSON' },
          endpointOutput: { observedContentType: 'application/json', mode: 'OUTPUT', data: JSON.stringify({ score }), encoding: 'JSON' },
        },
        eventMetadata: { eventId: uuid(rnd), ...(r.inferenceId === undefined ? {} : { inferenceId: r.inferenceId }), inferenceTime: iso(r.time) },
        eventVersion: '0',
      });
    });
    const target = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${lines.join('\n')}\n`);
    files.push(rel);
  }
  return files;
}

/** The names of the simulated compromised ML package, on AWS. */
export const COMPROMISED_PACKAGE_AWS = {
  account: '111122223333',
  region: 'us-east-1',
  vpc: 'vpc-0a1b2c3d4e5f60718',
  day: '2026-11-30',
  pipelineRole: 'arn:aws:iam::111122223333:role/ml-pipeline-role',
  /** The training job's execution role: the package's calls from inside the job are its session's. */
  execRole: 'arn:aws:iam::111122223333:role/sagemaker-training-execution',
  execSession: 'arn:aws:sts::111122223333:assumed-role/sagemaker-training-execution/SageMaker',
  execAccessKeyId: 'ASIATRAININGEXEC0001',
  execUserAgent: 'Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 os/linux#5.10.219 lang/python#3.10.14 exec-env/SageMaker',
  featureRole: 'arn:aws:iam::111122223333:role/feature-pipeline-role',
  dataBucket: 'acme-churn-features',
  overwriteTime: '2026-11-30T09:14:03Z',
  overwrittenKey: 'features/part-00003.parquet',
  copiedKey: 'features/part-00007.parquet',
  deletedKey: 'features/part-00011.parquet',
  job: 'churn-train-20261130-0900',
  otherJob: 'fraud-train-20261130-1100',
  dataLocation: 's3://acme-churn-features/features/',
  otherLocation: 's3://acme-fraud-features/2026-11/',
  trainingEni: 'eni-0train000000000001',
  trainingInstance: 'i-0train00000000001',
  trainingAddress: '10.20.3.44',
  otherEni: 'eni-0other000000000002',
  otherAddress: '10.20.5.17',
  exfilAddress: '203.0.113.200',
  exfilName: 'telemetry.evil-pkg.example.',
  s3Address: '52.216.10.20',
  s3Name: 'acme-churn-features.s3.us-east-1.amazonaws.com.',
} as const;

/** What the compromised-package generator planted on AWS. */
export interface CompromisedPackageAwsTruth {
  /** The CreateTrainingJob of the job that ran the package. */
  readonly jobCreated: string;
  /** Every CloudTrail record written (the two training jobs and the S3 data events). */
  readonly cloudTrailRecords: number;
  /** Flow records of the training ENI to the exfiltration address, their first start and last end. */
  readonly exfilFlows: number;
  /** The first flow's start time. */
  readonly exfilFirst: string;
  /** The last flow's end time. */
  readonly exfilLast: string;
  /** Flow records of the training ENI to S3. */
  readonly s3Flows: number;
  /** The first S3 flow's start time. */
  readonly s3First: string;
  /** The last S3 flow's end time. */
  readonly s3Last: string;
  /** Every file written, relative to the root. */
  readonly files: readonly string[];
}

/** A flow log record with the kit's fields (default and investigator fields), as Parquet columns name them. */
interface FlowRecord {
  readonly interface_id: string;
  readonly srcaddr: string;
  readonly dstaddr: string;
  readonly srcport: number;
  readonly dstport: number;
  readonly protocol: number;
  readonly packets: number;
  readonly bytes: number;
  readonly start: number;
  readonly end: number;
  readonly action: string;
  readonly instance_id: string;
  readonly subnet_id: string;
  readonly flow_direction: string;
  readonly pkt_dst_aws_service: string | null;
}

/**
 * Writes the AWS side of the compromised-package incident under `root`: the CloudTrail record of
 * the training job that ran it (and of another job), VPC flow logs in Parquet with hive-compatible
 * hourly partitions (written by `writeParquet`, e.g. DuckDB's COPY), and Route 53 Resolver query
 * logs, each in the key layout the service writes into S3.
 */
export async function writeCompromisedPackageAws(root: string, writeParquet: (file: string, rows: readonly Record<string, unknown>[]) => Promise<void>, seed = 11): Promise<CompromisedPackageAwsTruth> {
  const rnd = random(seed);
  const x = COMPROMISED_PACKAGE_AWS;
  const files: string[] = [];
  const write = (rel: string, body: Buffer): void => {
    const target = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, body);
    files.push(rel);
  };
  const role = assumedRole('arn:aws:sts::111122223333:assumed-role/ml-pipeline-role/pipeline-run-42', x.pipelineRole, 'ASIAPIPELINEPIPELI01', x.account);
  const trainingJob = (time: string, name: string, uri: string): CloudTrailRecord => ({
    eventVersion: '1.09',
    userIdentity: role,
    eventTime: time,
    eventSource: 'sagemaker.amazonaws.com',
    eventName: 'CreateTrainingJob',
    awsRegion: x.region,
    sourceIPAddress: 'sagemaker.amazonaws.com',
    userAgent: 'sagemaker.amazonaws.com',
    requestParameters: {
      trainingJobName: name,
      roleArn: x.execRole,
      algorithmSpecification: { trainingImage: '111122223333.dkr.ecr.us-east-1.amazonaws.com/churn-train:2.4.1', trainingInputMode: 'File' },
      inputDataConfig: [{ channelName: 'train', dataSource: { s3DataSource: { s3DataType: 'S3Prefix', s3Uri: uri, s3DataDistributionType: 'FullyReplicated' } } }],
      outputDataConfig: { s3OutputPath: 's3://acme-ml-model-artifacts/churn/' },
    },
    responseElements: { trainingJobArn: `arn:aws:sagemaker:${x.region}:${x.account}:training-job/${name}` },
    requestID: `req-${name}`,
    eventID: `evt-${name}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: x.account,
    eventCategory: 'Management',
  });
  const jobCreated = `${x.day}T09:00:12Z`;
  const records = [trainingJob(jobCreated, x.job, x.dataLocation), trainingJob(`${x.day}T11:00:40Z`, x.otherJob, x.otherLocation)];
  write(`AWSLogs/${x.account}/CloudTrail/${x.region}/2026/11/30/${x.account}_CloudTrail_${x.region}_20261130T0905Z_pkgAAAAAAAAAAAAA.json.gz`, zlib.gzipSync(JSON.stringify({ Records: records })));

  // S3 data events on the training data: the feature pipeline writes two parts at 06:10; the
  // package, inside the job (its execution role, through the S3 gateway endpoint), reads a part,
  // overwrites one, copies it over another, deletes one, is denied one delete and then deletes a
  // batch (DeleteObjects: CloudTrail records no keys). Noise: a prefix and a bucket whose names
  // begin like the location, the model output in another bucket, a batch delete in another bucket,
  // and a write the next day.
  const exec = assumedRole(x.execSession, x.execRole, x.execAccessKeyId, x.account);
  const feature = assumedRole('arn:aws:sts::111122223333:assumed-role/feature-pipeline-role/features-0600', x.featureRole, 'ASIAFEATUREFEATURE01', x.account);
  const s3Event = (time: string, identity: Record<string, unknown>, viaVpc: boolean, eventName: string, bucket: string, key: string | undefined, extra: Record<string, unknown> = {}): CloudTrailRecord => ({
    eventVersion: '1.10',
    userIdentity: identity,
    eventTime: time,
    eventSource: 's3.amazonaws.com',
    eventName,
    awsRegion: x.region,
    sourceIPAddress: viaVpc ? x.trainingAddress : '10.20.8.31',
    userAgent: viaVpc ? x.execUserAgent : '[aws-sdk-java/2.25.1 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.11]',
    requestParameters: { bucketName: bucket, ...(key === undefined ? { delete: '' } : { key }), Host: `${bucket}.s3.${x.region}.amazonaws.com`, ...extra },
    responseElements: null,
    requestID: `s3-${time}-${eventName}`,
    eventID: `evt-s3-${time}-${eventName}`,
    readOnly: eventName === 'GetObject',
    resources: key === undefined ? [{ type: 'AWS::S3::Object', ARNPrefix: `arn:aws:s3:::${bucket}/` }, { accountId: x.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }] : [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` }, { accountId: x.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
    eventType: 'AwsApiCall',
    managementEvent: false,
    recipientAccountId: x.account,
    ...(viaVpc ? { vpcEndpointId: 'vpce-0s3gateway000000001', vpcEndpointAccountId: x.account } : {}),
    eventCategory: 'Data',
  });
  const denied = { errorCode: 'AccessDenied', errorMessage: 'Access Denied' };
  const dataEvents: CloudTrailRecord[] = [
    s3Event(`${x.day}T06:10:05Z`, feature, false, 'PutObject', x.dataBucket, 'features/part-00028.parquet'),
    s3Event(`${x.day}T06:10:41Z`, feature, false, 'PutObject', x.dataBucket, 'features/part-00029.parquet'),
    s3Event(`${x.day}T06:20:13Z`, feature, false, 'PutObject', x.dataBucket, 'features-archive/part-00003.parquet'),
    s3Event(`${x.day}T07:00:02Z`, feature, false, 'PutObject', `${x.dataBucket}-backup`, 'features/part-00003.parquet'),
    s3Event(`${x.day}T09:05:31Z`, exec, true, 'GetObject', x.dataBucket, 'features/part-00003.parquet'),
    s3Event(x.overwriteTime, exec, true, 'PutObject', x.dataBucket, x.overwrittenKey),
    s3Event(`${x.day}T09:14:09Z`, exec, true, 'CopyObject', x.dataBucket, x.copiedKey, { 'x-amz-copy-source': `${x.dataBucket}/${x.overwrittenKey}` }),
    s3Event(`${x.day}T09:14:15Z`, exec, true, 'DeleteObject', x.dataBucket, x.deletedKey),
    { ...s3Event(`${x.day}T09:14:20Z`, exec, true, 'DeleteObject', x.dataBucket, 'features/_SUCCESS'), ...denied },
    s3Event(`${x.day}T09:14:31Z`, exec, true, 'DeleteObjects', x.dataBucket, undefined),
    s3Event(`${x.day}T09:49:50Z`, exec, true, 'PutObject', 'acme-ml-model-artifacts', `churn/${x.job}/output/model.tar.gz`),
    s3Event(`${x.day}T10:30:00Z`, feature, false, 'DeleteObjects', 'acme-fraud-features', undefined),
    s3Event('2026-12-01T02:00:09Z', feature, false, 'PutObject', x.dataBucket, 'features/part-00030.parquet'),
  ];
  const bySlot = new Map<string, CloudTrailRecord[]>();
  for (const r of dataEvents) {
    const t = Date.parse(r.eventTime as string);
    const d = new Date(Math.floor(t / 300_000) * 300_000 + 300_000);
    const stamp = d.toISOString().replace(/[-:]/g, '').slice(0, 13);
    bySlot.set(stamp, [...(bySlot.get(stamp) ?? []), r]);
  }
  for (const [stamp, recs] of bySlot) {
    write(`AWSLogs/${x.account}/CloudTrail/${x.region}/${stamp.slice(0, 4)}/${stamp.slice(4, 6)}/${stamp.slice(6, 8)}/${x.account}_CloudTrail_${x.region}_${stamp}Z_pkgData0${stamp.slice(4, 13).replace('T', '')}.json.gz`, zlib.gzipSync(JSON.stringify({ Records: recs })));
  }

  // Flow logs: one record per ENI, peer and minute, aggregated over 60 s as the kit configures.
  const dayStart = Date.parse(`${x.day}T00:00:00Z`) / 1000;
  const flows: FlowRecord[] = [];
  const flow = (eni: string, instance: string, src: string, dst: string, port: number, startSec: number, service: string | null): void => {
    flows.push({ interface_id: eni, srcaddr: src, dstaddr: dst, srcport: 40000 + Math.floor(rnd() * 20000), dstport: port, protocol: 6, packets: 10 + Math.floor(rnd() * 90), bytes: 4000 + Math.floor(rnd() * 90000), start: startSec, end: startSec + 59, action: 'ACCEPT', instance_id: instance, subnet_id: 'subnet-0ml00000000000001', flow_direction: 'egress', pkt_dst_aws_service: service });
  };
  const exfilStarts: number[] = [];
  const s3Starts: number[] = [];
  for (let m = 0; m < 50; m++) {
    const t = dayStart + 9 * 3600 + 60 + m * 60;
    if (m % 2 === 0) {
      flow(x.trainingEni, x.trainingInstance, x.trainingAddress, x.exfilAddress, 443, t, null);
      exfilStarts.push(t);
    }
    if (m < 10) {
      flow(x.trainingEni, x.trainingInstance, x.trainingAddress, x.s3Address, 443, t, 'S3');
      s3Starts.push(t);
    }
    // The training ENI inside the VPC (not egress out of it), and another workload's egress.
    flow(x.trainingEni, x.trainingInstance, x.trainingAddress, '10.20.0.2', 53, t, null);
    flow(x.otherEni, 'i-0other00000000002', x.otherAddress, '198.51.100.14', 443, t, null);
  }
  // A denied attempt is not egress.
  flows.push({ ...flows[0], dstaddr: '192.0.2.66', action: 'REJECT', start: dayStart + 9 * 3600 + 5, end: dayStart + 9 * 3600 + 64 });
  const byHour = new Map<number, FlowRecord[]>();
  for (const f of flows) byHour.set(Math.floor(f.start / 3600), [...(byHour.get(Math.floor(f.start / 3600)) ?? []), f]);
  for (const [hour, rows] of byHour) {
    const d = new Date(hour * 3600 * 1000);
    const hh = String(d.getUTCHours()).padStart(2, '0');
    const rel = `AWSLogs/aws-account-id=${x.account}/aws-service=vpcflowlogs/aws-region=${x.region}/year=2026/month=11/day=30/hour=${hh}/${x.account}_vpcflowlogs_${x.region}_fl-0kit00000000000001_20261130T${hh}00Z_${(seed * 7919 + hour).toString(16)}.log.parquet`;
    const target = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await writeParquet(target, rows.map((r) => ({ version: 5, account_id: x.account, vpc_id: x.vpc, region: x.region, az_id: 'use1-az1', tcp_flags: 19, type: 'IPv4', pkt_srcaddr: r.srcaddr, pkt_dstaddr: r.dstaddr, sublocation_type: null, sublocation_id: null, pkt_src_aws_service: null, traffic_path: r.pkt_dst_aws_service ? 8 : 1, log_status: 'OK', ...r })));
    files.push(rel);
  }

  // Resolver query logs: one JSON object per line, gzipped, under vpcdnsquerylogs/<vpc>/.
  const query = (time: number, src: string, name: string, rdata: string, instance: string): string =>
    JSON.stringify({ version: '1.100000', account_id: x.account, region: x.region, vpc_id: x.vpc, query_timestamp: iso(time * 1000), query_name: name, query_type: 'A', query_class: 'IN', rcode: 'NOERROR', answers: [{ Rdata: rdata, Type: 'A', Class: 'IN' }], srcaddr: src, srcport: String(30000 + Math.floor(rnd() * 30000)), transport: 'UDP', srcids: { instance } });
  const lines = [
    query(dayStart + 9 * 3600 + 58, x.trainingAddress, x.exfilName, x.exfilAddress, x.trainingInstance),
    query(dayStart + 9 * 3600 + 59, x.trainingAddress, x.s3Name, x.s3Address, x.trainingInstance),
    query(dayStart + 9 * 3600 + 30, x.otherAddress, 'api.partner.example.', '198.51.100.14', 'i-0other00000000002'),
    // The exfiltration address resolved for another host: not the training instance's answer.
    query(dayStart + 10 * 3600, x.otherAddress, 'decoy.example.', x.exfilAddress, 'i-0other00000000002'),
  ];
  write(`AWSLogs/${x.account}/vpcdnsquerylogs/${x.vpc}/2026/11/30/${x.vpc}_vpcdnsquerylogs_${x.account}_${x.region}_20261130T0900Z_rslvr0000000001.log.gz`, zlib.gzipSync(`${lines.join('\n')}\n`));

  const isoSec = (s: number): string => iso(s * 1000);
  return {
    jobCreated,
    cloudTrailRecords: records.length + dataEvents.length,
    exfilFlows: exfilStarts.length,
    exfilFirst: isoSec(exfilStarts[0]),
    exfilLast: isoSec(exfilStarts[exfilStarts.length - 1] + 59),
    s3Flows: s3Starts.length,
    s3First: isoSec(s3Starts[0]),
    s3Last: isoSec(s3Starts[s3Starts.length - 1] + 59),
    files,
  };
}
