/** Runs the `forensic-readiness` CLI in-process (awaiting cloud commands) and keeps what it wrote. */
import { runCli as runInProcess } from '../../bin/cli';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runInProcess(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

/** A usage or input error: exit 2 and exactly one line on stderr, matching `pattern`. */
export function expectOneLineError(r: CliRun, pattern: RegExp): void {
  expect({ code: r.code, lines: r.stderr.split('\n').filter(Boolean).length }).toEqual({ code: 2, lines: 1 });
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}
