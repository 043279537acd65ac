/**
 * What the custody commands write stays out of the evidence they read: `verify cloudtrail` and
 * `manifest create` refuse a custody log, `--output` or `--out` inside the local copy (paths
 * compared as the file system resolves them), and `manifest create` names every entry of a folder
 * that is not a file or a folder (a symbolic link, a FIFO) instead of leaving it out silently.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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
