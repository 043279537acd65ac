/**
 * The query packs' files (queries/<cloud>/<question>.sql|.kql) are package data: the constructs
 * read them at synth, from the package root, whether the kit runs from its sources (a checkout)
 * or from dist/ (the installed package). A missing file is an error naming it, never an empty
 * query deployed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { QuestionCloud, QuestionId } from './questions';

const PACKAGE_NAME = 'forensic-readiness-kit';

/** The folder of the query files of the kit's package. */
export function queriesFolder(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && fs.existsSync(path.join(dir, 'queries'))) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return path.join(dir, 'queries');
      } catch {
        // not the kit's package.json: keep walking up
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`forensic-readiness-kit: the queries/ folder of the package was not found above ${from}`);
  }
}

/**
 * The text of one query file, exactly as shipped (`queries/aws/endpoint-callers.sql`): a question's
 * query, an alternative query of it (`endpoint-volume-capture`), or one in a folder of its engine
 * (`logs-insights/endpoint-callers`, extension `logsinsights`).
 */
export function queryFile(cloud: QuestionCloud, id: string, extension: 'sql' | 'kql' | 'logsinsights'): string {
  const file = path.join(queriesFolder(), cloud, ...`${id}.${extension}`.split('/'));
  if (!fs.existsSync(file)) throw new Error(`forensic-readiness-kit: the query file queries/${cloud}/${id}.${extension} is missing from the package`);
  return fs.readFileSync(file, 'utf8');
}

/** The questions that have a query file for one cloud, in catalog order. */
export function questionsWithQueries(cloud: QuestionCloud, extension: 'sql' | 'kql', ids: readonly QuestionId[]): QuestionId[] {
  const folder = path.join(queriesFolder(), cloud);
  return ids.filter((id) => fs.existsSync(path.join(folder, `${id}.${extension}`)));
}

/** The names of the query files in one folder of a cloud's queries (`logs-insights`), without extension, sorted. */
export function queryFilesIn(cloud: QuestionCloud, folder: string, extension: string): string[] {
  const dir = path.join(queriesFolder(), cloud, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith(`.${extension}`)).map((f) => f.slice(0, -extension.length - 1)).sort();
}

let shipped: string[] | undefined;

/** Every query file of the package, as `queries/<cloud>/<file>` (read once). */
export function queryFilesShipped(): readonly string[] {
  if (shipped === undefined) {
    const root = queriesFolder();
    shipped = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => fs.readdirSync(path.join(root, d.name)).filter((f) => /\.(sql|kql)$/.test(f)).map((f) => `queries/${d.name}/${f}`));
  }
  return shipped;
}
