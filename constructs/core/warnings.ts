import { IConstruct } from 'constructs';
import { acknowledgementProblem } from './acknowledgement';
import { printable } from './input-error';
import { WarningId } from './immutability';

const ACK_KEY = 'forensic-readiness:acknowledged-warning';

/** The text of a kit warning: the id first, so it can be found and acknowledged. */
export function formatWarning(id: WarningId, message: string): string {
  return `[${id}] ${message}`;
}

/**
 * Acknowledge a kit warning on a scope and everything below it, with a reason an auditor can read.
 * The acknowledgement is recorded in the construct metadata. CDK stacks can also use
 * `Annotations.of(scope).acknowledgeWarning(id, reason)`; this works for CDKTF too.
 */
export function acknowledgeKitWarning(scope: IConstruct, id: WarningId, reason: string): void {
  // As the checks' acknowledgements: letters and digits count, invisible characters are refused.
  const problem = acknowledgementProblem(id, reason);
  if (problem !== undefined) throw new Error(`acknowledgeKitWarning: ${problem}`);
  scope.node.addMetadata(ACK_KEY, { id, reason });
}

/** Whether a kit warning was acknowledged on this scope or one of its ancestors. */
export function isKitWarningAcknowledged(scope: IConstruct, id: WarningId): boolean {
  for (const s of scope.node.scopes) {
    if (s.node.metadata.some((m) => m.type === ACK_KEY && (m.data as { id?: string }).id === id)) return true;
  }
  return false;
}

/** Context key that switches printing of kit warnings at synth on (true) or off (false). */
export const PRINT_WARNINGS_CONTEXT = 'forensic-readiness:print-warnings';
/** Environment variable that switches printing of kit warnings at synth on (1, true) or off (0, false). */
export const PRINT_WARNINGS_ENV = 'FORENSIC_READINESS_PRINT_WARNINGS';
/** Set by the cdktf CLI on the app process it runs for synth (cli-core synth-stack.ts); the CLI then prints the annotations. */
const CDKTF_CLI_ENV = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';

/**
 * The one line printed for a warning: the message's line breaks joined with a space, and every
 * other control character of the path or the message (a construct id may hold any character but
 * `/`) escaped as printable escapes it (`\u001b`, `\r`), so no terminal sequence reaches stderr.
 */
export function warningLine(path: string, message: string): string {
  return printable(`[WARNING] ${path}: ${message.replace(/[ \t]*(?:\r?\n)+[ \t]*/g, ' ')}`);
}

/**
 * Whether kit warnings are printed at synth for a scope of a CDKTF app, in the given environment:
 * the context key, then the environment variable, then off under the cdktf CLI (it prints the
 * manifest's annotations itself) and under jest, on everywhere else. See constructs/cdktf/warnings.ts.
 */
export function shouldPrintKitWarnings(scope: IConstruct, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const fromContext = flag(scope.node.tryGetContext(PRINT_WARNINGS_CONTEXT));
  if (fromContext !== undefined) return fromContext;
  const fromEnv = flag(env[PRINT_WARNINGS_ENV]);
  if (fromEnv !== undefined) return fromEnv;
  if (env[CDKTF_CLI_ENV] !== undefined) return false;
  if (env.JEST_WORKER_ID !== undefined) return false;
  return true;
}

function flag(value: unknown): boolean | undefined {
  if (value === true || value === false) return value;
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return undefined;
}
