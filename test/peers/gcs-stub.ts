/**
 * A local HTTP stub of the few GCS JSON API calls the custody commands make (list, get, media,
 * patch, media upload). No GCS emulator is available on these machines: tests that use this stub prove which
 * requests the commands send and what they make of the answers, never how GCS itself behaves.
 */
import * as http from 'http';

export interface StubObject {
  readonly name: string;
  readonly generation: string;
  readonly body: string;
  readonly metadata?: Record<string, string>;
}

export interface GcsStub {
  readonly host: string;
  /** Every request: method, path with query, authorization header, body. */
  readonly requests: { method: string; url: string; auth: string | undefined; body: string }[];
  stop(): Promise<void>;
}

export async function startGcsStub(bucket: string, objects: readonly StubObject[]): Promise<GcsStub> {
  const requests: GcsStub['requests'] = [];
  const resource = (o: StubObject) => ({ kind: 'storage#object', name: o.name, bucket, generation: o.generation, size: String(Buffer.byteLength(o.body)), etag: `etag-${o.generation}`, updated: '2026-12-01T00:00:00.000Z', md5Hash: 'bWQ1', crc32c: 'Y3Jj', metadata: o.metadata });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => answer());
    const answer = (): void => {
      requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const url = new URL(req.url!, 'http://stub');
      const list = `/storage/v1/b/${bucket}/o`;
      if (url.pathname === list && req.method === 'GET') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const all = url.searchParams.get('versions') === 'true';
        const items = objects.filter((o) => o.name.startsWith(prefix) && (all || objects.filter((p) => p.name === o.name).pop() === o));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ items: items.map(resource) }));
        return;
      }
      if (url.pathname.startsWith(`${list}/`)) {
        const name = decodeURIComponent(url.pathname.slice(list.length + 1));
        const generation = url.searchParams.get('generation');
        const o = objects.filter((p) => p.name === name && (!generation || p.generation === generation)).pop();
        if (!o) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { message: 'No such object' } }));
        } else if (url.searchParams.get('alt') === 'media') {
          res.end(o.body);
        } else {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(req.method === 'PATCH' ? { ...resource(o), ...JSON.parse(body) } : resource(o)));
        }
        return;
      }
      if (url.pathname === `/upload/storage/v1/b/${bucket}/o` && req.method === 'POST') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ name: url.searchParams.get('name'), bucket, generation: '1' }));
        return;
      }
      res.statusCode = 400;
      res.end('{}');
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const host = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { host, requests, stop: () => new Promise((r) => server.close(() => r())) };
}
