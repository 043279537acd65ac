/**
 * `forensic-readiness`: check templates against the kit's rules, list the rules.
 * Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error (one line on
 * stderr, never a stack trace). Loads no CDK or CDKTF library, so it starts fast.
 */
import * as nodeFs from 'fs';
import * as path from 'path';
import { CONFIG_KEYS, RULE_CONFIG_SPEC, configValue, loadConfigFile, mergeConfig } from '../policies/engine/config';
import { InputError, oneLine } from '../policies/engine/errors';
import { FileSystem } from '../policies/engine/fs';
import { buildModel, loadPaths, withLines } from '../policies/engine/loader';
import { FAIL_ON_VALUES, FailOn, runRules } from '../policies/engine/runner';
import { loadSuppressionsFile } from '../policies/engine/suppressions';
import { Rule, RuleConfig } from '../policies/engine/types';
import { DEFAULT_REPORT_DIR, REPORT_FORMATS, REPORT_RENDERERS, buildReadiness, buildReport, isReportFormat, renderReadinessSummary, renderRulesJson, renderRulesMarkdown, summaryLine, toolInfo, writeReportFolder } from '../policies/report';
import { ALL_RULES } from '../policies/rules';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** File system for inputs (tests simulate EACCES through it). @default node fs */
  readonly fs?: FileSystem;
  /** The rules to run. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

export const USAGE = `Usage: forensic-readiness <command> [options]

Commands:
  check PATH...   Check templates: CloudFormation JSON or YAML, a cdk.out folder, a cdktf.out
                  folder, a cdk.tf.json, terraform show -json output. Recognised by content.
  report PATH...  Check templates and write a report folder (report.html, report.md, report.json
                  with the coverage matrix and incident readiness, report.sarif).
  rules           List the rules.
  help            Show this text.

Options of check:
  --format text|json|sarif|junit|markdown|html
                                            Report format (default: text).
  --output FILE                             Write the report to FILE (atomically), not stdout.
  --fail-on error|warning|never             Findings that fail the run (default: error).
  --config FILE                             Thresholds, a JSON or YAML object.
  --suppressions FILE                       Acknowledgements for templates you cannot edit:
                                            {"acknowledgements": [{"ruleId", "address", "file"?, "reason"}]}.
${CONFIG_KEYS.map((k) => `  ${`${RULE_CONFIG_SPEC[k].flag} N`.padEnd(42)}${capitalize(RULE_CONFIG_SPEC[k].description)}.`).join('\n')}

Options of report: those of check but --format and --output, and
  --out DIR                                 The report folder (default: forensic-readiness-report),
                                            replaced whole, never half written.

Options of rules:
  --format markdown|json                    (default: markdown)
  --output FILE                             Write to FILE (atomically), not stdout.

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error.
`;

type Command = 'check' | 'report' | 'rules';
const VALUE_OPTIONS = new Set(['--format', '--output', '--fail-on', '--config', '--suppressions', ...CONFIG_KEYS.map((k) => RULE_CONFIG_SPEC[k].flag)]);
const OPTIONS_OF: Record<Command, Set<string>> = {
  check: VALUE_OPTIONS,
  report: new Set([...VALUE_OPTIONS].filter((o) => o !== '--format' && o !== '--output').concat('--out')),
  rules: new Set(['--format', '--output']),
};

interface Parsed {
  readonly command: Command;
  readonly paths: string[];
  readonly options: Map<string, string>;
}

/** Run the CLI in-process; returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  try {
    const first = argv[0];
    if (first === undefined) throw new InputError('missing command (check, report or rules; try --help)');
    if (first === 'help' || first === '--help' || first === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    if (first === '--version' || first === '-V') {
      io.stdout(`${toolInfo().version}\n`);
      return 0;
    }
    const parsed = parseArgs(argv);
    return parsed.command === 'check' ? check(parsed, io) : parsed.command === 'report' ? report(parsed, io) : rules(parsed, io);
  } catch (err) {
    const message = err instanceof InputError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
    io.stderr(`forensic-readiness: ${oneLine(message)}\n`);
    return 2;
  }
}

function parseArgs(argv: readonly string[]): Parsed {
  const command = argv[0];
  if (command !== 'check' && command !== 'report' && command !== 'rules') throw new InputError(`unknown command ${JSON.stringify(command)} (check, report or rules; try --help)`);
  const allowed = OPTIONS_OF[command];
  const options = new Map<string, string>();
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '--help' || arg === '-h') throw new InputError(`${command} --help: run forensic-readiness --help`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!allowed.has(name)) throw new InputError(`unknown option ${name} for ${command} (try --help)`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new InputError(`${name} needs a value`);
      i++;
    }
    if (value === '') throw new InputError(`${name} needs a value`);
    if (options.has(name)) throw new InputError(`${name} given twice`);
    options.set(name, value);
  }
  return { command, paths, options };
}

interface Checked {
  readonly result: ReturnType<typeof runRules>;
  readonly model: ReturnType<typeof buildModel>;
  readonly loaded: ReturnType<typeof loadPaths>;
  readonly failOn: FailOn;
}

/** Load, model and judge the paths of a check or report: the work both commands share. */
function runCheck(p: Parsed, io: CliIo): Checked {
  const cwd = io.cwd ?? process.cwd();
  const failOn = (p.options.get('--fail-on') ?? 'error') as FailOn;
  if (!FAIL_ON_VALUES.includes(failOn)) throw new InputError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, got ${JSON.stringify(failOn)}`);
  if (p.paths.length === 0) throw new InputError(`${p.command} needs at least one PATH (a template, cdk.out, cdktf.out or plan JSON)`);
  const readOptions = { fs: io.fs };
  const ruleList = io.rules ?? ALL_RULES;

  // Thresholds: defaults, then --config, then flags.
  const configFile = p.options.get('--config');
  const fromFile: Partial<RuleConfig> = configFile ? loadConfigFile(path.resolve(cwd, configFile), configFile, readOptions) : {};
  const fromFlags: Partial<Record<keyof RuleConfig, number>> = {};
  for (const k of CONFIG_KEYS) {
    const raw = p.options.get(RULE_CONFIG_SPEC[k].flag);
    if (raw !== undefined) fromFlags[k] = configValue(k, raw, RULE_CONFIG_SPEC[k].flag);
  }
  const config = mergeConfig(fromFile, fromFlags);

  const suppressionsFile = p.options.get('--suppressions');
  const known = new Set(ruleList.map((r) => r.id));
  const entries = suppressionsFile ? loadSuppressionsFile(path.resolve(cwd, suppressionsFile), suppressionsFile, known, readOptions) : [];

  const loaded = loadPaths(p.paths, { cwd, fs: io.fs });
  const model = buildModel(loaded.templates, entries, suppressionsFile);
  const result = runRules(model, ruleList, config);
  return { result, model, loaded, failOn };
}

function check(p: Parsed, io: CliIo): number {
  const cwd = io.cwd ?? process.cwd();
  const format = p.options.get('--format') ?? 'text';
  if (!isReportFormat(format)) throw new InputError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  const output = p.options.get('--output');
  if (output && p.paths.some((x) => path.resolve(cwd, x) === path.resolve(cwd, output))) {
    throw new InputError(`--output ${output} is also an input; refusing to overwrite it`);
  }
  const { result, loaded, failOn } = runCheck(p, io);
  const renderer = REPORT_RENDERERS[format];
  const report = buildReport(result, {
    inputs: loaded.inputs,
    failOn,
    ...(renderer.needsLines ? { findings: withLines(result.findings, loaded.templates), suppressed: withLines(result.suppressed, loaded.templates) } : {}),
  });
  const text = renderer.render(report);
  if (output) {
    writeAtomic(path.resolve(cwd, output), output, text);
    io.stdout(`${report.failed ? 'FAILED' : 'PASSED'}: ${summaryLine(report)}; ${format} report written to ${output}\n`);
  } else {
    io.stdout(text);
  }
  return report.failed ? 1 : 0;
}

function report(p: Parsed, io: CliIo): number {
  const cwd = io.cwd ?? process.cwd();
  const out = p.options.get('--out') ?? DEFAULT_REPORT_DIR;
  const outAbs = path.resolve(cwd, out);
  if (p.paths.some((x) => { const abs = path.resolve(cwd, x); return abs === outAbs || abs.startsWith(`${outAbs}${path.sep}`); })) {
    throw new InputError(`--out ${out} holds an input; refusing to replace it`);
  }
  const { result, model, loaded, failOn } = runCheck(p, io);
  const built = buildReport(result, {
    inputs: loaded.inputs,
    failOn,
    findings: withLines(result.findings, loaded.templates),
    suppressed: withLines(result.suppressed, loaded.templates),
    readiness: buildReadiness(model, result),
  });
  const files = writeReportFolder(outAbs, built, out);
  io.stdout(renderReadinessSummary(built));
  io.stdout(`${built.failed ? 'FAILED' : 'PASSED'}: ${summaryLine(built)}; report written to ${files.join(', ')}\n`);
  return built.failed ? 1 : 0;
}

function rules(p: Parsed, io: CliIo): number {
  if (p.paths.length > 0) throw new InputError(`rules takes no paths, got ${JSON.stringify(p.paths[0])}`);
  const format = p.options.get('--format') ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new InputError(`--format for rules must be markdown or json, got ${JSON.stringify(format)}`);
  const ruleList = io.rules ?? ALL_RULES;
  const text = format === 'json' ? renderRulesJson(ruleList) : renderRulesMarkdown(ruleList);
  const output = p.options.get('--output');
  if (output) writeAtomic(path.resolve(io.cwd ?? process.cwd(), output), output, text);
  else io.stdout(text);
  return 0;
}

/**
 * Write through a temporary file in the same folder, flushed, then renamed over the target: a
 * reader sees the old file or the whole new one, never half a report.
 */
export function writeAtomic(abs: string, display: string, text: string): void {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  let fd: number | undefined;
  try {
    fd = nodeFs.openSync(tmp, 'wx', 0o644);
    nodeFs.writeSync(fd, text);
    nodeFs.fsyncSync(fd);
    nodeFs.closeSync(fd);
    fd = undefined;
    nodeFs.renameSync(tmp, abs);
  } catch (err) {
    if (fd !== undefined) nodeFs.closeSync(fd);
    nodeFs.rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
    throw new InputError(`--output ${display}: cannot write (${why})`);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
