/**
 * Who acted in a cloud, for the custody record ("who"):
 * - AWS: the ARN and account STS GetCallerIdentity returns for the credentials used.
 * - Azure with a shared key (AZURE_STORAGE_CONNECTION_STRING): the account name and "shared key";
 *   a shared key names no person or application.
 * - Azure with DefaultAzureCredential: the principal claims of its access token (oid, appid or
 *   azp, upn, tid). The token is a JWT; its payload is decoded here WITHOUT verifying its
 *   signature, so the record says so (`claims: "decoded, not verified"`): the claims are what the
 *   token says of itself, as the service that accepted it read them.
 * - GCS: what Google's tokeninfo endpoint says of the access token (email, sub, azp, aud, scope),
 *   or "unknown" with why (no answer, an emulator's token).
 * Finding no identity never stops a command: it is recorded with the reason.
 */
import { describeCloudError } from './errors';
import { quietAwsSdkNodeNotice } from './sources';

/** The principal claims of an Azure access token, decoded without verifying the token. */
export interface AzurePrincipal {
  /** Object id of the user or service principal (`oid`). */
  readonly oid: string | null;
  /** Application (client) id: `appid` (v1 tokens) or `azp` (v2 tokens). */
  readonly appid: string | null;
  /** User principal name (`upn`), for a user; absent for an application. */
  readonly upn: string | null;
  /** Tenant id (`tid`). */
  readonly tid: string | null;
}

/** What Google's tokeninfo endpoint said of a GCS access token. */
export interface GcpPrincipal {
  /** The account's email (present when the token has the email scope; a service account's always). */
  readonly email: string | null;
  /** The account's unique id (`sub`). */
  readonly sub: string | null;
  /** The OAuth client the token was issued to (`azp`). */
  readonly azp: string | null;
  /** The token's audience (`aud`). */
  readonly aud: string | null;
  /** The scopes granted, space separated. */
  readonly scope: string | null;
}

/** Who acted in a cloud: what the command could learn of its identity. */
export type CloudIdentity =
  | {
      readonly cloud: 'aws';
      /** The caller's ARN, from STS GetCallerIdentity. */
      readonly arn: string | null;
      /** The caller's account. */
      readonly account: string | null;
      /** Why STS gave no identity. */
      readonly error?: string;
    }
  | {
      readonly cloud: 'azure';
      /** The storage account. */
      readonly account: string;
      /** How the command authenticated: a shared key, or DefaultAzureCredential. */
      readonly credential: string;
      /** The token's principal (DefaultAzureCredential), or "unknown" when no token was had. */
      readonly principal?: AzurePrincipal | 'unknown';
      /** How the principal was read: "decoded, not verified" (the token's signature is not checked). */
      readonly claims?: 'decoded, not verified';
      /** Why the principal is unknown. */
      readonly why?: string;
    }
  | {
      readonly cloud: 'gcp';
      /** How the command authenticated. */
      readonly credential: string;
      /** What tokeninfo said of the token, or "unknown". */
      readonly principal: GcpPrincipal | 'unknown';
      /** Why the principal is unknown. */
      readonly why?: string;
    }
  | {
      readonly cloud: 'local';
      /** Always "local file system". */
      readonly credential: string;
    };

/**
 * The AWS identity of the default credential chain (STS GetCallerIdentity, on AWS_ENDPOINT_URL when
 * set). A failure is recorded, not fatal: the store's own call fails with its own message if the
 * credentials are wrong.
 */
export async function awsIdentity(): Promise<CloudIdentity> {
  try {
    quietAwsSdkNodeNotice();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sts = require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts');
    const r = await new sts.STSClient({ maxAttempts: 1 }).send(new sts.GetCallerIdentityCommand({}));
    return { cloud: 'aws', arn: r.Arn ?? null, account: r.Account ?? null };
  } catch (err) {
    return { cloud: 'aws', arn: null, account: null, error: describeCloudError('GetCallerIdentity', err).message };
  }
}

/**
 * The payload of a JWT, decoded WITHOUT verifying its signature (base64url JSON between the first
 * and second dots). Throws on a token that is not a JWT.
 */
export function decodeJwtPayloadUnverified(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('the access token is not a JWT (three dot-separated parts)');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new Error('the access token\'s payload is not base64url JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the access token\'s payload is not a JSON object');
  return value as Record<string, unknown>;
}

const claim = (claims: Record<string, unknown>, name: string): string | null => (typeof claims[name] === 'string' ? (claims[name] as string) : null);

/** The principal claims (oid, appid or azp, upn, tid) of an Azure access token, not verified. */
export function azurePrincipalOfToken(token: string): AzurePrincipal {
  const c = decodeJwtPayloadUnverified(token);
  return { oid: claim(c, 'oid'), appid: claim(c, 'appid') ?? claim(c, 'azp'), upn: claim(c, 'upn'), tid: claim(c, 'tid') };
}

/** The smallest part of @azure/core-auth's TokenCredential used here. */
export interface TokenSource {
  /** An access token for the scope, as DefaultAzureCredential gives it. */
  getToken(scope: string): Promise<{ token: string } | null>;
}

/** The scope of an Azure Storage data-plane token (the one @azure/storage-blob asks for). */
export const AZURE_STORAGE_SCOPE = 'https://storage.azure.com/.default';

/**
 * The Azure identity of a token credential: the account, the credential's name, and the token's
 * principal claims (decoded, not verified), or "unknown" with why.
 */
export async function azureTokenIdentity(account: string, credential: string, source: TokenSource, scope = AZURE_STORAGE_SCOPE): Promise<CloudIdentity> {
  try {
    const t = await source.getToken(scope);
    if (!t?.token) return { cloud: 'azure', account, credential, principal: 'unknown', why: 'the credential gave no token' };
    return { cloud: 'azure', account, credential, principal: azurePrincipalOfToken(t.token), claims: 'decoded, not verified' };
  } catch (err) {
    return { cloud: 'azure', account, credential, principal: 'unknown', why: describeCloudError('no access token', err).message };
  }
}

/** The identity of a token already obtained (the management-plane token of `hold`). */
export function azureIdentityOfToken(account: string, credential: string, token: string): CloudIdentity {
  try {
    return { cloud: 'azure', account, credential, principal: azurePrincipalOfToken(token), claims: 'decoded, not verified' };
  } catch (err) {
    return { cloud: 'azure', account, credential, principal: 'unknown', why: (err as Error).message };
  }
}

/** Google's tokeninfo endpoint; FR_GOOGLE_TOKENINFO_URL points it elsewhere (tests, a proxy). */
export const GOOGLE_TOKENINFO_URL = 'https://oauth2.googleapis.com/tokeninfo';

/**
 * What Google's tokeninfo endpoint says of the access token in GOOGLE_OAUTH_ACCESS_TOKEN. The token
 * goes in a form body (POST), never in a URL. With STORAGE_EMULATOR_HOST set and no
 * FR_GOOGLE_TOKENINFO_URL the token is an emulator's, so Google is not asked: "unknown".
 */
export async function gcpIdentity(credential: string): Promise<CloudIdentity> {
  const token = process.env.GOOGLE_OAUTH_ACCESS_TOKEN;
  if (!token) return { cloud: 'gcp', credential, principal: 'unknown', why: 'no access token in GOOGLE_OAUTH_ACCESS_TOKEN' };
  const url = process.env.FR_GOOGLE_TOKENINFO_URL;
  if (!url && process.env.STORAGE_EMULATOR_HOST) return { cloud: 'gcp', credential, principal: 'unknown', why: 'STORAGE_EMULATOR_HOST is set: the token is for an emulator, so tokeninfo was not asked' };
  let r: Response;
  try {
    r = await fetch(url || GOOGLE_TOKENINFO_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token: token }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    return { cloud: 'gcp', credential, principal: 'unknown', why: describeCloudError('tokeninfo', err).message };
  }
  const text = await r.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) body = v as Record<string, unknown>;
  } catch {
    // not JSON
  }
  if (!r.ok) {
    const why = claim(body, 'error_description') ?? claim(body, 'error') ?? text.split('\n')[0].slice(0, 200);
    return { cloud: 'gcp', credential, principal: 'unknown', why: `tokeninfo: HTTP ${r.status}${why ? `: ${why}` : ''}` };
  }
  return { cloud: 'gcp', credential, principal: { email: claim(body, 'email'), sub: claim(body, 'sub'), azp: claim(body, 'azp'), aud: claim(body, 'aud'), scope: claim(body, 'scope') } };
}
