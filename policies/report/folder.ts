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

/**
 * Writes every report file into `dir`, all or nothing: the files are written into a fresh sibling
 * staging folder, then swapped in, so a reader sees the old report or the whole new one. `dir`
 * is replaced only when it is new, empty, or a report folder the kit wrote (it holds the marker
 * file, or only report files); any other folder is refused, so a user's files are never deleted.
 * Staging folders left by killed runs (their process is gone) are removed first.
 */
export function writeReportFolder(dir: string, report: Report, display = dir): string[] {
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  if (!fs.existsSync(parent)) throw new InputError(`--out ${display}: its parent folder does not exist`);
  const existing = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) throw new InputError(`--out ${display}: exists and is not a folder`);
  if (existing && !isReplaceable(abs)) {
    throw new InputError(`--out ${display}: the folder holds files that are not a forensic-readiness report; give a new or empty folder`);
  }
  const base = path.basename(abs);
  removeLeftovers(parent, base);
  const staging = fs.mkdtempSync(path.join(parent, `.${base}.staging-${process.pid}-`));
  const written: string[] = [];
  try {
    fs.writeFileSync(path.join(staging, REPORT_MARKER), `${JSON.stringify({ writtenBy: 'forensic-readiness', files: Object.keys(REPORT_FOLDER_FILES) })}\n`);
    for (const [name, renderer] of Object.entries(REPORT_FOLDER_FILES)) {
      fs.writeFileSync(path.join(staging, name), renderer.render(report));
      written.push(path.join(display, name));
    }
    const old = existing ? `${staging}.old` : undefined;
    if (old) fs.renameSync(abs, old);
    fs.renameSync(staging, abs);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (err instanceof InputError) throw err;
    throw new InputError(`--out ${display}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return written;
}

/** A folder the kit may replace: empty, marked, or holding report files only (reports of earlier versions). */
function isReplaceable(dir: string): boolean {
  const entries = fs.readdirSync(dir);
  if (entries.includes(REPORT_MARKER)) return true;
  return entries.every((e) => Object.prototype.hasOwnProperty.call(REPORT_FOLDER_FILES, e));
}

/** Staging folders of runs that died (killed between write and swap): marked by the kit, their pid gone. */
function removeLeftovers(parent: string, base: string): void {
  const prefix = `.${base}.staging-`;
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    const folder = path.join(parent, name);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    if (!fs.lstatSync(folder).isDirectory() || !isReplaceable(folder)) continue;
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
