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

/**
 * Writes every report file into `dir`, all or nothing: the files are written into a fresh sibling
 * folder, then swapped in, so a reader sees the old folder or the whole new one.
 */
export function writeReportFolder(dir: string, report: Report, display = dir): string[] {
  const abs = path.resolve(dir);
  const parent = path.dirname(abs);
  if (!fs.existsSync(parent)) throw new InputError(`--out ${display}: its parent folder does not exist`);
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) throw new InputError(`--out ${display}: exists and is not a folder`);
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(abs)}.`));
  const written: string[] = [];
  try {
    for (const [name, renderer] of Object.entries(REPORT_FOLDER_FILES)) {
      fs.writeFileSync(path.join(staging, name), renderer.render(report));
      written.push(path.join(display, name));
    }
    const old = fs.existsSync(abs) ? `${staging}.old` : undefined;
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
