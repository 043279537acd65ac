/** `forensic-readiness manifest create SOURCE --out DEST` and `manifest diff BASELINE CURRENT`. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InputError, printable } from '../../policies/engine/errors';
import { toolInfo } from '../../policies/report/tool';
import { checkCustodyStore } from '../../investigate/custody/custody-store';
import { ManifestDiff, ManifestWriter, createManifest, diffManifests, loadManifest, storeFile } from '../../investigate/custody/manifest';
import { appendCustodyRecord, identityOf, prepareCustodyStore } from '../../investigate/custody/record';
import { NotFilesError, describeNotFile, openStore } from '../../investigate/custody/sources';
import { Command, helpRows } from './command';
import { cwdOf } from './common';
import { CUSTODY_HELP, CUSTODY_OPTIONS, caseIdOf, custodyLogOf, custodyOptions, locationOf, refuseOutputsInInputs, retentionOf } from './custody';

export const MANIFEST: Command = {
  name: 'manifest',
  synopsis: 'manifest ...',
  summary: ['create SOURCE --out DEST: key, size, SHA-256, version, checksums of', 'every object; diff BASELINE CURRENT: added, removed, changed objects.'],
  help: [
    'Options of manifest:',
    helpRows([
      ['create SOURCE --out DEST', 'SOURCE: a folder, s3://, gs:// or an Azure container URL;', 'DEST: a new file, s3://BUCKET/KEY (with --retain-*),', 'an Azure blob URL or gs://BUCKET/NAME.'],
      ['--versions', 'create: every version of every object.'],
      ['diff BASELINE CURRENT', 'Exit 0 when equal, 1 when different.'],
      ['--format text|json', 'diff: (default: text).'],
      ...CUSTODY_HELP,
    ]),
    '  Exit: 0 written / equal; 1 diff: objects added, removed or changed; 2 bad input (a',
    '  local SOURCE holding a symbolic link, FIFO or device: each named; an output inside SOURCE).',
  ].join('\n'),
  options: { out: { type: 'string' }, versions: { type: 'boolean' }, format: { type: 'string' }, ...CUSTODY_OPTIONS },
  takesPaths: true,
  run(args, io) {
    const [verb, ...rest] = args.paths;
    if (verb === 'create') return create(rest, args, io);
    if (verb === 'diff') return diff(rest, args, io);
    throw new InputError(`manifest needs create or diff, got ${verb === undefined ? 'nothing' : JSON.stringify(verb)}`);
  },
};

function create(paths: readonly string[], args: Parameters<Command['run']>[0], io: Parameters<Command['run']>[1]): Promise<number> {
  if (paths.length !== 1) throw new InputError(`manifest create needs one SOURCE, got ${paths.length}`);
  const outText = args.value('out');
  if (outText === undefined) throw new InputError('manifest create needs --out DEST (a new file, s3://BUCKET/KEY, an Azure blob URL or gs://BUCKET/NAME)');
  if (args.value('format') !== undefined) throw new InputError('--format is for manifest diff; a manifest is JSON lines');
  const source = locationOf(paths[0], 'SOURCE', io);
  const dest = locationOf(outText, '--out', io);
  // Neither the manifest nor the custody log lands inside the folder manifested.
  refuseOutputsInInputs([...(dest.kind === 'local' ? [{ flag: '--out', text: outText }] : []), custodyLogOf(args)], source.kind === 'local' ? [{ text: paths[0], copy: true }] : [], cwdOf(io));
  const retention = retentionOf(args);
  if (dest.kind === 's3' && !retention) throw new InputError(`--out ${outText}: a manifest written to S3 needs --retain-days N or --retain-until DATE (Object Lock, COMPLIANCE mode)`);
  if (dest.kind === 'local' && fs.existsSync(dest.path)) throw new InputError(`--out ${outText}: already exists; a manifest never overwrites a file`);
  const versions = args.flag('versions');
  const caseId = caseIdOf(args, undefined);
  const custody = custodyOptions(args, io, dest.kind === 'azure' || dest.kind === 'gcs' ? dest.kind : undefined, dest.kind === 's3' ? '--out' : undefined);
  return (async () => {
    await prepareCustodyStore(custody);
    // A manifest written to Azure or GCS is kept by the container's or bucket's own lock: checked
    // before the source is read (an S3 --out is written under Object Lock by the put itself).
    let destLock: string | null = dest.kind === 's3' ? `S3 Object Lock COMPLIANCE until ${retention!.retainUntil.toISOString()}` : null;
    if (dest.kind === 'azure' || dest.kind === 'gcs') {
      const check = await checkCustodyStore(dest, retention, args.flag('allow-mutable-store'), '--out', 'the manifest');
      if (check.warning) io.stderr(`forensic-readiness: warning: ${printable(check.warning)}\n`);
      destLock = check.lock;
    }
    const store = openStore(source);
    const writer = new ManifestWriter(source.text, versions, toolInfo());
    try {
      await createManifest(store, versions, writer);
    } catch (err) {
      writer.discard();
      // Each entry the manifest would leave out, one line each; then the refusal (exit 2).
      if (err instanceof NotFilesError) for (const e of err.entries) io.stderr(`forensic-readiness: ${printable(describeNotFile(source.text, e))}\n`);
      throw err;
    }
    let file = dest.kind === 'local' ? dest.path : '';
    let tmp: string | undefined;
    if (dest.kind !== 'local') {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-manifest-out-'));
      file = path.join(tmp, 'manifest.jsonl');
    }
    try {
      const { sha256, header } = await writer.finish(file);
      const written = dest.kind === 'local' ? dest.path : await storeFile(file, dest, retention);
      const who = [await identityOf(source, store.credential)];
      // The identity that wrote to the destination, when it is another cloud than the source's.
      if (dest.kind !== 'local' && dest.kind !== source.kind) who.push(await identityOf(dest, openStore(dest).credential));
      const rec = await appendCustodyRecord(custody, {
        action: 'manifest create',
        caseId,
        cloud: who,
        inputs: [{ name: 'source', value: source.text }, { name: 'versions', value: String(versions) }],
        result: { manifest: written, manifestSha256: sha256, objects: header.objects, retainUntil: dest.kind === 's3' ? retention!.retainUntil.toISOString() : null, lock: destLock },
      });
      io.stdout(`${printable(`manifest of ${header.objects} object${header.objects === 1 ? '' : 's'} under ${source.text} written to ${written} sha256 ${sha256}`)}\n`);
      io.stdout(`${printable(`custody record ${rec.record.seq} in ${custody.log} sha256 ${rec.sha256}${rec.stored ? `, stored at ${rec.stored}` : ''}`)}\n`);
      return 0;
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  })();
}

function diff(paths: readonly string[], args: Parameters<Command['run']>[0], io: Parameters<Command['run']>[1]): Promise<number> {
  if (paths.length !== 2) throw new InputError(`manifest diff needs BASELINE and CURRENT, got ${paths.length} argument${paths.length === 1 ? '' : 's'}`);
  const format = args.value('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError(`--format for manifest diff must be text or json, got ${JSON.stringify(format)}`);
  if (args.value('out') !== undefined) throw new InputError('--out is for manifest create; diff writes to stdout');
  const caseId = caseIdOf(args, undefined);
  const custody = custodyOptions(args, io);
  const cwd = cwdOf(io);
  const local = paths.filter((p) => locationOf(p, 'manifest', io).kind === 'local');
  refuseOutputsInInputs([custodyLogOf(args)], local.map((text) => ({ text, copy: false })), cwd);
  return (async () => {
    await prepareCustodyStore(custody);
    const baseline = await loadManifest(paths[0], cwd);
    const current = await loadManifest(paths[1], cwd);
    const d = diffManifests(baseline, current);
    const side = (m: typeof baseline) => ({ manifest: m.text, sha256: m.sha256, source: m.header.source, created: m.header.created, objects: m.header.objects });
    const result = { equal: d.equal, added: d.added.length, removed: d.removed.length, changed: d.changed.length, unchanged: d.unchanged };
    const rec = await appendCustodyRecord(custody, {
      action: 'manifest diff',
      caseId,
      cloud: [],
      inputs: [
        { name: 'baseline', value: baseline.text, sha256: baseline.sha256 },
        { name: 'current', value: current.text, sha256: current.sha256 },
      ],
      result: { ...result, differences: { added: d.added.map((e) => e.key), removed: d.removed.map((e) => e.key), changed: d.changed.map((e) => e.key) } },
    });
    if (format === 'json') io.stdout(`${JSON.stringify({ baseline: side(baseline), current: side(current), ...d, custodyRecord: { log: custody.log, seq: rec.record.seq, sha256: rec.sha256 } }, null, 2)}\n`);
    else io.stdout(renderDiff(d, baseline.text, current.text));
    return d.equal ? 0 : 1;
  })();
}

/** One line per difference, then the verdict; every line printable (object keys are whoever wrote them: a newline or ESC in a key is shown as an escape). */
function renderDiff(d: ManifestDiff, baseline: string, current: string): string {
  const v = (e: { versionId: string | null; generation: string | null }) => (e.versionId ?? e.generation ? ` (version ${e.versionId ?? e.generation})` : '');
  const lines = [
    ...d.added.map((e) => `added    ${e.key}${v(e)}: ${e.size} bytes, sha256 ${e.sha256}`),
    ...d.removed.map((e) => `removed  ${e.key}${v(e)}: was ${e.size} bytes, sha256 ${e.sha256}`),
    ...d.changed.map((c) => `changed  ${c.key}${v(c)}: ${c.baseline.size} -> ${c.current.size} bytes, sha256 ${c.baseline.sha256} -> ${c.current.sha256}`),
    `${d.equal ? 'EQUAL' : 'DIFFERENT'}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged (${baseline} -> ${current})`,
  ];
  return `${lines.map(printable).join('\n')}\n`;
}
