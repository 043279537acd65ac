/** What the investigate record tests share (not a test file: jest runs *.test.ts only). */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../bin/cli';

/** An answer of the CLI in JSON, run in `dir`: the exit code, stderr and the parsed answer (empty when none was printed). */
export async function investigateJson(dir: string, ...argv: string[]): Promise<{ code: number; err: string; json: { warnings: string[]; rows: Record<string, unknown>[] } }> {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--format', 'json'], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir });
  return { code, err, json: out ? JSON.parse(out) : { warnings: [], rows: [] } };
}

/** Writes `content` at `key` under `dir` (its folders made); returns the key. */
export function writeUnder(dir: string, key: string, content: Buffer | string): string {
  const p = path.join(dir, key);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return key;
}
