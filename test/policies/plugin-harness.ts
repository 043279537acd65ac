/** What the in-synth plugin tests share (not a test file: jest runs *.test.ts only). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A scratch folder for a test file's synths (`prefix` names it), removed after the file's tests. */
export function scratchRoot(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * What a plugin logged beside CDK's report (acknowledged findings, internal failures): `lines`
 * emptied before each test (and by `lines.length = 0` within one), `log` the plugin's `log` option.
 */
export function pluginLog(): { readonly lines: string[]; readonly log: (line: string) => void } {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
  });
  return { lines, log: (line) => void lines.push(line) };
}
