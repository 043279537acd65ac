/**
 * The Azure incidents, seeded, in the layouts Azure writes into a storage account through
 * diagnostic settings and Network Watcher:
 *
 *     insights-logs-<category>/resourceId=/SUBSCRIPTIONS/<SUB>/RESOURCEGROUPS/<RG>/PROVIDERS/<PROVIDER>/<TYPE>/<NAME>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json
 *     insights-activity-logs/resourceId=/SUBSCRIPTIONS/<SUB>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json
 *     insights-logs-<signinlogs|serviceprincipalsigninlogs|managedidentitysigninlogs>/tenantId=<TENANT>/y=…/m=00/PT1H.json
 *     insights-logs-flowlogflowevent/flowLogResourceID=/<SUB>_NETWORKWATCHERRG/NETWORKWATCHER_<REGION>_<NAME>/y=…/m=00/macAddress=<MAC>/PT1H.json
 *
 * resource, activity and sign-in blobs one JSON record per line; a flow log blob one
 * `{"records": [...]}` object whose flow tuples are version 4 (time, source and destination
 * address and port, protocol, direction, state, encryption, packets and bytes both ways).
 *
 * Incident 2, the insider: a user signs in from an unusual address (after a failed attempt),
 * lists the training account's keys, overwrites blobs in the training container and deletes one
 * (StorageWrite / StorageDelete with the user's object id as requester), calls the model endpoint
 * at volume, and tries to delete the account's diagnostic setting (denied). An Azure ML run and its
 * compute job then read the container through the cluster's managed identity, and the run reads
 * the registered data asset over it (AmlDataSetEvent, archived under the categories
 * DataSetChangeEvent and DataSetReadEvent). Noise: a colleague's sign-in and reads, the pipeline
 * writing to another container, an earlier run that read nothing of it and another asset, the
 * application calling the endpoint. The ML records carry only columns of the Azure Monitor tables
 * they land in (AmlComputeJobEvent, AmlRunStatusChangedEvent, AmlDataSetEvent,
 * AmlOnlineEndpointTrafficLog; learn.microsoft.com/azure/azure-monitor/reference/tables/<table>).
 *
 * Incident 3, the Azure half of the compromised package: an Azure ML job whose cluster node sends
 * data to one address (VNet flow logs of its interface); VNet DNS queries are not recorded.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { DrillCase } from '../../investigate/drills';
import { random } from './generator';

/** The names of the simulated Azure incidents. */
export const AZURE_INCIDENTS = {
  tenant: '5f1c9a2e-7b3d-4e8f-9a01-23456789abcd',
  subscription: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  resourceGroup: 'ml-prod-rg',
  region: 'westeurope',
  day: '2026-11-30',
  account: 'acmetrainingdata',
  container: 'training',
  workspace: 'acme-ml-ws',
  endpoint: 'churn-endpoint',
  deployment: 'blue',
  insider: {
    upn: 'mallory@acme.example',
    objectId: '9a8b7c6d-1111-4222-8333-444455556666',
    signInIp: '203.0.113.45',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    sdkAgent: 'azsdk-python-storage-blob/12.23.1 Python/3.12.4 (Linux-6.8-x86_64)',
    appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
    tokenId: 'mAlLoRyToKeN0001aaaaAA',
  },
  colleague: { upn: 'alice@acme.example', objectId: '1b2c3d4e-aaaa-4bbb-8ccc-ddddeeeeffff', ip: '192.0.2.10' },
  cluster: { identity: '7e6d5c4b-2222-4333-8444-555566667777', name: 'cpu-cluster', ip: '10.30.1.4' },
  app: { identity: '3c4d5e6f-3333-4444-8555-666677778888', userAgent: 'churn-api/1.4 python-requests/2.32.3' },
  pipeline: { identity: '4d5e6f70-4444-4555-8666-777788889999' },
  run: 'churn-train-20261130_1700000000_a1b2c3d4',
  computeJob: 'churn-train-20261130',
  otherRun: 'fraud-train-20261130_1699990000_e5f6a7b8',
  otherComputeJob: 'fraud-train-20261130',
  diagnosticSetting: 'forensic-evidence',
  /** The workspace's GUID (AmlWorkspaceId). */
  workspaceGuid: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  /** The registered data asset over the training container that the run reads, and the fraud run's. */
  dataset: { name: 'churn-training', id: 'c4a1d2e3-5555-4666-8777-888899990000' },
  otherDataset: { name: 'fraud-training', id: 'f7e6d5c4-6666-4777-8888-9999aaaabbbb' },
  /** Incident 3: the job that ran the compromised package, and its node's interface. */
  packageJob: 'pkg-train-20261130',
  nodeMac: '000D3A1B2C3D',
  nodeAddress: '10.30.2.7',
  otherMac: '000D3A9F8E7D',
  otherAddress: '10.30.2.9',
  exfilAddress: '203.0.113.200',
  deniedAddress: '192.0.2.66',
  flowLog: 'ml-vnet-flowlog',
} as const;

/** What the Azure generator planted, for exact assertions. */
export interface AzureIncidentsTruth {
  readonly failedSignIn: string;
  readonly signIn: string;
  readonly colleagueSignIn: string;
  readonly clusterSignIn: string;
  readonly listKeys: string;
  /** The insider's overwrites (PutBlob) and delete, in time order. */
  readonly writes: readonly { time: string; action: string; object: string; port: number; tokenHash: string }[];
  /** The insider's read of a blob before overwriting. */
  readonly insiderRead: { time: string; object: string; port: number; tokenHash: string };
  /** The cluster identity's reads of the container, in time order. */
  readonly clusterReads: readonly { time: string; object: string; tokenHash: string }[];
  /** The denied diagnostic-setting delete (its last status row). */
  readonly diagnosticDelete: string;
  /** The run and compute job whose events span the cluster's reads: their last status and event. */
  readonly runStatus: string;
  readonly computeJobEvent: string;
  /** The registration of the churn data asset (DataSetChangeEvent) and the run's read of it (DataSetReadEvent). */
  readonly datasetRegistered: string;
  readonly datasetRead: string;
  /** Endpoint requests of the insider and of the application, and per principal and hour. */
  readonly insiderRequests: number;
  readonly insiderFirst: string;
  readonly insiderLast: string;
  /** The insider's endpoint request times, in order. */
  readonly insiderRequestTimes: readonly string[];
  readonly appRequests: number;
  readonly appFirst: string;
  readonly appLast: string;
  readonly requestsByHour: Readonly<Record<string, number>>;
  /** Incident 3: flows of the node to the exfiltration address (state B tuples), first and last tuple. */
  readonly exfilFlows: number;
  readonly exfilFirst: string;
  readonly exfilLast: string;
  readonly deniedTime: string;
  /** Every file written, relative to the root. */
  readonly files: readonly string[];
}

const iso7 = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '0000Z');
const isoMs = (ms: number): string => new Date(ms).toISOString();

/** Writes both Azure incidents under `root` (a copy of the log storage account's containers). */
export function writeAzureIncidents(root: string, seed = 17): AzureIncidentsTruth {
  const rnd = random(seed);
  const x = AZURE_INCIDENTS;
  const sub = x.subscription.toUpperCase();
  const rg = x.resourceGroup.toUpperCase();
  const dayStart = Date.parse(`${x.day}T00:00:00Z`);
  const at = (hhmmss: string): number => Date.parse(`${x.day}T${hhmmss}.000Z`) + Math.floor(rnd() * 1000);
  const guid = (): string => {
    const h = (): string => (Math.floor(rnd() * 0xffffffff) >>> 0).toString(16).padStart(8, '0');
    const a = h() + h() + h() + h();
    return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-8${a.slice(17, 20)}-${a.slice(20, 32)}`;
  };
  /** Blobs of JSON lines, by path. */
  const blobs = new Map<string, { time: number; line: string }[]>();
  const hourPath = (prefix: string, time: number, tail = ''): string => {
    const d = new Date(time);
    const p2 = (v: number): string => String(v).padStart(2, '0');
    return `${prefix}/y=${d.getUTCFullYear()}/m=${p2(d.getUTCMonth() + 1)}/d=${p2(d.getUTCDate())}/h=${p2(d.getUTCHours())}/m=00${tail}/PT1H.json`;
  };
  const put = (prefix: string, time: number, record: Record<string, unknown>): void => {
    const p = hourPath(prefix, time);
    blobs.set(p, [...(blobs.get(p) ?? []), { time, line: JSON.stringify(record) }]);
  };

  // Entra ID sign-ins.
  const signin = (category: 'SignInLogs' | 'ManagedIdentitySignInLogs', time: number, props: Record<string, unknown>, ip: string, resultType: string): void =>
    put(`insights-logs-${category.toLowerCase()}/tenantId=${x.tenant}`, time, {
      time: iso7(time),
      resourceId: `/tenants/${x.tenant}/providers/Microsoft.aadiam`,
      operationName: 'Sign-in activity',
      operationVersion: '1.0',
      category,
      tenantId: x.tenant,
      resultType,
      resultSignature: 'None',
      durationMs: 0,
      callerIpAddress: ip,
      correlationId: guid(),
      Level: 4,
      location: 'NL',
      properties: { id: guid(), createdDateTime: iso7(time), ipAddress: ip, status: { errorCode: Number(resultType) }, ...props },
    });
  const failedSignIn = at('14:01:50');
  const userProps = (u: { upn: string; objectId: string }, ua: string, uti: string): Record<string, unknown> => ({ userPrincipalName: u.upn, userId: u.objectId, userDisplayName: u.upn.split('@')[0], appId: x.insider.appId, appDisplayName: 'Microsoft Azure CLI', clientAppUsed: 'Mobile Apps and Desktop clients', userAgent: ua, isInteractive: true, uniqueTokenIdentifier: uti, userType: 'Member', tokenIssuerType: 'AzureAD' });
  signin('SignInLogs', failedSignIn, userProps(x.insider, x.insider.userAgent, 'failedAttemptToken00A'), x.insider.signInIp, '50126');
  const signIn = at('14:02:10');
  signin('SignInLogs', signIn, userProps(x.insider, x.insider.userAgent, x.insider.tokenId), x.insider.signInIp, '0');
  const colleagueSignIn = at('08:01:00');
  signin('SignInLogs', colleagueSignIn, userProps(x.colleague, x.insider.userAgent, 'aLiCeToKeN000001bbbbBB'), x.colleague.ip, '0');
  const clusterSignIn = at('14:59:30');
  signin('ManagedIdentitySignInLogs', clusterSignIn, { servicePrincipalId: x.cluster.identity, servicePrincipalName: `${x.workspace}/computes/${x.cluster.name}`, appId: '11112222-3333-4444-8555-666677778888', ipAddress: x.cluster.ip, uniqueTokenIdentifier: 'cLuStErToKeN0001ccccCC', resourceDisplayName: 'Azure Storage', federatedCredentialId: '', servicePrincipalCredentialKeyId: '', servicePrincipalCredentialThumbprint: '' }, x.cluster.ip, '0');

  // The Activity log: one row per status of an operation, grouped by correlationId.
  const claims = (u: { upn: string; objectId: string }, uti: string): Record<string, unknown> => ({
    aud: 'https://management.core.windows.net/',
    iss: `https://sts.windows.net/${x.tenant}/`,
    appid: x.insider.appId,
    'http://schemas.microsoft.com/identity/claims/objectidentifier': u.objectId,
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': u.upn,
    name: u.upn.split('@')[0],
    uti,
  });
  const accountId = `/SUBSCRIPTIONS/${sub}/RESOURCEGROUPS/${rg}/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/${x.account.toUpperCase()}`;
  const activity = (time: number, op: string, resourceId: string, u: { upn: string; objectId: string }, uti: string, ip: string, statuses: readonly [string, string][]): number => {
    const correlationId = guid();
    let t = time;
    for (const [resultType, resultSignature] of statuses) {
      put(`insights-activity-logs/resourceId=/SUBSCRIPTIONS/${sub}`, t, {
        time: iso7(t),
        resourceId,
        operationName: op,
        category: 'Administrative',
        resultType,
        resultSignature,
        durationMs: resultType === 'Start' ? 0 : 312,
        callerIpAddress: ip,
        correlationId,
        identity: { authorization: { scope: resourceId.toLowerCase(), action: op, evidence: { role: 'Storage Account Contributor' } }, claims: claims(u, uti) },
        level: resultType === 'Failure' ? 'Error' : 'Information',
        location: 'global',
        properties: { statusCode: resultType === 'Failure' ? 'Forbidden' : resultType === 'Start' ? 'Started' : 'OK', eventCategory: 'Administrative', entity: resourceId, hierarchy: `${x.tenant}/${x.subscription}` },
      });
      t += 400;
    }
    return t - 400;
  };
  const listKeys = at('14:05:00');
  activity(listKeys, 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION', accountId, x.insider, x.insider.tokenId, x.insider.signInIp, [['Success', 'Succeeded.OK']]);
  const diagnosticDelete = activity(at('14:20:00'), 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', `${accountId}/BLOBSERVICES/DEFAULT/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/${x.diagnosticSetting.toUpperCase()}`, x.insider, x.insider.tokenId, x.insider.signInIp, [['Start', 'Started.'], ['Failure', 'Failed.Forbidden']]);
  // Noise: the colleague reads the account's properties and writes a tag on a VM.
  activity(at('08:10:00'), 'MICROSOFT.STORAGE/STORAGEACCOUNTS/READ', accountId, x.colleague, 'aLiCeToKeN000001bbbbBB', x.colleague.ip, [['Success', 'Succeeded.OK']]);
  activity(at('08:20:00'), 'MICROSOFT.RESOURCES/TAGS/WRITE', `/SUBSCRIPTIONS/${sub}/RESOURCEGROUPS/${rg}/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/JUMPBOX`, x.colleague, 'aLiCeToKeN000001bbbbBB', x.colleague.ip, [['Start', 'Started.'], ['Success', 'Succeeded.OK']]);

  // Blob logs: StorageRead / StorageWrite / StorageDelete of the training account's blob service.
  const blobService = `${accountId}/BLOBSERVICES/DEFAULT`;
  interface Requester { objectId: string; upn?: string }
  /** Writes one blob log record; returns the token hash it carries (identity.tokenHash). */
  const blobLog = (category: 'StorageRead' | 'StorageWrite' | 'StorageDelete', time: number, op: string, objectPath: string, who: Requester, ip: string, port: number, ua: string, status = 201): string => {
    const tokenHash = `${(Math.floor(rnd() * 0xffffffff) >>> 0).toString(16).toUpperCase().padStart(8, '0')}ABCDEF0123456789`;
    put(`insights-logs-${category.toLowerCase()}/resourceId=${blobService}`, time, {
      time: iso7(time),
      resourceId: `/subscriptions/${x.subscription}/resourceGroups/${x.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${x.account}/blobServices/default`,
      category,
      operationName: op,
      operationVersion: '2023-11-03',
      schemaVersion: '1.0',
      statusCode: status,
      statusText: 'Success',
      durationMs: 12,
      callerIpAddress: `${ip}:${port}`,
      correlationId: guid(),
      identity: { type: 'OAuth', tokenHash, requester: { appId: who.upn ? x.insider.appId : '11112222-3333-4444-8555-666677778888', audience: 'https://storage.azure.com/', objectId: who.objectId, tenantId: x.tenant, tokenIssuer: `https://sts.windows.net/${x.tenant}/`, ...(who.upn ? { upn: who.upn } : {}) } },
      location: x.region,
      properties: { accountName: x.account, userAgentHeader: ua, serviceType: 'blob', objectKey: `/${x.account}/${objectPath}`, metricResponseType: 'Success', serverLatencyMs: 8, requestHeaderSize: 512, responseHeaderSize: 256, lastModifiedTime: '', conditionsUsed: '', contentLengthHeader: 0, tlsVersion: 'TLS 1.2', accessTier: 'Hot' },
      uri: `https://${x.account}.blob.core.windows.net/${objectPath}`,
      protocol: 'HTTPS',
      resourceType: 'Microsoft.Storage/storageAccounts/blobServices',
    });
    return tokenHash;
  };
  const insider: Requester = { objectId: x.insider.objectId, upn: x.insider.upn };
  const port = (): number => 49152 + Math.floor(rnd() * 16000);
  const p0 = port();
  const readTime = at('14:08:00');
  const readHash = blobLog('StorageRead', readTime, 'GetBlob', `${x.container}/churn/part-00001.csv`, insider, x.insider.signInIp, p0, x.insider.sdkAgent, 200);
  const writes: { time: string; action: string; object: string; port: number; tokenHash: string }[] = [];
  for (let i = 1; i <= 4; i++) {
    const t = at(`14:1${i}:0${i}`);
    const pt = port();
    const obj = `${x.container}/churn/part-0000${i}.csv`;
    const tokenHash = blobLog('StorageWrite', t, 'PutBlob', obj, insider, x.insider.signInIp, pt, x.insider.sdkAgent);
    writes.push({ time: isoMs(t), action: 'PutBlob', object: `${x.account}/${obj}`, port: pt, tokenHash });
  }
  const delTime = at('14:15:30');
  const delPort = port();
  const delHash = blobLog('StorageDelete', delTime, 'DeleteBlob', `${x.container}/churn/part-00005.csv`, insider, x.insider.signInIp, delPort, x.insider.sdkAgent, 202);
  writes.push({ time: isoMs(delTime), action: 'DeleteBlob', object: `${x.account}/${x.container}/churn/part-00005.csv`, port: delPort, tokenHash: delHash });
  // The run's cluster reads the container through its managed identity (no UPN).
  const clusterReads: { time: string; object: string; tokenHash: string }[] = [];
  for (let i = 0; i < 5; i++) {
    const t = at(`15:0${5 + i}:00`);
    const obj = `${x.container}/churn/part-0000${i + 1}.csv`;
    const tokenHash = blobLog('StorageRead', t, 'GetBlob', obj, { objectId: x.cluster.identity }, x.cluster.ip, port(), 'azsdk-python-storage-blob/12.23.1 azureml-dataprep/5.1.6', 200);
    clusterReads.push({ time: isoMs(t), object: `${x.account}/${obj}`, tokenHash });
  }
  // Noise: the pipeline writes to another container, the colleague reads it, properties reads.
  for (let i = 0; i < 12; i++) blobLog('StorageWrite', dayStart + Math.floor(rnd() * 86_400_000), 'PutBlob', `staging/batch-${String(i).padStart(3, '0')}.parquet`, { objectId: x.pipeline.identity }, '10.30.1.8', port(), 'azsdk-python-storage-blob/12.23.1');
  for (let i = 0; i < 8; i++) blobLog('StorageRead', dayStart + Math.floor(rnd() * 86_400_000), 'GetBlob', `staging/batch-${String(i).padStart(3, '0')}.parquet`, { objectId: x.colleague.objectId, upn: x.colleague.upn }, x.colleague.ip, port(), 'Microsoft Azure Storage Explorer, 1.36.0', 200);
  blobLog('StorageRead', at('09:30:00'), 'GetBlobProperties', `${x.container}-archive/churn/part-00001.csv`, { objectId: x.colleague.objectId, upn: x.colleague.upn }, x.colleague.ip, port(), 'Microsoft Azure Storage Explorer, 1.36.0', 200);

  // Azure ML: runs and compute jobs of the workspace, traffic of the online endpoint.
  const workspaceId = `/SUBSCRIPTIONS/${sub}/RESOURCEGROUPS/${rg}/PROVIDERS/MICROSOFT.MACHINELEARNINGSERVICES/WORKSPACES/${x.workspace.toUpperCase()}`;
  const aml = (category: string, time: number, resourceId: string, operationName: string, props: Record<string, unknown>, identity?: string): void =>
    put(`insights-logs-${category.toLowerCase()}/resourceId=${resourceId}`, time, { time: iso7(time), resourceId, category, operationName, level: 'Informational', ...(identity ? { identity } : {}), properties: props });
  const run = (runId: string, statuses: readonly [string, string][], identity: string): string => {
    let last = '';
    for (const [hhmmss, status] of statuses) {
      aml('AmlRunStatusChangedEvent', at(hhmmss), workspaceId, 'Microsoft.MachineLearningServices/workspaces/runs/statuschanged', { RunId: runId, RootRunId: runId, ParentRunId: '', Status: status }, identity);
      last = status;
    }
    return last;
  };
  const computeJob = (job: string, events: readonly [string, string][]): string => {
    let last = '';
    for (const [hhmmss, event] of events) {
      aml('AmlComputeJobEvent', at(hhmmss), workspaceId, 'Microsoft.MachineLearningServices/workspaces/computes/jobs/event', { ClusterName: x.cluster.name, JobName: job, JobId: `${job}-1`, ExperimentName: job.replace(/-\d{8}$/, ''), WorkspaceName: x.workspace, ResourceGroupName: x.resourceGroup, CustomerSubscriptionId: x.subscription, EventType: event, ExecutionState: event === 'JobSucceeded' ? 'Succeeded' : 'Running', ToolType: 'Python' });
      last = event;
    }
    return last;
  };
  run(x.otherRun, [['10:00:00', 'Running'], ['10:30:00', 'Completed']], x.pipeline.identity);
  computeJob(x.otherComputeJob, [['10:00:10', 'JobRunning'], ['10:29:00', 'JobSucceeded']]);
  const runStatus = run(x.run, [['15:00:30', 'Queued'], ['15:01:00', 'Running'], ['15:40:00', 'Completed']], x.colleague.objectId);
  const computeJobEvent = computeJob(x.computeJob, [['15:00:40', 'JobRunning'], ['15:39:00', 'JobSucceeded']]);
  run(`${x.packageJob}_1700001111_c0ffee00`, [['09:00:00', 'Running'], ['09:45:00', 'Completed']], x.pipeline.identity);
  computeJob(x.packageJob, [['09:00:20', 'JobRunning'], ['09:44:00', 'JobSucceeded']]);

  // Registered data assets (AmlDataSetEvent; diagnostic categories DataSetChangeEvent and DataSetReadEvent):
  // the colleague registers the churn training asset over the container in the morning, the run then reads it
  // after the insider's overwrites; the fraud run reads its own asset (noise).
  const datasetLog = (category: 'DataSetChangeEvent' | 'DataSetReadEvent', time: number, op: string, dataset: { name: string; id: string }, identity: string): void =>
    put(`insights-logs-${category.toLowerCase()}/resourceId=${workspaceId}`, time, {
      time: iso7(time), resourceId: workspaceId, category, operationName: op, resultType: 'Succeeded', level: 'Informational', identity,
      properties: { AmlWorkspaceId: x.workspaceGuid, AadTenantId: x.tenant, AmlDatasetId: dataset.id, AmlDatasetName: dataset.name },
    });
  const datasetRegistered = at('08:15:00');
  datasetLog('DataSetChangeEvent', datasetRegistered, 'Microsoft.MachineLearningServices/workspaces/datasets/registered/write', x.dataset, x.colleague.objectId);
  const datasetRead = at('15:00:45');
  datasetLog('DataSetReadEvent', datasetRead, 'Microsoft.MachineLearningServices/workspaces/datasets/registered/read', x.dataset, x.colleague.objectId);
  datasetLog('DataSetReadEvent', at('10:00:05'), 'Microsoft.MachineLearningServices/workspaces/datasets/registered/read', x.otherDataset, x.pipeline.identity);

  const endpointId = `${workspaceId}/ONLINEENDPOINTS/${x.endpoint.toUpperCase()}`;
  const request = (time: number, identity: string, authType: string, ua: string): void =>
    aml('AmlOnlineEndpointTrafficLog', time, endpointId, 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score', { Method: 'POST', Path: '/score', SubscriptionId: x.subscription, AzureMLWorkspaceId: guid(), AzureMLWorkspaceName: x.workspace, EndpointName: x.endpoint, DeploymentName: x.deployment, Protocol: 'HTTP/1.1', ResponseCode: 200, ResponseCodeReason: 'OK', ModelStatusCode: 200, ModelStatusReason: 'OK', RequestPayloadSize: 412, ResponsePayloadSize: 38, UserAgent: ua, XRequestId: guid(), XMSClientRequestId: '', TotalDurationMs: 41, RequestDurationMs: 2, ResponseDurationMs: 30, Location: x.region, AuthType: authType, IdentityData: identity });
  const appTimes: number[] = [];
  for (let h = 0; h < 24; h++) {
    const count = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < count; i++) appTimes.push(dayStart + h * 3_600_000 + Math.floor(rnd() * 3_600_000));
  }
  appTimes.sort((a, b) => a - b);
  for (const t of appTimes) request(t, x.app.identity, 'AADToken', x.app.userAgent);
  const insiderTimes: number[] = [];
  for (let s = 0; s < 20 * 60; s += 25 + Math.floor(rnd() * 15)) insiderTimes.push(Date.parse(`${x.day}T14:30:00Z`) + s * 1000 + Math.floor(rnd() * 1000));
  for (const t of insiderTimes) request(t, x.insider.objectId, 'AADToken', x.insider.sdkAgent);
  // Noise: another endpoint's traffic.
  for (let i = 0; i < 10; i++) {
    const t = dayStart + Math.floor(rnd() * 86_400_000);
    aml('AmlOnlineEndpointTrafficLog', t, `${workspaceId}/ONLINEENDPOINTS/FRAUD-ENDPOINT`, 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score', { Method: 'POST', Path: '/score', EndpointName: 'fraud-endpoint', DeploymentName: 'green', ResponseCode: 200, UserAgent: 'fraud-api/2.0', AuthType: 'Key', IdentityData: '' });
  }

  const files: string[] = [];
  const write = (rel: string, body: string): void => {
    const target = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, body);
    files.push(rel);
  };
  for (const [rel, lines] of [...blobs].sort(([a], [b]) => a.localeCompare(b))) {
    write(rel, `${lines.sort((a, b) => a.time - b.time).map((l) => l.line).join('\n')}\n`);
  }

  // VNet flow logs (incident 3): one blob per hour and interface, one records object.
  const flowLogId = `/SUBSCRIPTIONS/${sub}/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NETWORKWATCHER_${x.region.toUpperCase()}/FLOWLOGS/${x.flowLog.toUpperCase()}`;
  const tuples = new Map<string, string[]>();
  const tuple = (mac: string, ms: number, src: string, dst: string, dport: number, proto: number, state: string, bytes: number): void => {
    const k = `${mac}|${Math.floor(ms / 3_600_000)}`;
    const sport = 40000 + Math.floor(rnd() * 20000);
    const stats = state === 'B' || state === 'D' ? '0,0,0,0' : `${5 + Math.floor(rnd() * 50)},${bytes},${4 + Math.floor(rnd() * 40)},${Math.floor(bytes / 10)}`;
    tuples.set(k, [...(tuples.get(k) ?? []), `${ms},${src},${dst},${sport},${dport},${proto},O,${state},NX,${stats}`]);
  };
  const exfilStarts: number[] = [];
  let exfilLastMs = 0;
  for (let c = 0; c < 12; c++) {
    const t = Date.parse(`${x.day}T09:05:00Z`) + c * 180_000 + Math.floor(rnd() * 1000);
    tuple(x.nodeMac, t, x.nodeAddress, x.exfilAddress, 443, 6, 'B', 0);
    tuple(x.nodeMac, t + 60_000, x.nodeAddress, x.exfilAddress, 443, 6, 'E', 50_000 + Math.floor(rnd() * 900_000));
    exfilStarts.push(t);
    exfilLastMs = t + 60_000;
    tuple(x.nodeMac, t + 1000, x.nodeAddress, '10.30.0.4', 53, 17, 'B', 0);
    tuple(x.nodeMac, t + 1100, x.nodeAddress, '10.30.0.4', 53, 17, 'E', 120);
    tuple(x.otherMac, t + 2000, x.otherAddress, '198.51.100.14', 443, 6, 'B', 0);
    tuple(x.otherMac, t + 9000, x.otherAddress, '198.51.100.14', 443, 6, 'E', 4000);
  }
  const deniedTime = Date.parse(`${x.day}T09:06:30Z`);
  tuple(x.nodeMac, deniedTime, x.nodeAddress, x.deniedAddress, 8080, 6, 'D', 0);
  for (const [k, list] of [...tuples].sort(([a], [b]) => a.localeCompare(b))) {
    const [mac, hour] = k.split('|');
    const rows = list.map((s) => ({ ms: Number(s.split(',')[0]), s })).sort((a, b) => a.ms - b.ms);
    // Network Watcher writes a record about every minute, each with the tuples of its interval.
    const byMinute = new Map<number, string[]>();
    for (const r of rows) byMinute.set(Math.floor(r.ms / 60_000), [...(byMinute.get(Math.floor(r.ms / 60_000)) ?? []), r.s]);
    const records = [...byMinute].map(([minute, ts]) => ({
      time: iso7(minute * 60_000 + 59_000),
      flowLogVersion: 4,
      flowLogGUID: '66aa66aa-bb77-4c88-8d99-00ee00ee00ee',
      macAddress: mac,
      category: 'FlowLogFlowEvent',
      flowLogResourceID: flowLogId,
      targetResourceID: `/subscriptions/${x.subscription}/resourceGroups/${x.resourceGroup}/providers/Microsoft.Network/virtualNetworks/ml-vnet`,
      operationName: 'FlowLogFlowEvent',
      flowRecords: { flows: [{ aclID: '00aa00aa-bb11-4c22-8d33-44ee44ee44ee', flowGroups: [{ rule: ts.some((s) => s.includes(',D,')) ? 'DenyHighPorts' : 'DefaultRule_AllowInternetOutBound', flowTuples: ts }] }] },
    }));
    const prefix = `insights-logs-flowlogflowevent/flowLogResourceID=/${sub}_NETWORKWATCHERRG/NETWORKWATCHER_${x.region.toUpperCase()}_${x.flowLog.toUpperCase()}`;
    write(hourPath(prefix, Number(hour) * 3_600_000, `/macAddress=${mac}`), JSON.stringify({ records }));
  }

  const requestsByHour: Record<string, number> = {};
  for (const [who, times] of [[x.app.identity, appTimes], [x.insider.objectId, insiderTimes]] as const) {
    for (const t of times) {
      const k = `${who}|${new Date(Math.floor(t / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z')}`;
      requestsByHour[k] = (requestsByHour[k] ?? 0) + 1;
    }
  }
  return {
    failedSignIn: isoMs(failedSignIn),
    signIn: isoMs(signIn),
    colleagueSignIn: isoMs(colleagueSignIn),
    clusterSignIn: isoMs(clusterSignIn),
    listKeys: isoMs(listKeys),
    writes,
    insiderRead: { time: isoMs(readTime), object: `${x.account}/${x.container}/churn/part-00001.csv`, port: p0, tokenHash: readHash },
    clusterReads,
    diagnosticDelete: isoMs(diagnosticDelete),
    runStatus,
    computeJobEvent,
    datasetRegistered: isoMs(datasetRegistered),
    datasetRead: isoMs(datasetRead),
    insiderRequests: insiderTimes.length,
    insiderFirst: isoMs(insiderTimes[0]),
    insiderLast: isoMs(insiderTimes[insiderTimes.length - 1]),
    insiderRequestTimes: insiderTimes.map(isoMs),
    appRequests: appTimes.length,
    appFirst: isoMs(appTimes[0]),
    appLast: isoMs(appTimes[appTimes.length - 1]),
    requestsByHour,
    exfilFlows: exfilStarts.length,
    exfilFirst: isoMs(exfilStarts[0]),
    exfilLast: isoMs(exfilLastMs),
    deniedTime: isoMs(deniedTime),
    files,
  };
}

/** The Azure drill copy of `npm start` and the tests: the insights-* containers of both incidents. */
export function writeAzureDrillCopy(root: string): AzureIncidentsTruth {
  return writeAzureIncidents(root, 17);
}

const AZURE_DAY = ['2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'] as const;

/**
 * Every question Azure records, asked as an investigator would (`--param endpoint=`, `principal=`,
 * `location=`, `address=`) of the Azure drill copy, with the exact rows the generator planted:
 * the insider's incident (training-data-poisoning-azure) and the compromised package's egress.
 */
export function azureDrillCases(t: AzureIncidentsTruth): DrillCase[] {
  const x = AZURE_INCIDENTS;
  const insiderScenario = 'training-data-poisoning-azure';
  const training = `${x.account}/${x.container}/`;
  const accountId = `/SUBSCRIPTIONS/${x.subscription.toUpperCase()}/RESOURCEGROUPS/${x.resourceGroup.toUpperCase()}/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/${x.account.toUpperCase()}`;
  const diagnosticId = `${accountId}/BLOBSERVICES/DEFAULT/PROVIDERS/MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/${x.diagnosticSetting.toUpperCase()}`;
  const blobUri = (object: string): string => `https://${x.account}.blob.core.windows.net/${object.slice(x.account.length + 1)}`;
  const insiderHour = '2026-11-30T14:00:00Z';
  const diagnosticStart = new Date(Date.parse(t.diagnosticDelete) - 400).toISOString();
  const insider = { cloud: 'azure', principal: x.insider.objectId };
  return [
    {
      scenario: insiderScenario, question: 'data-writes', params: [['location', training]], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: t.writes.map((w) => ({ ...insider, time: w.time, credentialId: `OAuth:${w.tokenHash}`, sourceIp: x.insider.signInIp, action: w.action, object: w.object, outcome: 'Success' })),
    },
    {
      scenario: insiderScenario, question: 'credential-origin', params: [['principal', x.insider.upn]], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: [
        { cloud: 'azure', time: t.signIn, principal: x.insider.upn, action: 'UserSignIn', sourcePrincipal: x.insider.appId, credentialId: x.insider.tokenId, sourceIp: x.insider.signInIp, userAgent: x.insider.userAgent },
        { cloud: 'azure', time: t.listKeys, principal: x.insider.upn, action: 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION', sourcePrincipal: accountId, credentialId: null, sourceIp: x.insider.signInIp, userAgent: null },
      ],
    },
    {
      // The registered data asset over the container: its registration, the run's read of it after the
      // overwrites, and the run and compute job that span that read (candidates, an overlap in time).
      scenario: insiderScenario, question: 'ml-jobs-using-data', params: [['location', x.dataset.name]], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: [
        { cloud: 'azure', time: t.datasetRegistered, job: null, principal: x.colleague.objectId, action: 'dataset:Microsoft.MachineLearningServices/workspaces/datasets/registered/write', dataLocation: x.dataset.name },
        { cloud: 'azure', time: t.datasetRead, job: null, principal: x.colleague.objectId, action: 'dataset:Microsoft.MachineLearningServices/workspaces/datasets/registered/read', dataLocation: x.dataset.name },
        { cloud: 'azure', time: t.datasetRead, job: x.computeJob, principal: null, action: `candidate-job:${t.computeJobEvent}`, dataLocation: x.dataset.name },
        { cloud: 'azure', time: t.datasetRead, job: x.run, principal: x.colleague.objectId, action: `candidate-run:${t.runStatus}`, dataLocation: x.dataset.name },
      ],
    },
    {
      scenario: insiderScenario, question: 'evidence-tampering', params: [], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: [{ cloud: 'azure', time: t.diagnosticDelete, principal: x.insider.upn, sourceIp: x.insider.signInIp, action: 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', target: diagnosticId, outcome: 'Failure (Failed.Forbidden)' }],
    },
    {
      scenario: insiderScenario, question: 'endpoint-callers', params: [['endpoint', x.endpoint]], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: [
        { cloud: 'azure', principal: x.app.identity, credentialId: 'AADToken', sourceIp: null, userAgent: x.app.userAgent, firstSeen: t.appFirst, lastSeen: t.appLast, count: t.appRequests },
        { cloud: 'azure', principal: x.insider.objectId, credentialId: 'AADToken', sourceIp: null, userAgent: x.insider.sdkAgent, firstSeen: t.insiderFirst, lastSeen: t.insiderLast, count: t.insiderRequests },
      ],
    },
    {
      // One row per principal and hour, hour then principal; the insider's hour the only outlier.
      scenario: insiderScenario, question: 'endpoint-volume', params: [['endpoint', x.endpoint]], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: Object.entries(t.requestsByHour)
        .map(([k, count]) => ({ principal: k.split('|')[0], hour: k.split('|')[1], count }))
        .sort((a, b) => a.hour.localeCompare(b.hour) || a.principal.localeCompare(b.principal))
        .map((r) => ({ cloud: 'azure', ...r, outlier: r.principal === x.insider.objectId && r.hour === insiderHour })),
    },
    {
      scenario: insiderScenario, question: 'data-reads', params: [['location', training]], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: [
        { ...insider, time: t.insiderRead.time, credentialId: `OAuth:${t.insiderRead.tokenHash}`, sourceIp: x.insider.signInIp, action: 'GetBlob', object: t.insiderRead.object, outcome: 'Success' },
        ...t.clusterReads.map((r) => ({ cloud: 'azure', time: r.time, principal: x.cluster.identity, credentialId: `OAuth:${r.tokenHash}`, sourceIp: x.cluster.ip, action: 'GetBlob', object: r.object, outcome: 'Success' })),
      ],
    },
    {
      // The insider from the key listing to the denied diagnostic-setting delete (before the endpoint calls).
      scenario: insiderScenario, question: 'principal-activity', params: [['principal', x.insider.objectId]], from: AZURE_DAY[0], to: '2026-11-30T14:30:00Z',
      expected: [
        { ...insider, time: t.listKeys, credentialId: x.insider.tokenId, sourceIp: x.insider.signInIp, userAgent: null, action: 'MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION', target: accountId, outcome: 'Success' },
        { ...insider, time: t.insiderRead.time, credentialId: t.insiderRead.tokenHash, sourceIp: x.insider.signInIp, userAgent: x.insider.sdkAgent, action: 'storage:GetBlob', target: blobUri(t.insiderRead.object), outcome: 'Success' },
        ...t.writes.map((w) => ({ ...insider, time: w.time, credentialId: w.tokenHash, sourceIp: x.insider.signInIp, userAgent: x.insider.sdkAgent, action: `storage:${w.action}`, target: blobUri(w.object), outcome: 'Success' })),
        { ...insider, time: diagnosticStart, credentialId: x.insider.tokenId, sourceIp: x.insider.signInIp, userAgent: null, action: 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', target: diagnosticId, outcome: 'Start' },
        { ...insider, time: t.diagnosticDelete, credentialId: x.insider.tokenId, sourceIp: x.insider.signInIp, userAgent: null, action: 'MICROSOFT.INSIGHTS/DIAGNOSTICSETTINGS/DELETE', target: diagnosticId, outcome: 'Failure' },
      ],
    },
    {
      scenario: 'compromised-ml-library', question: 'network-egress', params: [['address', x.nodeMac]], from: AZURE_DAY[0], to: AZURE_DAY[1],
      expected: [
        { cloud: 'azure', source: x.nodeMac, sourceAddress: x.nodeAddress, destinationAddress: x.exfilAddress, destinationPort: 443, protocol: 6, dnsName: null, firstSeen: t.exfilFirst, lastSeen: t.exfilLast, flows: t.exfilFlows },
        { cloud: 'azure', source: x.nodeMac, sourceAddress: x.nodeAddress, destinationAddress: x.deniedAddress, destinationPort: 8080, protocol: 6, dnsName: null, firstSeen: t.deniedTime, lastSeen: t.deniedTime, flows: 1 },
      ],
    },
  ];
}
