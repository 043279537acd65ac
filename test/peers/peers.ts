/**
 * Real peers for the custody tests: moto_server (Python moto: S3 with versions, Object Lock, legal
 * holds, and STS) and Azurite's blob service, each on a free local port, started by the test that
 * needs it and stopped after it. Nothing here is mocked: the SDKs talk HTTP to these servers.
 */
import { ChildProcess, spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';

/** A free TCP port on 127.0.0.1 (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Peer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, log: () => string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`peer exited (${child.exitCode}) before listening: ${log().slice(-500)}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`peer at ${url} did not answer within ${timeoutMs} ms: ${log().slice(-500)}`);
}

/** Stops a peer: SIGTERM, then SIGKILL after 2 s (Azurite and moto can take seconds to close); resolves once it has exited. */
function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** How long a test file's beforeAll may take to start its peers on a loaded machine. */
export const PEER_START_MS = 120_000;

/** Starts several peers at once; if one fails, the others are stopped before the error is thrown. */
export async function startPeers<T extends readonly (() => Promise<Peer>)[]>(...starters: T): Promise<{ [K in keyof T]: Peer }> {
  const settled = await Promise.allSettled(starters.map((start) => start()));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw failed.reason;
  }
  return settled.map((r) => (r as PromiseFulfilledResult<Peer>).value) as { [K in keyof T]: Peer };
}

async function startPeer(command: string, args: readonly string[], url: (port: number) => string, port: number): Promise<Peer> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const stop = stopper(child);
  try {
    await waitForHttp(url(port), child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: url(port), port, stop };
}

/** moto_server on a free port; AWS_* variables for the SDK via `awsEnv`. */
export async function startMoto(): Promise<Peer> {
  const port = await freePort();
  return startPeer('moto_server', ['-H', '127.0.0.1', '-p', String(port)], (p) => `http://127.0.0.1:${p}`, port);
}

/** The environment that points the AWS SDK at a moto_server. */
export function awsEnv(moto: Peer): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: moto.url,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // No user's ~/.aws files can change what the tests talk to.
    AWS_CONFIG_FILE: path.join(__dirname, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(__dirname, 'no-aws-credentials'),
  };
}

/** Azurite's well-known development account (public in Azurite's documentation). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Azurite's blob service, in memory, on a free port. */
export async function startAzurite(): Promise<Peer> {
  const port = await freePort();
  const bin = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  return startPeer(process.execPath, [bin, '--inMemoryPersistence', '--silent', '--skipApiVersionCheck', '--blobHost', '127.0.0.1', '--blobPort', String(port)], (p) => `http://127.0.0.1:${p}/${AZURITE_ACCOUNT}`, port);
}

/** The connection string of an Azurite peer. */
export function azuriteConnectionString(azurite: Peer): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${azurite.url};`;
}

/** Sets environment variables for the duration of a test file; returns the restore function. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
