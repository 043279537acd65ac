/**
 * The report folder swap (policies/report/folder.ts): DIR is a link to a version folder in
 * `.DIR.reports/`, replaced by renaming a new link over it. At every step of the swap, and after a
 * kill at any step, DIR holds the whole old report or the whole new one, and the next run cleans up.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildModel } from '../../policies/engine/loader';
import { runRules } from '../../policies/engine/runner';
import { REPORT_FOLDER_FILES, REPORT_MARKER, Report, ReportSwapStep, buildReport, reportVersionsFolder, writeReportFolder } from '../../policies/report';

const ROOT = path.join(__dirname, '..', '..');
const FILES = [REPORT_MARKER, ...Object.keys(REPORT_FOLDER_FILES)].sort();
const SWAP_STEPS: ReportSwapStep[] = ['version-written', 'link-created', 'swapped', 'old-removed'];
const MIGRATION_STEPS: ReportSwapStep[] = ['version-written', 'link-created', 'moved-old', 'swapped', 'old-removed'];

/** A report that says which run wrote it (its one input is the label). */
const reportOf = (label: string): Report => buildReport(runRules(buildModel([]), []), { inputs: [{ path: label, kind: 'cloudformation', files: [label] }] });

/** The label of the whole report DIR holds, 'absent' when there is none; throws on a partial one. */
function shown(dir: string): string {
  if (!fs.existsSync(dir)) return 'absent';
  const names = fs.readdirSync(dir).sort();
  const whole = [FILES, FILES.filter((f) => f !== REPORT_MARKER)].some((f) => JSON.stringify(f) === JSON.stringify(names));
  if (!whole) throw new Error(`${dir} holds ${names.join(', ')}: not a whole report`);
  const doc = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { inputs: { path: string }[] };
  return doc.inputs[0]?.path ?? '?';
}

/** What sits beside DIR once a run is done: DIR itself and the versions folder with one version. */
function expectClean(dir: string): void {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  expect(fs.readdirSync(parent).filter((n) => n.includes(base)).sort()).toEqual([`.${base}.reports`, base]);
  expect(fs.lstatSync(dir).isSymbolicLink()).toBe(true);
  expect(fs.readdirSync(reportVersionsFolder(dir))).toEqual([path.basename(fs.readlinkSync(dir))]);
}

/** A pid that no process has (one that just exited). */
const deadPid = () => spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;

let tmp: string;
let n = 0;
const fresh = (name = 'out') => path.join(fs.mkdtempSync(path.join(tmp, `${n++}-`)), name);
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-report-folder-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A real report folder as an earlier kit version wrote it (no link). */
function realReportFolder(dir: string, label: string, marker = true): void {
  fs.mkdirSync(dir);
  for (const [name, renderer] of Object.entries(REPORT_FOLDER_FILES)) fs.writeFileSync(path.join(dir, name), renderer.render(reportOf(label)));
  if (marker) fs.writeFileSync(path.join(dir, REPORT_MARKER), '{}\n');
}

describe('the swap, step by step', () => {
  test('a new folder: a link to a version; a reader opens DIR/report.html through it', () => {
    const dir = fresh();
    const seen: [ReportSwapStep, string][] = [];
    writeReportFolder(dir, reportOf('new'), 'out', { afterStep: (s) => seen.push([s, shown(dir)]) });
    expect(seen).toEqual([['version-written', 'absent'], ['link-created', 'absent'], ['swapped', 'new'], ['old-removed', 'new']]);
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(fs.readlinkSync(dir)).toMatch(/^\.out\.reports[/\\]report-\d+-[0-9a-z]+$/);
    expectClean(dir);
  });

  test('over an earlier run: the old report until the one rename, the new one after it', () => {
    const dir = fresh();
    writeReportFolder(dir, reportOf('old'));
    const seen: [ReportSwapStep, string][] = [];
    writeReportFolder(dir, reportOf('new'), 'out', { afterStep: (s) => seen.push([s, shown(dir)]) });
    expect(seen).toEqual([['version-written', 'old'], ['link-created', 'old'], ['swapped', 'new'], ['old-removed', 'new']]);
    expectClean(dir);
  });

  test.each([
    ['marked', true],
    ['of an earlier kit version (report files only, no marker)', false],
  ])('a real report folder %s is migrated once: absent only between the two renames, whole on either side', (_, marker) => {
    const dir = fresh();
    realReportFolder(dir, 'old', marker);
    const seen: [ReportSwapStep, string][] = [];
    writeReportFolder(dir, reportOf('new'), 'out', { afterStep: (s) => seen.push([s, shown(dir)]) });
    expect(seen).toEqual([['version-written', 'old'], ['link-created', 'old'], ['moved-old', 'absent'], ['swapped', 'new'], ['old-removed', 'new']]);
    expectClean(dir);
    // From then on a link: no window at all.
    const again: string[] = [];
    writeReportFolder(dir, reportOf('newer'), 'out', { afterStep: (s) => again.push(s) });
    expect(again).not.toContain('moved-old');
    expect(shown(dir)).toBe('newer');
  });

  test('an empty folder is replaced', () => {
    const dir = fresh();
    fs.mkdirSync(dir);
    writeReportFolder(dir, reportOf('new'));
    expect(shown(dir)).toBe('new');
    expectClean(dir);
  });

  test('a failure before the swap leaves the old report and nothing else', () => {
    const dir = fresh();
    writeReportFolder(dir, reportOf('old'));
    const before = fs.readlinkSync(dir);
    expect(() => writeReportFolder(dir, reportOf('new'), 'out', { afterStep: (s) => { if (s === 'link-created') throw Object.assign(new Error('disk full'), { code: 'ENOSPC' }); } })).toThrow('--out out: cannot write the report (ENOSPC)');
    expect([fs.readlinkSync(dir), shown(dir)]).toEqual([before, 'old']);
    expectClean(dir);
  });

  test('a failure during a migration puts the real folder back', () => {
    const dir = fresh();
    realReportFolder(dir, 'old');
    expect(() => writeReportFolder(dir, reportOf('new'), 'out', { afterStep: (s) => { if (s === 'moved-old') throw Object.assign(new Error('io'), { code: 'EIO' }); } })).toThrow(/EIO/);
    expect(fs.lstatSync(dir).isDirectory()).toBe(true);
    expect(shown(dir)).toBe('old');
    expect(fs.readdirSync(reportVersionsFolder(dir))).toEqual([]);
  });
});

describe('killed at each step (SIGKILL in a child process), then run again', () => {
  const child = (dir: string, label: string, step: ReportSwapStep) =>
    spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join(__dirname, 'report-folder-child.ts'), dir, label, step], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

  test.each(SWAP_STEPS)('over an earlier run, killed after %s', (step) => {
    const dir = fresh();
    // Written by a process that is gone, as an earlier run's report is (a live writer's version is kept).
    expect(child(dir, 'old', 'none' as ReportSwapStep).status).toBe(0);
    const r = child(dir, 'new', step);
    expect([r.signal, r.stderr]).toEqual(['SIGKILL', '']);
    expect(shown(dir)).toBe(SWAP_STEPS.indexOf(step) < SWAP_STEPS.indexOf('swapped') ? 'old' : 'new');
    writeReportFolder(dir, reportOf('next'));
    expect(shown(dir)).toBe('next');
    expectClean(dir);
  });

  test.each(MIGRATION_STEPS)('migrating a real report folder, killed after %s', (step) => {
    const dir = fresh();
    realReportFolder(dir, 'old');
    const r = child(dir, 'new', step);
    expect(r.signal).toBe('SIGKILL');
    const at = MIGRATION_STEPS.indexOf(step);
    const expected = at < MIGRATION_STEPS.indexOf('moved-old') ? 'old' : at === MIGRATION_STEPS.indexOf('moved-old') ? 'absent' : 'new';
    expect(shown(dir)).toBe(expected);
    if (expected === 'absent') {
      // The documented one-time window: the old report is whole, in the versions folder.
      const versions = reportVersionsFolder(dir);
      expect(fs.readdirSync(versions).map((v) => shown(path.join(versions, v))).sort()).toEqual(['new', 'old']);
    }
    writeReportFolder(dir, reportOf('next'));
    expect(shown(dir)).toBe('next');
    expectClean(dir);
  });
});

describe('what is never removed or replaced', () => {
  test("a marked report folder that also holds a user's file is refused: the marker is no licence to remove it", () => {
    const dir = fresh();
    realReportFolder(dir, 'old');
    fs.writeFileSync(path.join(dir, 'my-notes.txt'), 'mine');
    expect(() => writeReportFolder(dir, reportOf('new'), 'out')).toThrow('--out out: the folder holds files that are not a forensic-readiness report; give a new or empty folder');
    expect(fs.readFileSync(path.join(dir, 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(fs.readdirSync(dir).sort()).toEqual([...FILES, 'my-notes.txt'].sort());
  });

  test('a version written by another kit version, listing a report file this one does not write, is still replaced', () => {
    const dir = fresh();
    writeReportFolder(dir, reportOf('old'));
    const oldVersion = path.resolve(path.dirname(dir), fs.readlinkSync(dir));
    fs.writeFileSync(path.join(oldVersion, 'report.xml'), '<x/>');
    fs.writeFileSync(path.join(oldVersion, REPORT_MARKER), JSON.stringify({ writtenBy: 'forensic-readiness', files: [...Object.keys(REPORT_FOLDER_FILES), 'report.xml'] }));
    writeReportFolder(dir, reportOf('new'));
    expect(fs.existsSync(oldVersion)).toBe(false);
    expectClean(dir);
  });

  test('a link to a folder that is not a version of the kit is refused, and the folder kept', () => {
    const dir = fresh();
    const elsewhere = path.join(path.dirname(dir), 'mine');
    realReportFolder(elsewhere, 'theirs');
    fs.symlinkSync('mine', dir);
    expect(() => writeReportFolder(dir, reportOf('new'), 'out')).toThrow('--out out: is a symbolic link to mine, not a report version this kit wrote; remove the link or give another folder');
    expect([fs.readlinkSync(dir), shown(elsewhere)]).toEqual(['mine', 'theirs']);
    expect(fs.existsSync(reportVersionsFolder(dir))).toBe(false);
  });

  test('a link named like a version but outside the versions folder, or to a version holding a user file, is refused', () => {
    const dir = fresh();
    const parent = path.dirname(dir);
    fs.mkdirSync(path.join(parent, 'report-1-abc'));
    fs.writeFileSync(path.join(parent, 'report-1-abc', 'notes.txt'), 'mine');
    fs.symlinkSync('report-1-abc', dir);
    expect(() => writeReportFolder(dir, reportOf('new'), 'out')).toThrow(/not a report version this kit wrote/);
    fs.unlinkSync(dir);
    fs.mkdirSync(path.join(parent, '.out.reports'));
    fs.renameSync(path.join(parent, 'report-1-abc'), path.join(parent, '.out.reports', 'report-1-abc'));
    fs.symlinkSync(path.join('.out.reports', 'report-1-abc'), dir);
    expect(() => writeReportFolder(dir, reportOf('new'), 'out')).toThrow(/not a report version this kit wrote/);
    expect(fs.readFileSync(path.join(parent, '.out.reports', 'report-1-abc', 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('a versions folder that is a link, or a file, is refused', () => {
    const dir = fresh();
    const parent = path.dirname(dir);
    fs.mkdirSync(path.join(parent, 'elsewhere'));
    fs.symlinkSync('elsewhere', path.join(parent, '.out.reports'));
    expect(() => writeReportFolder(dir, reportOf('new'), 'out')).toThrow('--out out: .out.reports beside it is not the kit\'s folder of report versions; move it away');
    expect(fs.readdirSync(path.join(parent, 'elsewhere'))).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
  });

  test("a user's file put into the shown version survives the next run (that version is kept)", () => {
    const dir = fresh();
    writeReportFolder(dir, reportOf('old'));
    const oldVersion = path.resolve(path.dirname(dir), fs.readlinkSync(dir));
    fs.writeFileSync(path.join(dir, 'my-notes.txt'), 'mine');
    writeReportFolder(dir, reportOf('new'));
    expect(shown(dir)).toBe('new');
    expect(fs.readFileSync(path.join(oldVersion, 'my-notes.txt'), 'utf8')).toBe('mine');
  });

  test('removal follows no link: a dead run\'s version holding a link to a user folder is left whole', () => {
    const dir = fresh();
    const parent = path.dirname(dir);
    const users = path.join(parent, 'users');
    fs.mkdirSync(users);
    fs.writeFileSync(path.join(users, 'report.html'), 'mine');
    const versions = path.join(parent, '.out.reports');
    const dead = path.join(versions, `report-${deadPid()}-zz`);
    fs.mkdirSync(dead, { recursive: true });
    fs.writeFileSync(path.join(dead, REPORT_MARKER), '{}');
    fs.symlinkSync(path.join(users, 'report.html'), path.join(dead, 'report.html'));
    writeReportFolder(dir, reportOf('new'));
    expect(fs.readFileSync(path.join(users, 'report.html'), 'utf8')).toBe('mine');
    expect(fs.readdirSync(dead).sort()).toEqual([REPORT_MARKER, 'report.html']);
  });

  test("leftovers of dead runs go (versions, links, old staging folders); a live run's and foreign names stay", () => {
    const dir = fresh();
    const parent = path.dirname(dir);
    const versions = path.join(parent, '.out.reports');
    const pid = deadPid();
    const deadVersion = path.join(versions, `report-${pid}-aa`);
    const liveVersion = path.join(versions, `report-${process.ppid}-bb`);
    const foreign = path.join(versions, 'keep-me');
    for (const v of [deadVersion, liveVersion, foreign]) {
      fs.mkdirSync(v, { recursive: true });
      fs.writeFileSync(path.join(v, 'report.json'), '{}');
    }
    fs.symlinkSync('nowhere', path.join(parent, `.out.link-${pid}-cc`));
    fs.symlinkSync('nowhere', path.join(parent, `.out.link-${process.ppid}-dd`));
    fs.mkdirSync(path.join(parent, `.out.staging-${pid}-ee`));
    fs.writeFileSync(path.join(parent, `.out.staging-${pid}-ee`, REPORT_MARKER), '{}');
    writeReportFolder(dir, reportOf('new'));
    expect(fs.readdirSync(versions).sort()).toEqual([path.basename(fs.readlinkSync(dir)), 'keep-me', `report-${process.ppid}-bb`].sort());
    expect(fs.readdirSync(parent).sort()).toEqual(['.out.link-' + process.ppid + '-dd', '.out.reports', 'out'].sort());
  });

  test('the root of the file system is refused', () => {
    expect(() => writeReportFolder('/', reportOf('new'), '/')).toThrow('--out /: is the root of the file system, expected a folder for the report');
  });
});
