/**
 * `forensic-readiness`: check templates against the kit's rules, list the rules.
 * Exit codes: 0 nothing at or above --fail-on, 1 findings or nothing judged (no rule judged any
 * resource; --allow-empty lets it pass), 2 usage or input error (one line on stderr per error,
 * never a stack trace; an unreadable input does not stop the others being checked). Loads no
 * CDK or CDKTF library, so it starts fast.
 *
 * This file is the command table and the exit-code contract; each subcommand is a module under
 * commands/ (see commands/command.ts for what one declares).
 */
import { InputError, oneLine } from '../policies/engine/errors';
import { toolInfo } from '../policies/report';
import { CHECK } from './commands/check';
import { CliIo, Command, parseCommandArgs } from './commands/command';
import { CUSTODY } from './commands/custody-log';
import { HOLD } from './commands/hold';
import { MANIFEST } from './commands/manifest';
import { PULL } from './commands/pull';
import { INVESTIGATE } from './commands/investigate';
import { REPORT } from './commands/report';
import { RULES } from './commands/rules';
import { VERIFY } from './commands/verify';

export type { CliIo } from './commands/command';
// bin/pin-rules.ts and bin/gen-rules-doc.ts import it from here.
export { writeAtomic } from './commands/common';

/** Every subcommand, in the order USAGE lists them. A new one is a module under commands/ and an entry here. */
const COMMANDS: readonly Command[] = [CHECK, REPORT, RULES, INVESTIGATE, VERIFY, PULL, MANIFEST, HOLD, CUSTODY];

/** `check, report or rules`, for the messages that list the commands. */
const COMMAND_LIST = COMMANDS.length === 1 ? COMMANDS[0].name : `${COMMANDS.slice(0, -1).map((c) => c.name).join(', ')} or ${COMMANDS[COMMANDS.length - 1].name}`;

function commandRows(): string {
  const rows = [...COMMANDS, { synopsis: 'help', summary: ['Show this text.'] }];
  const width = Math.max(...rows.map((r) => r.synopsis.length)) + 2;
  return rows.flatMap((r) => r.summary.map((line, i) => `  ${(i === 0 ? r.synopsis : '').padEnd(width)}${line}`)).join('\n');
}

export const USAGE = [
  'Usage: forensic-readiness <command> [options]',
  '',
  'Commands:',
  commandRows(),
  '',
  ...COMMANDS.flatMap((c) => [c.help, '']),
  'Exit codes of check and report (each other command gives its own above):',
  '  0  nothing at or above --fail-on (findings --fail-on never lets stand are reported',
  '     as FINDINGS, never as PASSED)',
  '  1  findings at or above --fail-on, or nothing judged (no rule judged any resource;',
  '     --allow-empty lets such a run pass)',
  '  2  a usage error, or an input that cannot be read: each such input is named on',
  '     stderr (one line each), the others are still checked and reported (never as',
  '     PASSED); when none can be read, no report is written',
  '',
].join('\n');

/**
 * Run the CLI in-process; returns the exit code. The commands that talk to a cloud (investigate,
 * verify cloudtrail s3://..., pull, manifest, hold) finish later: runCli awaits them; main refuses them.
 */
export function main(argv: readonly string[], io: CliIo): number {
  const code = dispatch(argv, io);
  if (typeof code === 'number') return code;
  code.catch(() => undefined);
  return failed(new Error(`${argv[0]} ${argv[1] ?? ''} runs asynchronously; call runCli, not main`), io);
}

/**
 * Run the CLI in-process, asynchronous commands included: the exit code, or for a command that
 * works asynchronously a promise of it (never rejected). A synchronous command's code comes back
 * synchronously, so that a program can set its exit code before any stdout error event runs.
 */
export function runCli(argv: readonly string[], io: CliIo): number | Promise<number> {
  const code = dispatch(argv, io);
  return typeof code === 'number' ? code : code.catch((err: unknown) => failed(err, io));
}

/** An error as the one line on stderr, and exit 2. */
function failed(err: unknown, io: CliIo): number {
  const message = err instanceof InputError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
  io.stderr(`forensic-readiness: ${oneLine(message)}\n`);
  return 2;
}

function dispatch(argv: readonly string[], io: CliIo): number | Promise<number> {
  try {
    const first = argv[0];
    if (first === undefined) throw new InputError(`missing command (${COMMAND_LIST}; try --help)`);
    if (first === 'help' || first === '--help' || first === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    if (first === '--version' || first === '-V') {
      io.stdout(`${toolInfo().version}\n`);
      return 0;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      // `forensic-readiness --format json check x`: options belong to a command.
      if (first.length > 1 && first.startsWith('-')) throw new InputError(`unknown option ${first} before the command (${COMMAND_LIST}; try --help)`);
      throw new InputError(`unknown command ${JSON.stringify(first)} (${COMMAND_LIST}; try --help)`);
    }
    const args = parseCommandArgs(command, argv.slice(1));
    if (args === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const code = command.run(args, io);
    return typeof code === 'number' ? code : code.catch((err: unknown) => failed(err, io));
  } catch (err) {
    return failed(err, io);
  }
}

// Run as a program (`node dist/bin/cli.js check x`, `node -r tsx/cjs bin/cli.ts check x`): without
// this the file would define main and exit 0 having checked nothing. bin/forensic-readiness.js,
// bin/bench.ts and the tests require this module, so for them require.main is another module.
if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // A closed pipe (`forensic-readiness check x | head`) is not an error of the check: keep its verdict.
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`forensic-readiness: cannot write to stdout (${err.code ?? oneLine(err.message)})\n`);
    process.exit(2);
  });
  const code = runCli(process.argv.slice(2), {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  });
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}
