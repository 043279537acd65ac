/** The CLI in-process (main), its stdout and stderr collected: what the CLI suites run. */
import { CliIo, main } from '../bin/cli';

/** One run of the CLI. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs main(argv) with `io` (cwd, rules, fs…), stdout and stderr collected. */
export function runMain(argv: readonly string[], io: Partial<CliIo> = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...io });
  return { code, stdout, stderr };
}
