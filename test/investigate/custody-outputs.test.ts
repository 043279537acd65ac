/**
 * What the custody commands write stays out of the evidence they read: `verify cloudtrail` and
 * `manifest create` refuse a custody log, `--output` or `--out` inside the local copy (paths
 * compared as the file system resolves them), and `manifest create` names every entry of a folder
 * that is not a file or a folder (a symbolic link, a FIFO) instead of leaving it out silently.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NotFilesError, openStore, parseLocation } from '../../investigate/custody/sources';
import { writeSignedTrail } from '../incidents/cloudtrail-digests';
import { writeSageMakerExfiltration } from '../incidents/generator';
import { expectOneLineError, runCli } from '../peers/run-cli';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-custody-outputs-'));
});
afterEach(() => {
  for (const f of fs.readdirSync(tmp, { recursive: true }) as string[]) {
    const p = path.join(tmp, f);
    if (!fs.lstatSync(p).isSymbolicLink()) fs.chmodSync(p, 0o755);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every entry under a folder (links not followed), sorted: what a command may not add to. */
const entriesOf = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true }) as string[]).sort();

/** A signed trail's copy at tmp/case/copy, its keys file beside the copy. */
function trailCopy(): { copy: string; keys: string } {
  const copy = path.join(tmp, 'case', 'copy');
  const keys = path.join(tmp, 'case', 'keys.json');
  writeSignedTrail({ root: copy, keysFile: keys, hours: 3 });
  return { copy, keys };
}

describe('pull writes nothing but the store\'s objects into the copy it makes', () => {
  test('a manifest or custody log inside DIR is refused in one line before the store is read; beside it is the default', async () => {
    fs.mkdirSync(path.join(tmp, 'case'));
    const manifest = await runCli(['pull', 's3://evidence/AWSLogs/', 'case/copy', '--manifest', 'case/copy/m.jsonl'], tmp);
    expectOneLineError(manifest, /^forensic-readiness: --manifest case\/copy\/m\.jsonl is inside the copy case\/copy; refusing to write it there\n$/);
    const log = await runCli(['pull', 's3://evidence/AWSLogs/', 'case/copy', '--case', 'IR1', '--custody-log', 'case/copy/../copy/c.jsonl'], tmp);
    expectOneLineError(log, /^forensic-readiness: --custody-log case\/copy\/\.\.\/copy\/c\.jsonl is inside the copy case\/copy; refusing to write it there\n$/);
    expect(fs.readdirSync(path.join(tmp, 'case'))).toEqual([]);
  });
});

describe('verify cloudtrail writes nothing into the copy it verifies', () => {
  test('a custody log inside the copy is refused in one line naming the flag and the copy, given or defaulted, before anything is written', async () => {
    const { copy, keys } = trailCopy();
    const before = entriesOf(copy);
    const given = await runCli(['verify', 'cloudtrail', 'case/copy', '--public-keys', 'case/keys.json', '--case', 'IR1', '--custody-log', 'case/copy/AWSLogs/custody.jsonl'], tmp);
    expectOneLineError(given, /^forensic-readiness: --custody-log case\/copy\/AWSLogs\/custody\.jsonl is inside the copy case\/copy; refusing to write it there\n$/);
    expect(given.stdout).toBe('');
    // Run from inside the copy, the default log of the working folder would land in it.
    const defaulted = await runCli(['verify', 'cloudtrail', '.', '--public-keys', keys, '--case', 'IR1'], copy);
    expectOneLineError(defaulted, /^forensic-readiness: --custody-log forensic-readiness-custody\.jsonl \(the default, in the working folder\) is inside the copy \.; refusing to write it there; give --custody-log FILE outside it\n$/);
    const withOutput = await runCli(['verify', 'cloudtrail', 'case/copy', '--public-keys', 'case/keys.json', '--output', 'case/out.json', '--custody-log', 'case/copy/c.jsonl'], tmp);
    expectOneLineError(withOutput, /^forensic-readiness: --custody-log case\/copy\/c\.jsonl is inside the copy case\/copy;/);
    expect(fs.existsSync(path.join(tmp, 'case', 'out.json'))).toBe(false);
    expect(entriesOf(copy)).toEqual(before);
  });

  test('real paths are compared: a link into the copy, a dangling link, `..` and a copy named through a link are refused', async () => {
    const { copy } = trailCopy();
    const before = entriesOf(copy);
    fs.symlinkSync(path.join(copy, 'AWSLogs'), path.join(tmp, 'into-copy'));
    fs.symlinkSync(path.join(copy, 'AWSLogs', 'later.jsonl'), path.join(tmp, 'dangling.jsonl'));
    fs.symlinkSync(copy, path.join(tmp, 'copy-link'));
    const verify = (source: string, log: string) => runCli(['verify', 'cloudtrail', source, '--public-keys', 'case/keys.json', '--custody-log', log], tmp);
    expectOneLineError(await verify('case/copy', 'into-copy/c.jsonl'), /^forensic-readiness: --custody-log into-copy\/c\.jsonl is inside the copy case\/copy; refusing/);
    expectOneLineError(await verify('case/copy', 'dangling.jsonl'), /^forensic-readiness: --custody-log dangling\.jsonl is inside the copy case\/copy; refusing/);
    expectOneLineError(await verify('case/copy', 'case/../case/copy/AWSLogs/c.jsonl'), /^forensic-readiness: --custody-log case\/\.\.\/case\/copy\/AWSLogs\/c\.jsonl is inside the copy case\/copy; refusing/);
    expectOneLineError(await verify('copy-link', 'case/copy/c.jsonl'), /^forensic-readiness: --custody-log case\/copy\/c\.jsonl is inside the copy copy-link; refusing/);
    expectOneLineError(await verify('case/copy', 'case/keys.json'), /^forensic-readiness: --custody-log case\/keys\.json is also an input; refusing to write it there\n$/);
    expect(entriesOf(copy)).toEqual(before);
  });

  test('a custody log beside the copy (named through `..` of the copy) is written, and the verification exits 0', async () => {
    trailCopy();
    const r = await runCli(['verify', 'cloudtrail', 'case/copy', '--public-keys', 'case/keys.json', '--case', 'IR1', '--custody-log', 'case/copy/../custody.jsonl'], tmp);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^custody record 1 in .*custody\.jsonl sha256 [0-9a-f]{64}\n$/);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'case', 'custody.jsonl'), 'utf8'))).toMatchObject({ action: 'verify cloudtrail', caseId: 'IR1' });
  });
});

describe('manifest create writes nothing into the folder it manifests', () => {
  beforeEach(() => writeSageMakerExfiltration(path.join(tmp, 'v2', 'copy')));

  test('--out inside the folder, or the custody log there (given, or defaulted from a working folder in it), is refused before anything is read; beside it both are written', async () => {
    const copy = path.join(tmp, 'v2', 'copy');
    const before = entriesOf(copy);
    expectOneLineError(await runCli(['manifest', 'create', '../v2/copy', '--out', '../v2/copy/inside.jsonl', '--custody-log', '../c.jsonl'], path.join(tmp, 'v2')), /^forensic-readiness: --out \.\.\/v2\/copy\/inside\.jsonl is inside the copy \.\.\/v2\/copy; refusing to write it there\n$/);
    expectOneLineError(await runCli(['manifest', 'create', 'v2/copy', '--out', 'm.jsonl', '--custody-log', 'v2/copy/AWSLogs/c.jsonl'], tmp), /^forensic-readiness: --custody-log v2\/copy\/AWSLogs\/c\.jsonl is inside the copy v2\/copy; refusing to write it there\n$/);
    expectOneLineError(await runCli(['manifest', 'create', '.', '--out', path.join(tmp, 'm.jsonl')], copy), /^forensic-readiness: --custody-log forensic-readiness-custody\.jsonl \(the default, in the working folder\) is inside the copy \.; refusing/);
    fs.symlinkSync(copy, path.join(tmp, 'copy-link'));
    expectOneLineError(await runCli(['manifest', 'create', 'v2/copy', '--out', 'copy-link/m.jsonl', '--custody-log', 'c.jsonl'], tmp), /^forensic-readiness: --out copy-link\/m\.jsonl is inside the copy v2\/copy; refusing/);
    expect(fs.existsSync(path.join(tmp, 'm.jsonl'))).toBe(false);
    expect(entriesOf(copy)).toEqual(before);
    const beside = await runCli(['manifest', 'create', 'v2/copy', '--out', 'v2/copy/../m.jsonl', '--custody-log', 'v2/c.jsonl'], tmp);
    expect([beside.code, beside.stderr]).toEqual([0, '']);
    expect(fs.existsSync(path.join(tmp, 'v2', 'm.jsonl'))).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'v2', 'c.jsonl'))).toBe(true);
  });

  test('manifest diff refuses a custody log that is one of the manifests it reads', async () => {
    expect((await runCli(['manifest', 'create', 'v2/copy', '--out', 'm.jsonl', '--custody-log', 'c.jsonl'], tmp)).code).toBe(0);
    const before = fs.readFileSync(path.join(tmp, 'm.jsonl'));
    expectOneLineError(await runCli(['manifest', 'diff', 'm.jsonl', 'm.jsonl', '--custody-log', 'm.jsonl'], tmp), /^forensic-readiness: --custody-log m\.jsonl is also an input; refusing to write it there\n$/);
    expect(fs.readFileSync(path.join(tmp, 'm.jsonl'))).toEqual(before);
  });
});

describe('manifest create never follows a link, and names every entry it cannot list', () => {
  test('a day folder that is a link, a linked file and a FIFO: each named on stderr, one line each, then the refusal; exit 2, no manifest, no custody record', async () => {
    const copy = path.join(tmp, 'case-links');
    writeSageMakerExfiltration(copy);
    const day = (fs.readdirSync(copy, { recursive: true }) as string[]).filter((f) => /CloudTrail\/[^/]+\/\d{4}\/\d{2}\/\d{2}$/.test(f.split(path.sep).join('/'))).sort()[0];
    expect(day).toBeDefined();
    const otherDisk = path.join(tmp, 'otherdisk', 'day');
    fs.mkdirSync(path.dirname(otherDisk));
    fs.renameSync(path.join(copy, day), otherDisk);
    fs.symlinkSync(otherDisk, path.join(copy, day));
    fs.symlinkSync('../outside.txt', path.join(copy, 'linked.txt'));
    fs.writeFileSync(path.join(tmp, 'outside.txt'), 'not evidence');
    fs.mkdirSync(path.join(copy, 'zz'));
    const fifo = path.join(copy, 'zz', 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['manifest', 'create', 'case-links', '--out', 'm.jsonl', '--case', 'IR1'], tmp);
    const lines = r.stderr.split('\n');
    const rel = day.split(path.sep).join('/');
    expect(lines).toEqual([
      `forensic-readiness: case-links: ${rel} is a symbolic link to ${otherDisk}; not followed or read, and so no object of the listing`,
      'forensic-readiness: case-links: linked.txt is a symbolic link to ../outside.txt; not followed or read, and so no object of the listing',
      'forensic-readiness: case-links: zz/pipe is a FIFO; not followed or read, and so no object of the listing',
      expect.stringMatching(new RegExp(`^forensic-readiness: case-links: 3 entries are neither files nor folders \\(${rel}, linked\\.txt, zz/pipe\\); nothing is listed from it: a link is never followed`)),
      '',
    ]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(fs.existsSync(path.join(tmp, 'm.jsonl'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'forensic-readiness-custody.jsonl'))).toBe(false);
  });

  test('a link that points inside the folder is refused too, and the store\'s listing itself refuses it (not only the command)', async () => {
    const copy = path.join(tmp, 'data');
    fs.mkdirSync(path.join(copy, 'a'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'a', 'x.txt'), 'x');
    fs.symlinkSync('a', path.join(copy, 'b'));
    expectOneLineError(await runCli(['manifest', 'create', 'data', '--out', 'm.jsonl'], tmp).then((r) => ({ ...r, stderr: r.stderr.split('\n').slice(1).join('\n') })), /^forensic-readiness: data: 1 entry is neither a file nor a folder \(b\);/);
    const listing = async () => {
      for await (const ref of openStore(parseLocation('data', 'SOURCE', tmp)).list(false)) void ref;
    };
    await expect(listing()).rejects.toThrow(NotFilesError);
    await expect(listing()).rejects.toMatchObject({ entries: [{ rel: 'b', what: 'a symbolic link to a' }] });
  });

  test('a file swapped for a link or a FIFO after the folder was listed is refused when read, never followed nor waited on', async () => {
    const copy = path.join(tmp, 'data');
    fs.mkdirSync(copy);
    for (const name of ['a.txt', 'b.txt']) fs.writeFileSync(path.join(copy, name), name);
    fs.writeFileSync(path.join(tmp, 'outside.txt'), 'not evidence');
    const store = openStore(parseLocation('data', 'SOURCE', tmp));
    const refs = [];
    for await (const ref of store.list(false)) refs.push(ref);
    expect(refs.map((r) => r.key)).toEqual(['a.txt', 'b.txt']);
    fs.rmSync(path.join(copy, 'a.txt'));
    fs.symlinkSync(path.join(tmp, 'outside.txt'), path.join(copy, 'a.txt'));
    fs.rmSync(path.join(copy, 'b.txt'));
    execFileSync('mkfifo', [path.join(copy, 'b.txt')]);
    await expect(store.get(refs[0])).rejects.toMatchObject({ name: 'NotFilesError', entries: [{ rel: 'a.txt', what: `a symbolic link to ${path.join(tmp, 'outside.txt')}` }] });
    await expect(store.get(refs[1])).rejects.toMatchObject({ name: 'NotFilesError', entries: [{ rel: 'b.txt', what: 'a FIFO' }] });
  });
});
