/** `forensic-readiness pull SOURCE DIR`: the forensic copy of a store, with sidecars, a manifest and a custody record. */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../../policies/engine/errors';
import { toolInfo } from '../../policies/report/tool';
import { ManifestWriter } from '../../investigate/custody/manifest';
import { pullStore } from '../../investigate/custody/pull';
import { appendCustodyRecord, identityOf, prepareCustodyStore } from '../../investigate/custody/record';
import { openStore } from '../../investigate/custody/sources';
import { Command, helpRows } from './command';
import { cwdOf } from './common';
import { CUSTODY_HELP, CUSTODY_OPTIONS, caseIdOf, custodyLogOf, custodyOptions, locationOf, refuseOutputsInInputs } from './custody';

export const PULL: Command = {
  name: 'pull',
  synopsis: 'pull SRC DIR',
  summary: ['Copy every object under SRC (s3://, gs://, an Azure container) to DIR,', 'read-only, with metadata sidecars, a manifest and a custody record.'],
  help: [
    'Options of pull:',
    helpRows([
      ['--versions', 'Every version: version V of key K goes to K.versions/V.'],
      ['--manifest FILE', 'The manifest of the copy (default: DIR.manifest.jsonl).'],
      ...CUSTODY_HELP,
    ]),
    '  Exit: 0 copied; 2 bad input, a file already in DIR, or a store that cannot be read.',
  ].join('\n'),
  options: { versions: { type: 'boolean' }, manifest: { type: 'string' }, ...CUSTODY_OPTIONS },
  takesPaths: true,
  run(args, io) {
    if (args.paths.length !== 2) throw new InputError(`pull needs SOURCE and DIR, got ${args.paths.length} argument${args.paths.length === 1 ? '' : 's'}`);
    const [sourceText, dirText] = args.paths;
    const source = locationOf(sourceText, 'SOURCE', io);
    if (source.kind === 'local') throw new InputError(`SOURCE ${JSON.stringify(sourceText)} must be s3://BUCKET/PREFIX, gs://BUCKET/PREFIX or an Azure container URL`);
    const cwd = cwdOf(io);
    const dir = path.resolve(cwd, dirText);
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new InputError(`DIR ${dirText}: exists and is not a folder`);
    const manifestText = args.value('manifest');
    const manifestFile = path.resolve(cwd, manifestText ?? `${dir.replace(/[/\\]+$/, '')}.manifest.jsonl`);
    // The copy holds the store's objects only: its manifest and custody log go beside it.
    refuseOutputsInInputs([{ flag: '--manifest', text: manifestText ?? manifestFile, defaulted: manifestText === undefined }, custodyLogOf(args)], [{ text: dirText, copy: true }], cwd);
    if (fs.existsSync(manifestFile)) throw new InputError(`${manifestFile}: already exists; pull never overwrites a file (give --manifest FILE)`);
    const versions = args.flag('versions');
    const caseId = caseIdOf(args, undefined);
    const custody = custodyOptions(args, io);
    return (async () => {
      await prepareCustodyStore(custody);
      const store = openStore(source);
      const writer = new ManifestWriter(source.text, versions, toolInfo());
      let pulled;
      try {
        pulled = await pullStore(store, dir, versions, writer);
      } catch (err) {
        writer.discard();
        throw err;
      }
      const manifest = await writer.finish(manifestFile);
      const who = await identityOf(source, store.credential);
      const result = { dir, objects: pulled.objects, bytes: pulled.bytes, manifest: manifestFile, manifestSha256: manifest.sha256 };
      const rec = await appendCustodyRecord(custody, {
        action: 'pull',
        caseId,
        cloud: [who],
        inputs: [{ name: 'source', value: source.text }, { name: 'versions', value: String(versions) }],
        result,
      });
      io.stdout(`pulled ${pulled.objects} object${pulled.objects === 1 ? '' : 's'} (${pulled.bytes} bytes) from ${source.text} to ${dirText}\n`);
      io.stdout(`manifest ${manifestFile} sha256 ${manifest.sha256}\n`);
      io.stdout(`custody record ${rec.record.seq} in ${custody.log} sha256 ${rec.sha256}${rec.stored ? `, stored at ${rec.stored}` : ''}\n`);
      return 0;
    })();
  },
};
