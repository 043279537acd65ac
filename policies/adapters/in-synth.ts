/**
 * What the CDK and CDKTF adapters share: run rules over templates held in memory and say, per
 * finding, which construct is at fault, what is wrong and how to fix it. No CDK or CDKTF import
 * here, so that each adapter loads only its own framework.
 */
import { RULE_CONFIG_SPEC, configObject, thresholdChanges } from '../engine/config';
import { InputError, printable } from '../engine/errors';
import { buildModel } from '../engine/loader';
import { unknownAcknowledgement } from '../engine/suppressions';
import { describeContext, parseEvidenceContext } from '../engine/context';
import { nothingJudgedReason } from '../engine/input-coverage';
import { DEFAULT_RULE_CONFIG, Finding, Rule, RuleConfig } from '../engine/types';
import { FailOn, RunResult, runRules } from '../engine/runner';
import { LoadedTemplate } from '../engine/template';

/** The options of the kit's checks at synth, the same for CDK and CDKTF. */
export interface InSynthCheckOptions {
  /** The rules to run. @default the cloud's rules (AWS_RULES for CDK; AWS_RULES, GCP_RULES and AZURE_RULES for CDKTF) */
  readonly rules?: readonly Rule[];
  /** Threshold overrides, and the evidence context (evidence produced outside the app). @default DEFAULT_RULE_CONFIG */
  readonly config?: Partial<RuleConfig>;
  /** Findings that fail synth: `error` or also `warning` (UNKNOWN values included). @default 'error' */
  readonly failOn?: Exclude<FailOn, 'never'>;
  /**
   * Where the adapter writes what it must say beside the framework's own report: the acknowledged
   * findings, and why the checks could not run. One line per call.
   * @default a line on stderr
   */
  readonly log?: (line: string) => void;
}

/**
 * Judge the templates of a synth. The config is checked as strictly as a config file is, by the
 * CLI's own checks (`config: retentionFloorDays must be an integer from 1 to 36500, got NaN`; a
 * bad value throws, and the adapter fails synth with ChecksDidNotRun); a threshold weaker than its
 * default is logged once, as is the evidence context assumed, so the synth output says what the
 * verdict rests on. When no rule
 * judged any resource, one line says so and why: a synth that passes having checked nothing is
 * never silent.
 */
export function runInSynth(templates: readonly LoadedTemplate[], rules: readonly Rule[], options: InSynthCheckOptions): RunResult {
  const log = logOf(options);
  const given: unknown = options.config ?? {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new InputError(`config must be an object of thresholds, got ${JSON.stringify(given)}`);
  const { context: raw, ...rest } = given as Partial<RuleConfig>;
  const thresholds = configObject(rest, 'config');
  // What the options assume is said once per options, not once per stack they judge.
  const said = SAID.get(options) ?? new Set<string>();
  SAID.set(options, said);
  const once = (line: string): void => {
    if (said.has(line)) return;
    said.add(line);
    log(line);
  };
  for (const line of weakerThresholdLines(thresholds)) once(line);
  const context = raw === undefined ? undefined : parseEvidenceContext(raw, 'config.context');
  if (context) for (const line of describeContext(context)) once(`forensic-readiness: evidence context assumed: ${line}`);
  // A template's `//` or Metadata acknowledgement of an id none of the rules has fails synth, as the CLI refuses it.
  const known = new Set(rules.map((r) => r.id));
  for (const t of templates) {
    const problem = unknownAcknowledgement(t, known);
    if (problem !== undefined) throw new InputError(problem);
  }
  const result = runRules(buildModel(templates), rules, { ...DEFAULT_RULE_CONFIG, ...thresholds, context });
  if (result.inputCoverage.nothingJudged) log(nothingJudgedText(result, templates));
  return result;
}

/** The lines already said of each options object (see runInSynth). */
const SAID = new WeakMap<InSynthCheckOptions, Set<string>>();

/**
 * One line per threshold set weaker (lower) than its default: every threshold is a floor, and a
 * lower floor passes what the default fails, so the choice is never silent.
 */
export function weakerThresholdLines(thresholds: Partial<RuleConfig>): string[] {
  return thresholdChanges(thresholds)
    .filter((c) => c.weaker)
    .map((c) => `forensic-readiness: warning: config.${c.key} is ${c.value}, weaker than its default of ${c.defaultValue} (${RULE_CONFIG_SPEC[c.key].description}): the checks pass what the default fails`);
}

/** `forensic-readiness: NOTHING JUDGED in app/cdk.tf.json: 3 resources of 1 type (...); no rule applies to them`. */
export function nothingJudgedText(result: Pick<RunResult, 'inputCoverage'>, templates: readonly Pick<LoadedTemplate, 'file'>[]): string {
  const files = templates.map((t) => t.file).join(', ') || 'no template';
  return `forensic-readiness: NOTHING JUDGED in ${files}: ${nothingJudgedReason(result.inputCoverage)}; the kit's checks vouch for nothing here`;
}

/** Whether a finding fails synth at a threshold. */
export function failsSynth(f: Finding, failOn: InSynthCheckOptions['failOn'] = 'error'): boolean {
  return f.severity === 'error' || failOn === 'warning';
}

/**
 * `AWS.S3.ObjectLockCompliance: <why>. Fix: <how>`, the text the adapters print per finding
 * (without the fix where the framework prints it on its own line, as CDK does).
 */
export function findingText(f: Finding, rule: Rule | undefined, withFix = true): string {
  const unknownNote = f.verdict === 'UNKNOWN' ? ' (value unknown before deploy)' : '';
  return `${f.ruleId}: ${f.message}${unknownNote}${withFix ? `. Fix: ${rule?.fix ?? 'see RULES.md'}` : ''}`;
}

/** The one line an acknowledged finding gets at synth, so a waiver is never silent. */
export function acknowledgedText(f: Finding, where: string): string {
  return `forensic-readiness: acknowledged ${f.ruleId} on ${where}: ${f.suppressed?.reason ?? ''}`;
}

/** Writes the acknowledged findings of a run, one line each, through the adapter's log. */
export function logAcknowledged(result: RunResult, options: InSynthCheckOptions, where: (f: Finding) => string | undefined): void {
  const log = logOf(options);
  for (const f of result.suppressed) {
    const at = where(f);
    if (at !== undefined) log(acknowledgedText(f, at));
  }
}

/** The message of a check that could not run: synth must fail with it, never pass. */
export function internalFailureText(err: unknown): string {
  const message = String((err as Error)?.message ?? err).split('\n')[0];
  return `forensic-readiness: the checks could not run, so synth fails (fail closed): ${message}`;
}

/** Writes one line on stderr, printable (see printable): where the adapters log by default. */
export function defaultLog(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
}

/**
 * Where the adapters write a line: the options' log, or stderr, given the line printable. A line
 * quotes construct paths, addresses and declarations, and a construct id may hold any character
 * but `/`: escaped (`\u001b`, `\r`), a hostile id neither sends a terminal sequence nor starts a
 * line of its own, in a terminal or in the log the user's function writes.
 */
export function logOf(options: Pick<InSynthCheckOptions, 'log'>): (line: string) => void {
  const log = options.log ?? defaultLog;
  return (line) => log(printable(line));
}
