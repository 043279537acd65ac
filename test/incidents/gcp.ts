/**
 * The GCP half of the compromised ML package (incident 3), seeded, in the layouts Google writes
 * into Cloud Storage: a Cloud Logging sink's hourly JSON files (one LogEntry per line, under the
 * log id as a folder: `cloudaudit.googleapis.com/activity/YYYY/MM/DD/HH:00:00_HH:59:59_S0.json`),
 * VPC flow logs and Cloud DNS query logs through the same sink, and the Vertex AI request-response
 * logging table exported from BigQuery as JSON lines.
 *
 * A pipeline service account impersonates the training service account and creates a Vertex AI
 * CustomJob that reads the churn features. The job's package is compromised: running as the
 * training account it creates a key for that account, reads the features, sends data to one
 * address (resolved through Cloud DNS), and from outside, with the new key, invokes the model
 * endpoint at volume, overwrites a feature file and tries to delete the sink (denied). Noise: an
 * application invoking the endpoint, another job on other data, other buckets, internal flows,
 * flows reported by the destination side, other hosts' lookups. Sink files are not deduplicated:
 * some entries are written twice, in a second shard of the same hour, as Cloud Logging may.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { DrillCase } from '../../investigate/drills';
import { random } from './generator';

/** The names of the simulated compromised package, on GCP. */
export const COMPROMISED_PACKAGE_GCP = {
  project: 'acme-ml-prod',
  projectNumber: '123456789012',
  region: 'us-central1',
  day: '2026-11-30',
  pipeline: 'pipeline@acme-ml-prod.iam.gserviceaccount.com',
  trainer: 'train-runner@acme-ml-prod.iam.gserviceaccount.com',
  app: 'churn-api@acme-ml-prod.iam.gserviceaccount.com',
  job: 'projects/123456789012/locations/us-central1/customJobs/5550001',
  otherJob: 'projects/123456789012/locations/us-central1/customJobs/5550002',
  dataLocation: 'gs://acme-churn-features-gcp/features/',
  otherLocation: 'gs://acme-fraud-features-gcp/2026-11/',
  packageUri: 'gs://acme-ml-packages/fastfeat-2.4.1.tar.gz',
  featuresBucket: 'acme-churn-features-gcp',
  endpointId: '7000001',
  endpoint: 'projects/123456789012/locations/us-central1/endpoints/7000001',
  otherEndpoint: 'projects/123456789012/locations/us-central1/endpoints/7000002',
  sink: 'projects/acme-ml-prod/sinks/forensic-evidence',
  /** The key the package created for the training account. */
  stolenKey: 'projects/acme-ml-prod/serviceAccounts/train-runner@acme-ml-prod.iam.gserviceaccount.com/keys/6f1e0c2d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d',
  trainingVm: 'cmle-training-5550001-workerpool0-0',
  trainingAddress: '10.128.0.44',
  subnetwork: 'ml-training',
  otherVm: 'batch-scorer-1',
  otherAddress: '10.128.0.61',
  exfilAddress: '203.0.113.200',
  exfilName: 'telemetry.evil-pkg.example.',
  attackerIp: '198.51.100.99',
  attackerUserAgent: 'python-requests/2.32.3',
  appIp: '10.128.0.20',
  appUserAgent: 'grpc-python/1.66.1 google-cloud-aiplatform/1.70.0',
  pipelineIp: '10.128.0.9',
  pipelineUserAgent: 'kfp/2.9.0 google-api-python-client/2.149.0',
  trainerUserAgent: 'gcloud-python/2.18.2 gccl/2.18.2',
} as const;

/** What the GCP generator planted, for exact assertions. */
export interface CompromisedPackageGcpTruth {
  /** The pipeline's GenerateAccessToken for the training account. */
  readonly tokenTime: string;
  /** The CreateCustomJob of the job that ran the package, and of the other job. */
  readonly jobCreated: string;
  readonly otherJobCreated: string;
  /** The training account's CreateServiceAccountKey. */
  readonly keyCreated: string;
  /** The training account's reads of the features, in time order (object URLs and times). */
  readonly featureReads: readonly { time: string; object: string }[];
  /** The overwrite of a feature file with the stolen key. */
  readonly overwrite: { time: string; object: string };
  /** The denied DeleteSink. */
  readonly deleteSinkTime: string;
  /** Predict calls of the attacker (stolen key, outside address) and of the application. */
  readonly attackerPredicts: number;
  readonly attackerFirst: string;
  readonly attackerLast: string;
  readonly appPredicts: number;
  readonly appFirst: string;
  readonly appLast: string;
  /** The attacker's predict call times (the stolen key, from outside), in order. */
  readonly attackerPredictTimes: readonly string[];
  /** The application's predict call times, in order. */
  readonly appPredictTimes: readonly string[];
  /** Predict calls per principal and hour (`principal|hour` → count). */
  readonly predictsByHour: Readonly<Record<string, number>>;
  /** Flow records the training VM reported to the exfiltration address. */
  readonly exfilFlows: number;
  readonly exfilFirst: string;
  readonly exfilLast: string;
  /** Audit log entries written, duplicates counted once. */
  readonly auditEntries: number;
  /** Log entries written a second time (same insertId and timestamp). */
  readonly duplicates: number;
  /** Vertex AI request-response rows exported. */
  readonly predictionRows: number;
  /** Every file written, relative to the root. */
  readonly files: readonly string[];
}

type Entry = Record<string, unknown> & { timestamp: string; insertId: string };

const isoMs = (ms: number): string => new Date(ms).toISOString();

/**
 * Writes the GCP side of the compromised-package incident under `root` (the copy of the sink
 * bucket and of the request-response export) and returns what it planted. The same seed writes
 * the same bytes.
 */
export function writeCompromisedPackageGcp(root: string, seed = 13): CompromisedPackageGcpTruth {
  const rnd = random(seed);
  const x = COMPROMISED_PACKAGE_GCP;
  const dayStart = Date.parse(`${x.day}T00:00:00Z`);
  const at = (hhmmss: string): number => Date.parse(`${x.day}T${hhmmss}.000Z`) + Math.floor(rnd() * 1000);
  const logs: { logId: string; entry: Entry }[] = [];
  let n = 0;
  const insertId = (): string => {
    n += 1;
    return `${(Math.floor(rnd() * 0xffffffff) >>> 0).toString(36)}${n.toString(36)}e${seed}`;
  };
  const logName = (logId: string): string => `projects/${x.project}/logs/${encodeURIComponent(logId)}`;

  interface Call {
    time: number;
    log: 'activity' | 'data_access';
    principal: string;
    key?: string;
    ip: string;
    ua: string;
    service: string;
    method: string;
    resource: string;
    permission: string;
    resourceType: string;
    status?: { code: number; message: string };
    request?: Record<string, unknown>;
    response?: Record<string, unknown>;
    delegation?: string;
  }
  const audit = (c: Call): void => {
    const logId = `cloudaudit.googleapis.com/${c.log}`;
    logs.push({
      logId,
      entry: {
        protoPayload: {
          '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
          status: c.status ?? {},
          authenticationInfo: {
            principalEmail: c.principal,
            ...(c.key ? { serviceAccountKeyName: `//iam.googleapis.com/${c.key}` } : {}),
            ...(c.delegation ? { serviceAccountDelegationInfo: [{ firstPartyPrincipal: { principalEmail: c.delegation } }] } : {}),
          },
          requestMetadata: { callerIp: c.ip, callerSuppliedUserAgent: c.ua, requestAttributes: { time: isoMs(c.time), auth: {} }, destinationAttributes: {} },
          serviceName: c.service,
          methodName: c.method,
          authorizationInfo: [{ resource: c.resource, permission: c.permission, granted: !c.status, resourceAttributes: {} }],
          resourceName: c.resource,
          ...(c.request ? { request: c.request } : {}),
          ...(c.response ? { response: c.response } : {}),
        },
        insertId: insertId(),
        resource: { type: c.resourceType, labels: { project_id: x.project } },
        timestamp: isoMs(c.time),
        severity: c.status ? 'ERROR' : c.log === 'activity' ? 'NOTICE' : 'INFO',
        logName: logName(logId),
        receiveTimestamp: isoMs(c.time + 200 + Math.floor(rnd() * 600)),
      },
    });
  };
  const object = (bucket: string, key: string): string => `projects/_/buckets/${bucket}/objects/${key}`;
  const predict = (time: number, principal: string, ip: string, ua: string, endpoint: string, key?: string): void =>
    audit({ time, log: 'data_access', principal, key, ip, ua, service: 'aiplatform.googleapis.com', method: 'google.cloud.aiplatform.v1.PredictionService.Predict', resource: endpoint, permission: 'aiplatform.endpoints.predict', resourceType: 'audited_resource', request: { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.PredictRequest', endpoint } });

  // The application calls the endpoint 2 to 4 times an hour, all day; a batch job calls another endpoint.
  const appTimes: number[] = [];
  for (let h = 0; h < 24; h++) {
    const count = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < count; i++) appTimes.push(dayStart + h * 3_600_000 + Math.floor(rnd() * 3_600_000));
  }
  for (const t of appTimes) predict(t, x.app, x.appIp, x.appUserAgent, x.endpoint);
  for (let i = 0; i < 30; i++) predict(dayStart + Math.floor(rnd() * 86_400_000), x.pipeline, x.pipelineIp, x.pipelineUserAgent, x.otherEndpoint);
  // Other buckets read and listed; a bucket listing of the features is not an object read.
  for (let i = 0; i < 20; i++) {
    const key = `scores/part-${String(i).padStart(5, '0')}.parquet`;
    audit({ time: dayStart + Math.floor(rnd() * 86_400_000), log: 'data_access', principal: x.app, ip: x.appIp, ua: x.appUserAgent, service: 'storage.googleapis.com', method: 'storage.objects.get', resource: object('acme-churn-scores', key), permission: 'storage.objects.get', resourceType: 'gcs_bucket' });
  }
  audit({ time: at('08:30:00'), log: 'data_access', principal: x.pipeline, ip: x.pipelineIp, ua: x.pipelineUserAgent, service: 'storage.googleapis.com', method: 'storage.objects.list', resource: `projects/_/buckets/${x.featuresBucket}`, permission: 'storage.objects.list', resourceType: 'gcs_bucket' });

  // 08:59: the pipeline impersonates the training account, then creates the job with it.
  const tokenTime = at('08:59:40');
  audit({ time: tokenTime, log: 'data_access', principal: x.pipeline, ip: x.pipelineIp, ua: x.pipelineUserAgent, service: 'iamcredentials.googleapis.com', method: 'GenerateAccessToken', resource: `projects/-/serviceAccounts/${x.trainer}`, permission: 'iam.serviceAccounts.getAccessToken', resourceType: 'service_account', request: { '@type': 'type.googleapis.com/google.iam.credentials.v1.GenerateAccessTokenRequest', name: `projects/-/serviceAccounts/${x.trainer}` } });
  const customJob = (time: number, name: string, dataUri: string): void =>
    audit({
      time,
      log: 'activity',
      principal: x.trainer,
      delegation: x.pipeline,
      ip: x.pipelineIp,
      ua: x.pipelineUserAgent,
      service: 'aiplatform.googleapis.com',
      method: 'google.cloud.aiplatform.v1.JobService.CreateCustomJob',
      resource: `projects/${x.projectNumber}/locations/${x.region}`,
      permission: 'aiplatform.customJobs.create',
      resourceType: 'audited_resource',
      request: {
        '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.CreateCustomJobRequest',
        parent: `projects/${x.projectNumber}/locations/${x.region}`,
        customJob: {
          displayName: name.split('/').pop(),
          jobSpec: {
            workerPoolSpecs: [{ machineSpec: { machineType: 'n1-standard-8' }, replicaCount: '1', pythonPackageSpec: { executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-3:latest', packageUris: [x.packageUri], pythonModule: 'trainer.task', args: [`--data=${dataUri}`, '--epochs=20'] } }],
            serviceAccount: x.trainer,
            network: `projects/${x.projectNumber}/global/networks/ml-vpc`,
          },
        },
      },
      response: { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.CustomJob', name },
    });
  const jobCreated = at('09:00:12');
  customJob(jobCreated, x.job, x.dataLocation);
  const otherJobCreated = at('11:00:40');
  customJob(otherJobCreated, x.otherJob, x.otherLocation);

  // The job reads the features, as the training account.
  const featureReads: { time: string; object: string }[] = [];
  for (let i = 0; i < 5; i++) {
    const t = at(`09:0${2 + i}:1${i}`);
    const key = `features/part-${String(i).padStart(5, '0')}.parquet`;
    audit({ time: t, log: 'data_access', principal: x.trainer, ip: x.trainingAddress, ua: x.trainerUserAgent, service: 'storage.googleapis.com', method: 'storage.objects.get', resource: object(x.featuresBucket, key), permission: 'storage.objects.get', resourceType: 'gcs_bucket' });
    featureReads.push({ time: isoMs(t), object: `gs://${x.featuresBucket}/${key}` });
  }
  // The package creates a key for the training account.
  const keyCreated = at('09:20:05');
  audit({ time: keyCreated, log: 'activity', principal: x.trainer, ip: x.trainingAddress, ua: x.trainerUserAgent, service: 'iam.googleapis.com', method: 'google.iam.admin.v1.CreateServiceAccountKey', resource: `projects/-/serviceAccounts/${x.trainer}`, permission: 'iam.serviceAccountKeys.create', resourceType: 'service_account', request: { '@type': 'type.googleapis.com/google.iam.admin.v1.CreateServiceAccountKeyRequest', name: `projects/-/serviceAccounts/${x.trainer}` }, response: { '@type': 'type.googleapis.com/google.iam.admin.v1.ServiceAccountKey', name: x.stolenKey } });
  // From outside, with the key: predicts at volume from 09:30 to 09:59, an overwrite, a denied DeleteSink.
  const attackerTimes: number[] = [];
  for (let s = 0; s < 29 * 60; s += 20 + Math.floor(rnd() * 20)) attackerTimes.push(Date.parse(`${x.day}T09:30:00Z`) + s * 1000 + Math.floor(rnd() * 1000));
  for (const t of attackerTimes) predict(t, x.trainer, x.attackerIp, x.attackerUserAgent, x.endpoint, x.stolenKey);
  const overwriteTime = at('10:02:30');
  const overwriteKey = 'features/part-00003.parquet';
  audit({ time: overwriteTime, log: 'data_access', principal: x.trainer, key: x.stolenKey, ip: x.attackerIp, ua: x.attackerUserAgent, service: 'storage.googleapis.com', method: 'storage.objects.create', resource: object(x.featuresBucket, overwriteKey), permission: 'storage.objects.create', resourceType: 'gcs_bucket' });
  const deleteSinkTime = at('10:05:00');
  audit({ time: deleteSinkTime, log: 'activity', principal: x.trainer, key: x.stolenKey, ip: x.attackerIp, ua: x.attackerUserAgent, service: 'logging.googleapis.com', method: 'google.logging.v2.ConfigServiceV2.DeleteSink', resource: x.sink, permission: 'logging.sinks.delete', resourceType: 'logging_sink', status: { code: 7, message: 'PERMISSION_DENIED' } });
  // Noise in the activity log: the other bucket's object written by the pipeline, a bucket created.
  audit({ time: at('11:30:00'), log: 'data_access', principal: x.pipeline, ip: x.pipelineIp, ua: x.pipelineUserAgent, service: 'storage.googleapis.com', method: 'storage.objects.create', resource: object('acme-fraud-features-gcp', '2026-11/part-00000.parquet'), permission: 'storage.objects.create', resourceType: 'gcs_bucket' });
  audit({ time: at('12:00:00'), log: 'activity', principal: x.pipeline, ip: x.pipelineIp, ua: x.pipelineUserAgent, service: 'storage.googleapis.com', method: 'storage.buckets.create', resource: 'projects/_/buckets/acme-scratch', permission: 'storage.buckets.create', resourceType: 'gcs_bucket' });

  // VPC flow logs: one entry per connection and 5-second aggregation interval, reported by the source VM.
  const flow = (time: number, vm: string, src: string, dst: string, port: number, reporter: 'SRC' | 'DEST', internal: boolean): void => {
    const logId = 'compute.googleapis.com/vpc_flows';
    const vpc = { project_id: x.project, vpc_name: 'ml-vpc', subnetwork_name: x.subnetwork };
    logs.push({
      logId,
      entry: {
        insertId: insertId(),
        jsonPayload: {
          connection: { src_ip: src, src_port: 40000 + Math.floor(rnd() * 20000), dest_ip: dst, dest_port: port, protocol: 6 },
          start_time: isoMs(time - 5000),
          end_time: isoMs(time),
          bytes_sent: String(2000 + Math.floor(rnd() * 200000)),
          packets_sent: String(4 + Math.floor(rnd() * 200)),
          reporter,
          src_instance: { project_id: x.project, region: x.region, vm_name: vm, zone: `${x.region}-a` },
          src_vpc: vpc,
          ...(internal ? { dest_vpc: vpc } : { dest_location: { asn: 64500, continent: 'America', country: 'usa' } }),
        },
        resource: { type: 'gce_subnetwork', labels: { project_id: x.project, subnetwork_name: x.subnetwork, location: `${x.region}-a`, subnetwork_id: '4242424242' } },
        timestamp: isoMs(time),
        logName: logName(logId),
        receiveTimestamp: isoMs(time + 30_000),
      },
    });
  };
  const exfilTimes: number[] = [];
  for (let m = 0; m < 20; m++) {
    const t = Date.parse(`${x.day}T09:10:00Z`) + m * 90_000 + Math.floor(rnd() * 1000);
    flow(t, x.trainingVm, x.trainingAddress, x.exfilAddress, 443, 'SRC', false);
    exfilTimes.push(t);
    flow(t + 500, x.trainingVm, x.trainingAddress, '10.128.0.2', 53, 'SRC', true);
    flow(t + 700, x.otherVm, x.otherAddress, '198.51.100.14', 443, 'SRC', false);
  }
  // The same exfiltration flow as an inbound VM in another VPC would report it: not the source's record.
  flow(exfilTimes[0] + 10, 'edge-proxy-1', x.trainingAddress, x.exfilAddress, 443, 'DEST', false);

  // Cloud DNS query logs: the training VM resolved the exfiltration name; another VM resolved a decoy to it.
  const dns = (time: number, vm: string, src: string, name: string, rdata: string): void => {
    const logId = 'dns.googleapis.com/dns_queries';
    logs.push({
      logId,
      entry: {
        insertId: insertId(),
        jsonPayload: { authAnswer: false, protocol: 'UDP', queryName: name, queryType: 'A', responseCode: 'NOERROR', rdata, serverLatency: 4, sourceIP: src, sourceNetwork: 'ml-vpc', vmInstanceId: String(4000000000000000000 + Math.floor(rnd() * 1e9)), vmInstanceName: `${x.projectNumber}.${vm}`, vmProjectId: x.project, vmZoneName: `${x.region}-a` },
        resource: { type: 'dns_query', labels: { project_id: x.project, location: x.region, target_type: 'external', target_name: '', source_type: 'gce-vm' } },
        timestamp: isoMs(time),
        severity: 'INFO',
        logName: logName(logId),
        receiveTimestamp: isoMs(time + 1000),
      },
    });
  };
  dns(at('09:09:58'), x.trainingVm, x.trainingAddress, x.exfilName, `${x.exfilName}\t300\tIN\tA\t${x.exfilAddress}`);
  dns(at('09:10:30'), x.otherVm, x.otherAddress, 'api.partner.example.', 'api.partner.example.\t300\tIN\tA\t198.51.100.14');
  dns(at('10:30:00'), x.otherVm, x.otherAddress, 'decoy.example.', `decoy.example.\t300\tIN\tA\t${x.exfilAddress}`);

  // Delivery: hourly files per log id; about one entry in twelve written again in a second shard.
  logs.sort((a, b) => a.entry.timestamp.localeCompare(b.entry.timestamp) || a.entry.insertId.localeCompare(b.entry.insertId));
  const shards = new Map<string, string[]>();
  let duplicates = 0;
  for (const { logId, entry } of logs) {
    const t = new Date(entry.timestamp);
    const hh = String(t.getUTCHours()).padStart(2, '0');
    const dir = `${logId}/${entry.timestamp.slice(0, 4)}/${entry.timestamp.slice(5, 7)}/${entry.timestamp.slice(8, 10)}`;
    const line = JSON.stringify(entry);
    const s0 = `${dir}/${hh}:00:00_${hh}:59:59_S0.json`;
    shards.set(s0, [...(shards.get(s0) ?? []), line]);
    if (logId.startsWith('cloudaudit') && rnd() < 1 / 12) {
      const s1 = `${dir}/${hh}:00:00_${hh}:59:59_S1.json`;
      shards.set(s1, [...(shards.get(s1) ?? []), line]);
      duplicates += 1;
    }
  }
  const files: string[] = [];
  const write = (rel: string, body: string): void => {
    const target = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, body);
    files.push(rel);
  };
  for (const [rel, lines] of [...shards].sort(([a], [b]) => a.localeCompare(b))) write(rel, `${lines.join('\n')}\n`);

  // The request-response logging table, exported with `bq extract --destination_format NEWLINE_DELIMITED_JSON`.
  const rows = [...appTimes.map((t) => ({ t, a: false })), ...attackerTimes.map((t) => ({ t, a: true }))].sort((a, b) => a.t - b.t);
  const bqTime = (ms: number): string => isoMs(ms).replace('T', ' ').replace('Z', ' UTC');
  write(
    `request_response_logging/${x.endpointId}/000000000000.json`,
    `${rows.map(({ t, a }, i) => JSON.stringify({ endpoint: x.endpoint, deployed_model_id: '8800001', logging_time: bqTime(t), request_id: String(900000000000 + i), request_payload: [JSON.stringify({ instances: [{ tenure: a ? 1 : 24, plan: 'pro' }] })], response_payload: [JSON.stringify({ predictions: [[0.12]] })] })).join('\n')}\n`,
  );

  appTimes.sort((a, b) => a - b);
  const predictsByHour: Record<string, number> = {};
  for (const [who, times] of [[x.app, appTimes], [x.trainer, attackerTimes]] as const) {
    for (const t of times) {
      const k = `${who}|${isoMs(Math.floor(t / 3_600_000) * 3_600_000).replace('.000Z', 'Z')}`;
      predictsByHour[k] = (predictsByHour[k] ?? 0) + 1;
    }
  }
  return {
    tokenTime: isoMs(tokenTime),
    jobCreated: isoMs(jobCreated),
    otherJobCreated: isoMs(otherJobCreated),
    keyCreated: isoMs(keyCreated),
    featureReads,
    overwrite: { time: isoMs(overwriteTime), object: `gs://${x.featuresBucket}/${overwriteKey}` },
    deleteSinkTime: isoMs(deleteSinkTime),
    attackerPredicts: attackerTimes.length,
    attackerFirst: isoMs(attackerTimes[0]),
    attackerLast: isoMs(attackerTimes[attackerTimes.length - 1]),
    appPredicts: appTimes.length,
    appFirst: isoMs(appTimes[0]),
    appLast: isoMs(appTimes[appTimes.length - 1]),
    attackerPredictTimes: attackerTimes.map(isoMs),
    appPredictTimes: appTimes.map(isoMs),
    predictsByHour,
    exfilFlows: exfilTimes.length,
    exfilFirst: isoMs(exfilTimes[0]),
    exfilLast: isoMs(exfilTimes[exfilTimes.length - 1]),
    auditEntries: logs.filter((l) => l.logId.startsWith('cloudaudit')).length,
    duplicates,
    predictionRows: rows.length,
    files,
  };
}

/** The GCP drill copy of `npm start` and the tests: the sink bucket and the request-response export. */
export function writeGcpDrillCopy(root: string): CompromisedPackageGcpTruth {
  return writeCompromisedPackageGcp(root, 13);
}

const GCP_DAY = ['2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'] as const;

/**
 * Every question GCP records, asked as an investigator would (`--param endpoint=`, `principal=`,
 * `location=`, `address=`) of the GCP drill copy, with the exact rows the generator planted.
 */
export function gcpDrillCases(t: CompromisedPackageGcpTruth): DrillCase[] {
  const x = COMPROMISED_PACKAGE_GCP;
  const key = `//iam.googleapis.com/${x.stolenKey}`;
  const scenario = 'compromised-ml-library';
  const attackerHour = '2026-11-30T09:00:00Z';
  const attacker = { cloud: 'gcp', principal: x.trainer, credentialId: key, sourceIp: x.attackerIp, userAgent: x.attackerUserAgent };
  return [
    {
      scenario, question: 'endpoint-callers', params: [['endpoint', x.endpointId]], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: [
        { cloud: 'gcp', principal: x.app, credentialId: null, sourceIp: x.appIp, userAgent: x.appUserAgent, firstSeen: t.appFirst, lastSeen: t.appLast, count: t.appPredicts },
        { cloud: 'gcp', principal: x.trainer, credentialId: key, sourceIp: x.attackerIp, userAgent: x.attackerUserAgent, firstSeen: t.attackerFirst, lastSeen: t.attackerLast, count: t.attackerPredicts },
      ],
    },
    {
      // One row per principal and hour, hour then principal; the attacker's hour the only outlier.
      scenario, question: 'endpoint-volume', params: [['endpoint', x.endpointId]], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: Object.entries(t.predictsByHour)
        .map(([k, count]) => ({ principal: k.split('|')[0], hour: k.split('|')[1], count }))
        .sort((a, b) => a.hour.localeCompare(b.hour) || a.principal.localeCompare(b.principal))
        .map((r) => ({ cloud: 'gcp', ...r, outlier: r.principal === x.trainer && r.hour === attackerHour })),
    },
    {
      scenario, question: 'credential-origin', params: [['principal', x.trainer]], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: [
        { cloud: 'gcp', time: t.tokenTime, principal: x.trainer, action: 'iamcredentials.googleapis.com:GenerateAccessToken', sourcePrincipal: x.pipeline, credentialId: null, sourceIp: x.pipelineIp, userAgent: x.pipelineUserAgent },
        { cloud: 'gcp', time: t.keyCreated, principal: x.trainer, action: 'iam.googleapis.com:google.iam.admin.v1.CreateServiceAccountKey', sourcePrincipal: x.trainer, credentialId: x.stolenKey, sourceIp: x.trainingAddress, userAgent: x.trainerUserAgent },
      ],
    },
    {
      scenario, question: 'data-writes', params: [['location', `gs://${x.featuresBucket}/features/`]], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: [{ cloud: 'gcp', time: t.overwrite.time, principal: x.trainer, credentialId: key, sourceIp: x.attackerIp, action: 'storage.objects.create', object: t.overwrite.object, outcome: 'OK' }],
    },
    {
      scenario, question: 'data-reads', params: [['location', x.featuresBucket]], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: t.featureReads.map((r) => ({ cloud: 'gcp', time: r.time, principal: x.trainer, credentialId: null, sourceIp: x.trainingAddress, action: 'storage.objects.get', object: r.object, outcome: 'OK' })),
    },
    {
      scenario, question: 'ml-jobs-using-data', params: [['location', `gs://${x.featuresBucket}/`]], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: [{ cloud: 'gcp', time: t.jobCreated, job: x.job, principal: x.trainer, action: 'google.cloud.aiplatform.v1.JobService.CreateCustomJob', dataLocation: x.dataLocation }],
    },
    {
      scenario, question: 'evidence-tampering', params: [], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: [{ cloud: 'gcp', time: t.deleteSinkTime, principal: x.trainer, sourceIp: x.attackerIp, action: 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', target: x.sink, outcome: 'code 7: PERMISSION_DENIED' }],
    },
    {
      // The training account from the key it created to the denied DeleteSink, every call in order.
      scenario, question: 'principal-activity', params: [['principal', x.trainer]], from: '2026-11-30T09:10:00Z', to: '2026-11-30T11:00:00Z',
      expected: [
        { cloud: 'gcp', time: t.keyCreated, principal: x.trainer, credentialId: null, sourceIp: x.trainingAddress, userAgent: x.trainerUserAgent, action: 'iam.googleapis.com:google.iam.admin.v1.CreateServiceAccountKey', target: `projects/-/serviceAccounts/${x.trainer}`, outcome: 'OK' },
        ...t.attackerPredictTimes.map((time) => ({ ...attacker, time, action: 'aiplatform.googleapis.com:google.cloud.aiplatform.v1.PredictionService.Predict', target: x.endpoint, outcome: 'OK' })),
        { ...attacker, time: t.overwrite.time, action: 'storage.googleapis.com:storage.objects.create', target: `projects/_/buckets/${x.featuresBucket}/objects/features/part-00003.parquet`, outcome: 'OK' },
        { ...attacker, time: t.deleteSinkTime, action: 'logging.googleapis.com:google.logging.v2.ConfigServiceV2.DeleteSink', target: x.sink, outcome: 'code 7: PERMISSION_DENIED' },
      ].map(({ cloud, time, principal, credentialId, sourceIp, userAgent, action, target, outcome }) => ({ cloud, time, principal, credentialId, sourceIp, userAgent, action, target, outcome })),
    },
    {
      scenario, question: 'network-egress', params: [['address', x.trainingAddress]], from: GCP_DAY[0], to: GCP_DAY[1],
      expected: [{ cloud: 'gcp', source: x.trainingAddress, sourceAddress: x.trainingAddress, destinationAddress: x.exfilAddress, destinationPort: 443, protocol: 6, dnsName: x.exfilName, firstSeen: t.exfilFirst, lastSeen: t.exfilLast, flows: t.exfilFlows }],
    },
  ];
}
