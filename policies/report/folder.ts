import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../engine/errors';
import { HTML_RENDERER } from './html';
import { JSON_RENDERER } from './json';
import { MARKDOWN_RENDERER } from './markdown';
import { ReportRenderer } from './renderer';
import { Report } from './report';
import { SARIF_RENDERER } from './sarif';

/** The files of a report folder, each with its renderer. */
export const REPORT_FOLDER_FILES: Readonly<Record<string, ReportRenderer>> = {
  'report.html': HTML_RENDERER,
  'report.md': MARKDOWN_RENDERER,
  'report.json': JSON_RENDERER,
  'report.sarif': SARIF_RENDERER,
};

/** The default report folder of `npm start` and `forensic-readiness report`. */
export const DEFAULT_REPORT_DIR = 'forensic-readiness-report';

/** The file that marks a folder as one the kit wrote, so a later run may replace it. */
export const REPORT_MARKER = '.forensic-readiness-report';

/** The folder beside `DIR` that holds its versions: `DIR` is a symbolic link to one of them. */
export const reportVersionsFolder = (dir: string): string => path.join(path.dirname(path.resolve(dir)), `.${path.basename(path.resolve(dir))}.reports`);

/** A version's name: the writer's pid (so a later run knows a dead run's leftovers) and a random part. */
const VERSION_NAME = /^report-(\d+)-[0-9a-z]+$/;

/** The steps of a swap, in order (`moved-old` only when a real report folder is migrated). */
export type ReportSwapStep = 'version-written' | 'link-created' | 'moved-old' | 'swapped' | 'old-removed';

/** Test hooks of writeReportFolder. */
export interface ReportFolderHooks {
  /** Called after each step of the swap; a test checks the folder there, or kills the process. */
  readonly afterStep?: (step: ReportSwapStep) => void;
}

/**
 * Writes every report file, all or nothing, and swaps it in so that `dir` holds, at every
 * instant, the whole old report or the whole new one.
 *
 * `dir` is a symbolic link (a directory junction on Windows) to a version folder
 * `.DIR.reports/report-PID-X` beside it. A run writes a new version, makes a new link beside `dir`
 * and renames it over `dir`: rename(2) replaces a link atomically, so a reader opening
 * `dir/report.html` sees one version or the other. The old version is removed after the swap.
 *
 * `dir` is replaced only when it is new, an empty folder, a report folder the kit wrote (the
 * marker file, or report files only: migrated once into a version, the only moment `dir` is
 * briefly absent: two renames with everything prepared), or a link to one of its own versions.
 * Anything else is refused, so a user's files are never deleted. Nothing is ever removed
 * recursively: a version folder is emptied file by file, and only when it holds nothing but
 * report files; symbolic links are never followed. Versions, links and staging folders of runs
 * whose process is gone are removed.
 */
export function writeReportFolder(dir: string, report: Report, display = dir, hooks: ReportFolderHooks = {}): string[] {
  const step = hooks.afterStep ?? (() => undefined);
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  if (abs === parent || base === '') throw new InputError(`--out ${display}: is the root of the file system, expected a folder for the report`);
  if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`--out ${display}: its parent folder does not exist`);
  const versions = reportVersionsFolder(abs);
  const existing = fs.lstatSync(abs, { throwIfNoEntry: false });

  // What is at DIR now: nothing, a link to the version shown (`current`), or a real folder to migrate.
  let current: string | undefined;
  let migrate = false;
  if (existing?.isSymbolicLink()) {
    current = ownVersion(abs, versions);
    if (current === undefined) {
      throw new InputError(`--out ${display}: is a symbolic link to ${fs.readlinkSync(abs)}, not a report version this kit wrote; remove the link or give another folder`);
    }
  } else if (existing?.isDirectory()) {
    if (!isReplaceable(abs)) throw new InputError(`--out ${display}: the folder holds files that are not a forensic-readiness report; give a new or empty folder`);
    migrate = true;
  } else if (existing) {
    throw new InputError(`--out ${display}: exists and is not a folder`);
  }
  const versionsStat = fs.lstatSync(versions, { throwIfNoEntry: false });
  if (versionsStat && !versionsStat.isDirectory()) {
    throw new InputError(`--out ${display}: ${path.basename(versions)} beside it is not the kit's folder of report versions; move it away`);
  }
  removeLeftovers(parent, base);

  const id = versionName();
  const version = path.join(versions, id);
  const tmpLink = path.join(parent, `.${base}.link-${process.pid}-${randomPart()}`);
  const written: string[] = [];
  let movedOld: string | undefined;
  let swapped = false;
  try {
    fs.mkdirSync(versions, { recursive: true });
    fs.mkdirSync(version);
    for (const [name, renderer] of Object.entries(REPORT_FOLDER_FILES)) {
      writeDurably(path.join(version, name), renderer.renderChunks ? renderer.renderChunks(report) : renderer.render(report));
      written.push(path.join(display, name));
    }
    // The marker last: a version holding it is complete.
    writeDurably(path.join(version, REPORT_MARKER), `${JSON.stringify({ writtenBy: 'forensic-readiness', files: Object.keys(REPORT_FOLDER_FILES) })}\n`);
    step('version-written');
    makeLink(versions, id, tmpLink);
    step('link-created');
    if (migrate) {
      // The one window in which DIR is absent: between these two renames, once per folder.
      movedOld = path.join(versions, versionName());
      fs.renameSync(abs, movedOld);
      current = path.basename(movedOld);
      step('moved-old');
    }
    swapLink(tmpLink, abs);
    swapped = true;
    step('swapped');
  } catch (err) {
    if (!swapped) {
      fs.rmSync(tmpLink, { force: true });
      if (movedOld) tryRename(movedOld, abs);
      removeVersion(version);
    }
    if (err instanceof InputError) throw err;
    throw new InputError(`--out ${display}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (current !== undefined && current !== id) removeVersion(path.join(versions, current));
  step('old-removed');
  removeDeadVersions(versions, id);
  return written;
}

/** The version of the kit's that the link `abs` points to, or undefined when it points anywhere else. */
function ownVersion(abs: string, versions: string): string | undefined {
  const target = path.resolve(path.dirname(abs), fs.readlinkSync(abs));
  const name = path.basename(target);
  if (path.dirname(target) !== versions || !VERSION_NAME.test(name)) return undefined;
  if (!fs.lstatSync(versions, { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const st = fs.lstatSync(target, { throwIfNoEntry: false });
  // A version removed by hand leaves a dangling link: still the kit's, replaced by this run.
  // A file of the user's inside it does not make it theirs: the link is replaced, the version kept.
  if (st && !(st.isDirectory() && fs.lstatSync(path.join(target, REPORT_MARKER), { throwIfNoEntry: false })?.isFile())) return undefined;
  return name;
}

function makeLink(versions: string, id: string, link: string): void {
  if (process.platform === 'win32') fs.symlinkSync(path.join(versions, id), link, 'junction');
  // Relative: the report and its versions can be moved or copied together.
  else fs.symlinkSync(path.join(path.basename(versions), id), link, 'dir');
}

/** rename(2) over a link is atomic. Windows cannot rename over a junction: there it is unlink, then rename. */
function swapLink(tmpLink: string, abs: string): void {
  if (process.platform === 'win32' && fs.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(abs);
  fs.renameSync(tmpLink, abs);
}

/** Writes a new file whole (a text, or its pieces as they come) and flushes it to disk. */
function writeDurably(file: string, text: string | Iterable<string>): void {
  const fd = fs.openSync(file, 'wx', 0o644);
  try {
    for (const piece of typeof text === 'string' ? [text] : text) fs.writeSync(fd, piece);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function tryRename(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch {
    // Left in the versions folder, whole: the next run links a new version over DIR.
  }
}

function versionName(): string {
  return `report-${process.pid}-${randomPart()}`;
}

function randomPart(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A folder the kit may replace: it holds nothing but report files (those of this version, or those
 * its marker lists, written by another version) and the marker, each a regular file. A file of the
 * user's in it, a link or a sub-folder, keeps it: a marker alone is no licence to remove them.
 */
function isReplaceable(dir: string): boolean {
  const entries = fs.readdirSync(dir);
  const known = reportFileNames(dir, entries);
  return entries.every((e) => known.has(e) && fs.lstatSync(path.join(dir, e)).isFile());
}

function reportFileNames(dir: string, entries: readonly string[]): Set<string> {
  const names = new Set([REPORT_MARKER, ...Object.keys(REPORT_FOLDER_FILES)]);
  if (!entries.includes(REPORT_MARKER)) return names;
  try {
    const listed = (JSON.parse(fs.readFileSync(path.join(dir, REPORT_MARKER), 'utf8')) as { files?: unknown }).files;
    if (Array.isArray(listed)) for (const f of listed) if (typeof f === 'string' && /^report\.[a-z0-9]+$/.test(f)) names.add(f);
  } catch {
    // an unreadable marker lists nothing more
  }
  return names;
}

/** Removes a folder the kit wrote, file by file, only when isReplaceable says it holds nothing else. */
function removeVersion(folder: string): boolean {
  if (!fs.lstatSync(folder, { throwIfNoEntry: false })?.isDirectory() || !isReplaceable(folder)) return false;
  for (const e of fs.readdirSync(folder)) fs.rmSync(path.join(folder, e), { force: true });
  try {
    fs.rmdirSync(folder);
    return true;
  } catch {
    return false; // something appeared meanwhile: it stays
  }
}

/** Versions of runs that died (killed before or after the swap), except the one DIR now shows. */
function removeDeadVersions(versions: string, keep: string): void {
  for (const name of fs.readdirSync(versions)) {
    const pid = VERSION_NAME.exec(name)?.[1];
    if (name === keep || pid === undefined || isAlive(Number(pid))) continue;
    removeVersion(path.join(versions, name));
  }
}

/**
 * Leftovers of runs that died, beside DIR: new links never renamed over it (`.DIR.link-PID-X`),
 * and staging folders of earlier kit versions (`.DIR.staging-PID-X`, `...old`).
 */
function removeLeftovers(parent: string, base: string): void {
  for (const kind of ['staging', 'link']) {
    const prefix = `.${base}.${kind}-`;
    for (const name of fs.readdirSync(parent)) {
      if (!name.startsWith(prefix)) continue;
      const pid = Number(name.slice(prefix.length).split('-')[0]);
      if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
      const entry = path.join(parent, name);
      const st = fs.lstatSync(entry, { throwIfNoEntry: false });
      if (kind === 'link' && st?.isSymbolicLink()) fs.rmSync(entry, { force: true });
      if (kind === 'staging' && st?.isDirectory()) removeVersion(entry);
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
