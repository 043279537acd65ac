/**
 * What the custody commands (pull, manifest, hold) share: the custody-log options, the lock of a
 * stored copy, and turning the custody modules' one-line errors into the CLI's InputError. The
 * modules under investigate/custody load the cloud SDKs only when a command runs.
 */
import * as path from 'path';
import { InputError, printable } from '../../policies/engine/errors';
import { toolInfo } from '../../policies/report/tool';
import type { Retention } from '../../investigate/custody/manifest';
import type { CustodyOptions } from '../../investigate/custody/record';
import { parseLocation } from '../../investigate/custody/sources';
import { CliIo, CommandArgs, OptionSpecs } from './command';
import { cwdOf, realish } from './common';

/** The log a custody command appends to when --custody-log is not given, in the working folder. */
export const DEFAULT_CUSTODY_LOG = 'forensic-readiness-custody.jsonl';

export const CUSTODY_OPTIONS: OptionSpecs = {
  case: { type: 'string' },
  'custody-log': { type: 'string' },
  'custody-store': { type: 'string' },
  'retain-days': { type: 'string' },
  'retain-until': { type: 'string' },
  'allow-mutable-store': { type: 'boolean' },
};

export const CUSTODY_HELP: readonly (readonly [string, ...string[]])[] = [
  ['--case ID', 'The case the action is for, in the custody record.'],
  ['--custody-log FILE', `The custody log to append to (JSON lines, a hash chain;`, `default: ${DEFAULT_CUSTODY_LOG}).`],
  ['--custody-store URL', 'Also write each record there, once, under a lock:', 's3://BUCKET/PREFIX (Object Lock COMPLIANCE), an immutable', 'Azure container URL, or gs://BUCKET/PREFIX (a bucket with', 'a retention policy).'],
  ['--retain-days N | --retain-until DATE', 'The lock of what goes to s3:// (record, manifest).'],
  ['--allow-mutable-store', 'Accept an Azure container or gs:// bucket that reports no', 'immutability policy / retention policy (a warning): for', '--custody-store, and for manifest create --out.'],
];

/** --retain-days / --retain-until as a date, or undefined when neither is given. */
export function retentionOf(args: CommandArgs): Retention | undefined {
  const days = args.value('retain-days');
  const until = args.value('retain-until');
  if (days !== undefined && until !== undefined) throw new InputError('give --retain-days or --retain-until, not both');
  if (days !== undefined) {
    if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 36500) throw new InputError(`--retain-days must be 1 to 36500 days, got ${JSON.stringify(days)}`);
    return { retainUntil: new Date(Date.now() + Number(days) * 86_400_000) };
  }
  if (until !== undefined) {
    const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(until) ? new Date(until) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new InputError(`--retain-until must be a date (2027-01-31 or an ISO time), got ${JSON.stringify(until)}`);
    if (date.getTime() <= Date.now()) throw new InputError(`--retain-until must be in the future, got ${until}`);
    return { retainUntil: date };
  }
  return undefined;
}

/**
 * The custody log options of a run. `allowMutableFor` names what else of the command takes
 * --allow-mutable-store (manifest create's --out), so the flag is not refused without a store;
 * `retainFor` names what else takes --retain-* (manifest create's s3:// --out). A --retain-* that
 * locks nothing is refused, never ignored: an Azure or gs:// store is kept by its own policy.
 */
export function custodyOptions(args: CommandArgs, io: CliIo, allowMutableFor?: 'azure' | 'gcs', retainFor?: string): CustodyOptions {
  const cwd = cwdOf(io);
  const storeText = args.value('custody-store');
  const store = storeText === undefined ? undefined : locationOf(storeText, '--custody-store', io, false);
  const retention = retentionOf(args);
  if (store?.kind === 's3' && !retention) throw new InputError('--custody-store s3://… needs --retain-days N or --retain-until DATE (Object Lock, COMPLIANCE mode)');
  if (retention && store?.kind !== 's3' && retainFor === undefined) {
    throw new InputError(`--retain-days / --retain-until lock what goes to s3://, and nothing here does: ${store ? `the --custody-store ${storeText} is kept by its own immutability policy or retention` : 'no --custody-store is given'}`);
  }
  const allowMutableStore = args.flag('allow-mutable-store');
  if (allowMutableStore && store?.kind !== 'azure' && store?.kind !== 'gcs' && !allowMutableFor) throw new InputError('--allow-mutable-store is for an Azure or gs:// --custody-store (an s3:// store is always written under Object Lock)');
  return {
    log: path.resolve(cwd, custodyLogOf(args).text),
    store,
    retention,
    allowMutableStore,
    warn: (line) => io.stderr(`forensic-readiness: warning: ${printable(line)}\n`),
    tool: toolInfo(),
  };
}

/** The custody log a run appends to, as an output of the command: given with --custody-log, or the default in the working folder. */
export function custodyLogOf(args: CommandArgs): KitOutput {
  const given = args.value('custody-log');
  return given === undefined ? { flag: '--custody-log', text: DEFAULT_CUSTODY_LOG, defaulted: true } : { flag: '--custody-log', text: given };
}

/** A file a command would write, as the user named it (or as the kit defaulted it). */
export interface KitOutput {
  /** The flag that names it: `--output`, `--out`, `--custody-log`. */
  readonly flag: string;
  /** The path as typed (or the default), relative to the working folder. */
  readonly text: string;
  /** True when the user gave no flag and the kit chose the path. */
  readonly defaulted?: boolean;
}

/** What a command reads from the local disk: a copy (a folder) or a file (a keys file, a manifest). */
export interface KitInput {
  /** The path as typed, relative to the working folder. */
  readonly text: string;
  /** True for a folder of evidence (a copy): nothing may be written anywhere inside it. */
  readonly copy: boolean;
}

/**
 * Refuses, in one line and before anything is read or written, an output that would land inside
 * a local copy the command reads, or on one of its input files: evidence is never written into.
 * Paths are compared as the file system resolves them (relative paths, `..`, symbolic links, a
 * link that does not point at anything yet), so a link into the copy does not slip past; an
 * output beside the copy is allowed.
 */
export function refuseOutputsInInputs(outputs: readonly KitOutput[], inputs: readonly KitInput[], cwd: string): void {
  for (const output of outputs) {
    const target = realish(path.resolve(cwd, output.text));
    for (const input of inputs) {
      const held = realish(path.resolve(cwd, input.text));
      const inside = input.copy && target.startsWith(held.endsWith(path.sep) ? held : `${held}${path.sep}`);
      if (target !== held && !inside) continue;
      const named = `${output.flag} ${output.text}${output.defaulted ? ' (the default, in the working folder)' : ''}`;
      const where = target === held ? (input.copy ? `the copy ${input.text}` : 'also an input') : `inside the copy ${input.text}`;
      const hint = output.defaulted ? `; give ${output.flag} FILE outside it` : '';
      throw new InputError(`${named} is ${where}; refusing to write it there${hint}`);
    }
  }
}

/** The case id, or a one-line refusal when the action needs one. */
export function caseIdOf(args: CommandArgs, required: string | undefined): string | null {
  const id = args.value('case');
  if (id === undefined && required) throw new InputError(`${required} needs --case ID (the case the evidence is held for)`);
  if (id !== undefined && !/^[\w.:@/-]{1,128}$/.test(id)) throw new InputError(`--case must be 1 to 128 letters, digits or . _ - : @ /, got ${JSON.stringify(id)}`);
  return id ?? null;
}

/** A location given on the command line, relative to the command's folder. */
export function locationOf(text: string, what: string, io: CliIo, allowLocal = true): ReturnType<typeof parseLocation> {
  return parseLocation(text, what, cwdOf(io), allowLocal);
}
