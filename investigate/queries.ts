/**
 * Where the shipped query files are: queries/ beside investigate/ in a checkout, two folders up
 * from dist/investigate/ in the package (package.json "files" ships queries/**\/*.sql).
 */
import * as fs from 'fs';
import * as path from 'path';

let found: string | undefined;

/** The queries/ folder of the kit. */
export function queriesDir(): string {
  if (found) return found;
  for (const candidate of [path.join(__dirname, '..', 'queries'), path.join(__dirname, '..', '..', 'queries')]) {
    if (fs.existsSync(path.join(candidate, 'aws', 'offline', 'functions.duckdb.sql'))) return (found = candidate);
  }
  throw new Error('the query files (queries/aws/offline/functions.duckdb.sql) are missing beside the kit');
}

/** A file of queries/<cloud>/offline/. */
export function readOfflineSql(cloud: string, file: string): string {
  return fs.readFileSync(path.join(queriesDir(), cloud, 'offline', file), 'utf8');
}
