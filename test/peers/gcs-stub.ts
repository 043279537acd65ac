/**
 * A local HTTP stub of the few GCS JSON API calls the custody commands make (list, get, media,
 * patch, media upload, bucket get) and of Google's tokeninfo endpoint. No GCS emulator is
 * available on these machines: tests that use this stub prove which requests the commands send
 * and what they make of the answers, never how GCS itself behaves. What the stub does keep:
 * uploads become objects (listed and read back), and an upload with ifGenerationMatch=0 over a
 * live object is refused with 412, as the JSON API documents.
 */
import * as http from 'http';

/** One object generation the stub serves. */
export interface StubObject {
  /** The object's name. */
  readonly name: string;
  /** Its generation. */
  readonly generation: string;
  /** Its content. */
  readonly body: string;
  /** Its user metadata. */
  readonly metadata?: Record<string, string>;
}

/** What the stub answers besides the objects. */
export interface StubOptions {
  /** The bucket's retention policy (GET /storage/v1/b/BUCKET); none when absent. */
  readonly retentionPolicy?: { readonly retentionPeriod: string; readonly isLocked?: boolean };
  /** tokeninfo answers by access token; any other token is `invalid_token` (HTTP 400). */
  readonly tokens?: Readonly<Record<string, Record<string, string>>>;
  /** Refuse every upload with this HTTP status (a store that fails after its bucket was checked). */
  readonly refuseUploads?: number;
}

/** A running stub. */
export interface GcsStub {
  /** Its root URL, for STORAGE_EMULATOR_HOST. */
  readonly host: string;
  /** The URL of its tokeninfo endpoint, for FR_GOOGLE_TOKENINFO_URL. */
  readonly tokeninfo: string;
  /** Every request: method, path with query, authorization header, body. */
  readonly requests: { method: string; url: string; auth: string | undefined; body: string }[];
  /** The objects, uploads included, oldest generation first. */
  readonly objects: StubObject[];
  /** Stops the server. */
  stop(): Promise<void>;
}

/** Starts the stub for one bucket on a free port of 127.0.0.1. */
export async function startGcsStub(bucket: string, initial: readonly StubObject[], options: StubOptions = {}): Promise<GcsStub> {
  const requests: GcsStub['requests'] = [];
  const objects: StubObject[] = [...initial];
  let nextGeneration = 1_800_000_000_000_000;
  const resource = (o: StubObject) => ({ kind: 'storage#object', name: o.name, bucket, generation: o.generation, size: String(Buffer.byteLength(o.body)), etag: `etag-${o.generation}`, updated: '2026-12-01T00:00:00.000Z', md5Hash: 'bWQ1', crc32c: 'Y3Jj', metadata: o.metadata });
  const json = (res: http.ServerResponse, status: number, value: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(value));
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => answer());
    const answer = (): void => {
      requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const url = new URL(req.url!, 'http://stub');
      const list = `/storage/v1/b/${bucket}/o`;
      if (url.pathname === '/tokeninfo' && req.method === 'POST') {
        const info = options.tokens?.[new URLSearchParams(body).get('access_token') ?? ''];
        if (info) json(res, 200, info);
        else json(res, 400, { error: 'invalid_token', error_description: 'Invalid Value' });
        return;
      }
      if (url.pathname === `/storage/v1/b/${bucket}` && req.method === 'GET') {
        json(res, 200, options.retentionPolicy ? { retentionPolicy: { ...options.retentionPolicy, effectiveTime: '2026-01-01T00:00:00.000Z' } } : {});
        return;
      }
      if (url.pathname.startsWith('/storage/v1/b/') && url.pathname.split('/').length === 5 && req.method === 'GET') {
        json(res, 404, { error: { code: 404, message: 'The specified bucket does not exist.' } });
        return;
      }
      if (url.pathname === list && req.method === 'GET') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const all = url.searchParams.get('versions') === 'true';
        const items = objects.filter((o) => o.name.startsWith(prefix) && (all || objects.filter((p) => p.name === o.name).pop() === o));
        json(res, 200, { items: items.map(resource) });
        return;
      }
      if (url.pathname.startsWith(`${list}/`)) {
        const name = decodeURIComponent(url.pathname.slice(list.length + 1));
        const generation = url.searchParams.get('generation');
        const o = objects.filter((p) => p.name === name && (!generation || p.generation === generation)).pop();
        if (!o) json(res, 404, { error: { message: 'No such object' } });
        else if (url.searchParams.get('alt') === 'media') res.end(o.body);
        else json(res, 200, req.method === 'PATCH' ? { ...resource(o), ...JSON.parse(body) } : resource(o));
        return;
      }
      if (url.pathname === `/upload/storage/v1/b/${bucket}/o` && req.method === 'POST') {
        const name = url.searchParams.get('name') ?? '';
        if (options.refuseUploads) {
          json(res, options.refuseUploads, { error: { code: options.refuseUploads, message: 'The stub refuses uploads.' } });
          return;
        }
        if (url.searchParams.get('ifGenerationMatch') === '0' && objects.some((o) => o.name === name)) {
          json(res, 412, { error: { code: 412, message: 'At least one of the pre-conditions you specified did not hold.' } });
          return;
        }
        const o = { name, generation: String(nextGeneration++), body };
        objects.push(o);
        json(res, 200, resource(o));
        return;
      }
      json(res, 400, {});
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const host = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { host, tokeninfo: `${host}/tokeninfo`, requests, objects, stop: () => new Promise((r) => server.close(() => r())) };
}
