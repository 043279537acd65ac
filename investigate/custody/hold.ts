/**
 * Holds: freeze evidence for a case.
 * - S3: an Object Lock legal hold (PutObjectLegalHold) on every version under a prefix. Past a
 *   threshold the calls are not made one by one: an S3 Batch Operations manifest (CSV:
 *   bucket,key,versionId, keys URL-encoded) and a CreateJob definition (operation
 *   S3PutObjectLegalHold) are written for `aws s3control create-job --cli-input-json file://…`.
 * - GCS: a temporary hold (`temporaryHold`) on every generation, by the JSON API.
 * - Azure: a legal hold on the container, through the management API (there is no azurerm resource
 *   for it): POST …/blobServices/default/containers/{c}/setLegalHold (clearLegalHold to lift) with
 *   the case id as the tag, a bearer token of DefaultAzureCredential for management.azure.com.
 * A hold records no case id on S3 or GCS objects (neither has a field for it): the custody record does.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { CustodyInputError, describeCloudError } from './errors';
import { Location, gcsApiRoot, gcsFetch, listGcs, listS3Versions, s3Client } from './sources';

export type HoldState = 'on' | 'off';

/** A hold that failed part way: some versions were changed, and the custody record must say so. */
export class PartialHoldError extends CustodyInputError {
  constructor(
    message: string,
    readonly versions: number,
    readonly held: number,
  ) {
    super(message);
  }
}

export interface S3HoldOptions {
  readonly location: Location & { kind: 's3' };
  readonly state: HoldState;
  readonly caseId: string;
  /** More versions than this: write the Batch Operations files instead of calling the API. */
  readonly batchThreshold: number;
  /** The folder the Batch Operations files go to. */
  readonly batchDir: string;
  /** The account of the job (from STS), when known. */
  readonly accountId: string | null;
}

export type S3HoldResult =
  | { readonly mode: 'direct'; readonly versions: number; readonly held: number }
  | { readonly mode: 'batch'; readonly versions: number; readonly manifestCsv: string; readonly jobJson: string };

/** `key` URL-encoded for a Batch Operations CSV manifest (slashes kept). */
export const batchKey = (key: string): string => encodeURIComponent(key).replace(/%2F/g, '/');

/** A file name part from a case id. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');

export async function holdS3(options: S3HoldOptions): Promise<S3HoldResult> {
  const { location, state } = options;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  const client = s3Client();
  // The versions are listed once, into a CSV in a temporary folder: it becomes the Batch
  // Operations manifest past the threshold, and is read back for the direct calls below it.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-hold-'));
  const csv = path.join(tmp, 'manifest.csv');
  try {
    const fd = fs.openSync(csv, 'w');
    let versions = 0;
    try {
      for await (const v of listS3Versions(client, sdk, location.bucket, location.prefix)) {
        fs.writeSync(fd, `${location.bucket},${batchKey(v.key)},${v.versionId}\n`);
        versions++;
      }
    } catch (err) {
      throw describeCloudError(`cannot list the versions of ${location.text}`, err);
    } finally {
      fs.closeSync(fd);
    }
    if (versions > options.batchThreshold) return writeBatch(options, csv, versions);
    let held = 0;
    for (const line of fs.readFileSync(csv, 'utf8').split('\n')) {
      if (!line) continue;
      const [, key, versionId] = line.split(',');
      const Key = decodeURIComponent(key);
      try {
        await client.send(new sdk.PutObjectLegalHoldCommand({ Bucket: location.bucket, Key, VersionId: versionId, LegalHold: { Status: state === 'on' ? 'ON' : 'OFF' } }));
      } catch (err) {
        const e = describeCloudError(`cannot set the legal hold ${state.toUpperCase()} on s3://${location.bucket}/${Key} version ${versionId} (${held} of ${versions} done; is Object Lock enabled on the bucket?)`, err);
        throw new PartialHoldError(e.message, versions, held);
      }
      held++;
    }
    return { mode: 'direct', versions, held };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function writeBatch(options: S3HoldOptions, csv: string, versions: number): S3HoldResult {
  const base = path.join(options.batchDir, `hold-${options.state}-${safe(options.caseId)}-${safe(options.location.bucket)}`);
  const manifestCsv = `${base}.manifest.csv`;
  const jobJson = `${base}.job.json`;
  for (const f of [manifestCsv, jobJson]) if (fs.existsSync(f)) throw new CustodyInputError(`${f}: already exists; hold never overwrites a file`);
  fs.mkdirSync(options.batchDir, { recursive: true });
  fs.copyFileSync(csv, manifestCsv, fs.constants.COPYFILE_EXCL);
  const account = options.accountId ?? 'ACCOUNT_ID';
  // The CreateJob input of `aws s3control create-job --cli-input-json`: the REPLACE_ values are
  // the S3 location the CSV is uploaded to, its ETag, a report bucket and a role Batch Operations
  // may assume (s3:PutObjectLegalHold, s3:GetBucketObjectLockConfiguration).
  const job = {
    AccountId: account,
    ConfirmationRequired: true,
    Operation: { S3PutObjectLegalHold: { LegalHold: { Status: options.state === 'on' ? 'ON' : 'OFF' } } },
    Manifest: {
      Spec: { Format: 'S3BatchOperations_CSV_20180820', Fields: ['Bucket', 'Key', 'VersionId'] },
      Location: { ObjectArn: `arn:aws:s3:::REPLACE_MANIFEST_BUCKET/${path.basename(manifestCsv)}`, ETag: 'REPLACE_MANIFEST_ETAG' },
    },
    Report: { Bucket: 'arn:aws:s3:::REPLACE_REPORT_BUCKET', Prefix: `hold-${safe(options.caseId)}`, Format: 'Report_CSV_20180820', Enabled: true, ReportScope: 'AllTasks' },
    Priority: 10,
    RoleArn: `arn:aws:iam::${account}:role/REPLACE_BATCH_OPERATIONS_ROLE`,
    ClientRequestToken: randomUUID(),
    Description: `forensic-readiness hold ${options.state} case ${options.caseId} ${options.location.text} (${versions} versions)`.slice(0, 256),
  };
  fs.writeFileSync(jobJson, `${JSON.stringify(job, null, 2)}\n`, { flag: 'wx' });
  return { mode: 'batch', versions, manifestCsv, jobJson };
}

// ---------------------------------------------------------------------------------------------
// GCS temporary holds

export async function holdGcs(location: Location & { kind: 'gcs' }, state: HoldState): Promise<{ mode: 'direct'; versions: number; held: number }> {
  let versions = 0;
  for await (const item of listGcs(location, true)) {
    versions++;
    const url = `${gcsApiRoot()}/storage/v1/b/${encodeURIComponent(location.bucket)}/o/${encodeURIComponent(item.name)}?generation=${encodeURIComponent(item.generation)}`;
    await gcsFetch(`cannot set the temporary hold ${state.toUpperCase()} on gs://${location.bucket}/${item.name}#${item.generation}`, url, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ temporaryHold: state === 'on' }),
    });
  }
  return { mode: 'direct', versions, held: versions };
}

// ---------------------------------------------------------------------------------------------
// Azure container legal hold (management plane)

export const AZURE_STORAGE_API_VERSION = '2024-01-01';
export const AZURE_MANAGEMENT_ENDPOINT = 'https://management.azure.com';

export interface AzureHoldRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly body: { readonly tags: readonly string[] };
}

/** A legal hold tag is 3 to 23 letters and digits (Azure lowers it); a case id must fit. */
export function azureHoldTag(caseId: string): string {
  if (!/^[A-Za-z0-9]{3,23}$/.test(caseId)) throw new CustodyInputError(`--case ${JSON.stringify(caseId)}: an Azure legal hold tag must be 3 to 23 letters and digits`);
  return caseId.toLowerCase();
}

/** The management API call that sets (or clears) the container's legal hold tagged with the case id. */
export function azureHoldRequest(o: { endpoint: string; subscription: string; resourceGroup: string; account: string; container: string; state: HoldState; caseId: string }): AzureHoldRequest {
  const seg = encodeURIComponent;
  const op = o.state === 'on' ? 'setLegalHold' : 'clearLegalHold';
  const url = `${o.endpoint.replace(/\/+$/, '')}/subscriptions/${seg(o.subscription)}/resourceGroups/${seg(o.resourceGroup)}/providers/Microsoft.Storage/storageAccounts/${seg(o.account)}/blobServices/default/containers/${seg(o.container)}/${op}?api-version=${AZURE_STORAGE_API_VERSION}`;
  return { method: 'POST', url, body: { tags: [azureHoldTag(o.caseId)] } };
}

/** Sends the request with a bearer token; returns the container's legal hold as the API answers it. */
export async function sendAzureHold(req: AzureHoldRequest, token: string): Promise<{ hasLegalHold: boolean | null; tags: readonly string[] }> {
  let r: Response;
  try {
    r = await fetch(req.url, { method: req.method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(req.body) });
  } catch (err) {
    throw describeCloudError(`cannot reach ${new URL(req.url).origin}`, err);
  }
  const text = await r.text();
  if (!r.ok) {
    let message = text;
    try {
      message = JSON.parse(text)?.error?.message ?? text;
    } catch {
      // keep the text
    }
    throw new CustodyInputError(`legal hold ${new URL(req.url).pathname.split('/').pop()}: HTTP ${r.status}${message ? `: ${message.split('\n')[0].slice(0, 200)}` : ''}`);
  }
  try {
    const v = JSON.parse(text) as { hasLegalHold?: boolean; tags?: string[] };
    return { hasLegalHold: typeof v.hasLegalHold === 'boolean' ? v.hasLegalHold : null, tags: v.tags ?? [] };
  } catch {
    return { hasLegalHold: null, tags: [] };
  }
}

/** A management-plane token of DefaultAzureCredential (az login, a managed identity, AZURE_CLIENT_ID/SECRET …). */
export async function azureManagementToken(endpoint: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  try {
    const t = await new DefaultAzureCredential().getToken(`${endpoint.replace(/\/+$/, '')}/.default`);
    return t.token;
  } catch (err) {
    throw describeCloudError('DefaultAzureCredential found no token for the management API', err);
  }
}
