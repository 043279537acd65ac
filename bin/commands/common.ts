/**
 * What several subcommands share: the options that choose what a run judges (thresholds,
 * suppressions, --fail-on) with their USAGE rows, the judging itself, and writing output.
 */
import * as nodeFs from 'fs';
import * as path from 'path';
import { CONFIG_KEYS, RULE_CONFIG_SPEC, configValue, loadConfigFile, mergeConfig } from '../../policies/engine/config';
import { InputError, oneLine } from '../../policies/engine/errors';
import { nothingJudgedReason } from '../../policies/engine/input-coverage';
import { LoadResult, buildModel, loadPaths } from '../../policies/engine/loader';
import { FAIL_ON_VALUES, FailOn, runRules } from '../../policies/engine/runner';
import { loadSuppressionsFile, unknownAcknowledgement } from '../../policies/engine/suppressions';
import { RuleConfig, Thresholds } from '../../policies/engine/types';
import type { Report } from '../../policies/report';
import { plural, printable, thresholdChanges } from '../../policies/report/report';
import { ALL_RULES } from '../../policies/rules';
import { CliIo, CommandArgs, OptionSpecs } from './command';

/** `--retention-floor-days` -> `retention-floor-days`, the key util.parseArgs uses. */
const longName = (flag: string) => flag.replace(/^--/, '');

/** One flag per RuleConfig key, from RULE_CONFIG_SPEC: a new threshold is a new flag with no change here. */
export const RULE_CONFIG_OPTIONS: OptionSpecs = Object.fromEntries(CONFIG_KEYS.map((k) => [longName(RULE_CONFIG_SPEC[k].flag), { type: 'string' }]));

/** The options of every command that runs the rules (check, report). */
export const JUDGE_OPTIONS: OptionSpecs = {
  'fail-on': { type: 'string' },
  'allow-empty': { type: 'boolean' },
  config: { type: 'string' },
  suppressions: { type: 'string' },
  ...RULE_CONFIG_OPTIONS,
};

/** USAGE rows of JUDGE_OPTIONS, for helpRows. */
export const JUDGE_HELP: readonly (readonly [string, ...string[]])[] = [
  [`--fail-on ${FAIL_ON_VALUES.join('|')}`, 'Findings that fail the run (default: error).'],
  ['--allow-empty', 'Exit 0 when no rule judged any resource (default: 1);', 'still reported as NOTHING JUDGED. Config: allowEmpty.'],
  ['--config FILE', 'Thresholds, a JSON or YAML object.'],
  ['--suppressions FILE', 'Acknowledgements for templates you cannot edit:', '{"acknowledgements": [{"ruleId", "address", "file"?, "reason"}]}.'],
  ...CONFIG_KEYS.map((k): readonly [string, string] => [`${RULE_CONFIG_SPEC[k].flag} N`, `${capitalize(RULE_CONFIG_SPEC[k].description)}.`]),
];

export const cwdOf = (io: CliIo): string => io.cwd ?? process.cwd();

export interface Judged {
  readonly result: ReturnType<typeof runRules>;
  readonly model: ReturnType<typeof buildModel>;
  readonly loaded: ReturnType<typeof loadPaths>;
  readonly failOn: FailOn;
}

/**
 * Load, model and judge the PATHs of a command with JUDGE_OPTIONS: the work check and report share.
 * An input that cannot be read is named on stderr (one line each) and the others are judged: the
 * command reports them and exits 2 (inputExitCode). When none could be read it returns undefined:
 * there is nothing to report, and the exit is 2.
 */
export function judge(command: string, args: CommandArgs, io: CliIo): Judged | undefined {
  const cwd = cwdOf(io);
  const failOn = (args.value('fail-on') ?? 'error') as FailOn;
  if (!FAIL_ON_VALUES.includes(failOn)) throw new InputError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, got ${JSON.stringify(failOn)}`);
  if (args.paths.length === 0) throw new InputError(`${command} needs at least one PATH (a template, cdk.out, cdktf.out or plan JSON)`);
  const readOptions = { fs: io.fs };
  const ruleList = io.rules ?? ALL_RULES;

  // Thresholds: defaults, then --config, then flags.
  const configFile = args.value('config');
  const fromFile: Partial<RuleConfig> = configFile ? loadConfigFile(path.resolve(cwd, configFile), configFile, readOptions) : {};
  const fromFlags: Partial<Record<keyof Thresholds, number>> = {};
  for (const k of CONFIG_KEYS) {
    const { flag } = RULE_CONFIG_SPEC[k];
    const raw = args.value(longName(flag));
    if (raw !== undefined) fromFlags[k] = configValue(k, raw, flag);
  }
  const config = mergeConfig(fromFile, fromFlags, args.flag('allow-empty') ? { allowEmpty: true } : {});

  const suppressionsFile = args.value('suppressions');
  const known = new Set(ruleList.map((r) => r.id));
  const entries = suppressionsFile ? loadSuppressionsFile(path.resolve(cwd, suppressionsFile), suppressionsFile, known, readOptions) : [];

  const loaded = withKnownAcknowledgements(loadPaths(args.paths, { cwd, fs: io.fs, keepGoing: true }), known);
  for (const f of loaded.failed) io.stderr(`forensic-readiness: ${oneLine(f.message)}\n`);
  if (loaded.failed.length > 0 && loaded.templates.length === 0) return undefined;
  const model = buildModel(loaded.templates, entries, suppressionsFile);
  const result = runRules(model, ruleList, config);
  return { result, model, loaded, failOn };
}

/** The inputs read, less each template that acknowledges a rule id the run does not know (an input not read: see unknownAcknowledgement). */
function withKnownAcknowledgements(loaded: LoadResult, known: ReadonlySet<string>): LoadResult {
  const failed = [...loaded.failed];
  const refused = new Set<string>();
  for (const t of loaded.templates) {
    const problem = unknownAcknowledgement(t, known);
    if (problem === undefined) continue;
    failed.push({ path: t.file, message: problem });
    refused.add(t.file);
  }
  if (refused.size === 0) return loaded;
  return { templates: loaded.templates.filter((t) => !refused.has(t.file)), inputs: loaded.inputs.map((i) => ({ ...i, files: i.files.filter((f) => !refused.has(f)) })), failed };
}

/**
 * The stderr lines after a report, so that a CI log says what the report rests on:
 * - a run that judged nothing and fails for it: why (and that --allow-empty accepts such a run,
 *   only when every input was read: an input not read fails the run whatever --allow-empty says);
 * - a threshold below its default (a weaker choice, as the report's `Thresholds` line says): one
 *   warning line naming each, its value and the default.
 */
export function reportNotices(report: Report, io: CliIo): void {
  const weaker = thresholdChanges(report.config).filter((c) => c.weaker);
  if (weaker.length > 0) {
    io.stderr(`forensic-readiness: warning: ${plural(weaker.length, 'threshold')} below ${weaker.length === 1 ? 'its default' : 'their defaults'}, so findings the defaults raise may pass: ${weaker.map((c) => `${c.key} ${c.value} (default ${c.defaultValue})`).join(', ')}\n`);
  }
  if (!report.inputCoverage.nothingJudged || report.allowEmpty) return;
  const why = printable(nothingJudgedReason(report.inputCoverage));
  if (report.unread.length === 0) io.stderr(`forensic-readiness: nothing judged, so the run fails: ${why} (--allow-empty accepts such a run)\n`);
  else io.stderr(`forensic-readiness: nothing judged in the inputs read either: ${why}\n`);
}

/**
 * The exit code of a run that reported: 2 when an input could not be read (whatever was found in
 * the others), else 1 when findings fail the run at --fail-on, else 0.
 */
export function exitCode(judged: Judged, failed: boolean): number {
  if (judged.loaded.failed.length > 0) return 2;
  return failed ? 1 : 0;
}

/** `--output FILE`: the text goes to FILE (atomically), or to stdout when no FILE is given. */
export function writeOutput(io: CliIo, output: string | undefined, text: string | Iterable<string>): void {
  if (output) writeAtomic(path.resolve(cwdOf(io), output), output, text);
  else if (typeof text === 'string') io.stdout(text);
  else for (const piece of text) io.stdout(piece);
}

/**
 * Write through a temporary file in the same folder, flushed, then renamed over the target: a
 * reader sees the old file or the whole new one, never half a report. `text` may come in pieces
 * (a renderer's renderChunks), each written as it comes. What is at the path is never destroyed:
 * a symbolic link stays and the file it points to is written; a file keeps its permissions (and,
 * when the kit runs as root, its owner); what is not a file (`/dev/null`, `/dev/stdout`, a FIFO)
 * is written into, not replaced.
 */
export function writeAtomic(abs: string, display: string, text: string | Iterable<string>): void {
  const fail = (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (err as Error).message);
    throw new InputError(`--output ${display}: cannot write (${why})`);
  };
  let target = abs;
  let link = false;
  let existing: nodeFs.Stats | undefined;
  try {
    link = nodeFs.lstatSync(abs).isSymbolicLink();
    if (link) target = nodeFs.realpathSync(abs);
    existing = nodeFs.statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && link) throw new InputError(`--output ${display}: cannot write (a symbolic link to nothing)`);
    if (code !== 'ENOENT') fail(err);
  }
  if (existing?.isDirectory()) fail(Object.assign(new Error(), { code: 'EISDIR' }));
  if (existing && !existing.isFile()) {
    writeInto(target, text, fail);
    return;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let fd: number | undefined;
  try {
    fd = nodeFs.openSync(tmp, 'wx', existing ? 0o600 : 0o644);
    if (existing) {
      // The file's own permissions (not the umask's), and its owner when root can keep it.
      nodeFs.fchmodSync(fd, existing.mode & 0o777);
      if (process.getuid?.() === 0) nodeFs.fchownSync(fd, existing.uid, existing.gid);
    }
    if (typeof text === 'string') nodeFs.writeSync(fd, text);
    else for (const piece of text) nodeFs.writeSync(fd, piece);
    nodeFs.fsyncSync(fd);
    nodeFs.closeSync(fd);
    fd = undefined;
    nodeFs.renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) nodeFs.closeSync(fd);
    nodeFs.rmSync(tmp, { force: true });
    fail(err);
  }
}

/** Writes into what is not a file (a device, a FIFO) as it is: nothing to rename over, nothing replaced. */
function writeInto(target: string, text: string | Iterable<string>, fail: (err: unknown) => never): void {
  let fd: number | undefined;
  try {
    fd = nodeFs.openSync(target, 'w');
    if (typeof text === 'string') nodeFs.writeSync(fd, text);
    else for (const piece of text) nodeFs.writeSync(fd, piece);
    nodeFs.closeSync(fd);
  } catch (err) {
    if (fd !== undefined) nodeFs.closeSync(fd);
    fail(err);
  }
}

/**
 * Where a write to `abs` (an absolute path) lands: the real path of its longest existing part,
 * symbolic links resolved, with a dangling link followed to its target (a write creates that).
 */
export function realish(abs: string, depth = 0): string {
  try {
    return nodeFs.realpathSync(abs);
  } catch {
    // Missing, or a link to nothing (yet), or a loop: resolve what exists.
  }
  const parent = path.dirname(abs);
  if (parent === abs) return abs;
  const base = realish(parent, depth);
  let link: string | undefined;
  try {
    if (nodeFs.lstatSync(abs).isSymbolicLink()) link = nodeFs.readlinkSync(abs);
  } catch {
    // absent
  }
  return link !== undefined && depth < 40 ? realish(path.resolve(base, link), depth + 1) : path.join(base, path.basename(abs));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
