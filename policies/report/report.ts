import { FileCoverage, InputCoverage, moduleCallsLine, nestedNotFollowed, nestedStacksLine, nothingJudgedReason, unjudgedTypes } from '../engine/input-coverage';
import { FailedInput, InputSummary } from '../engine/loader';
import type { NotCreated } from '../engine/template';
import { Evaluation, FailOn, RunResult, Summary, fails, summarize } from '../engine/runner';
import { describeContext } from '../engine/context';
import { ThresholdChange, thresholdChanges } from '../engine/config';
import { printable } from '../engine/errors';
import { Finding, Rule, RuleConfig } from '../engine/types';
import type { Readiness } from './readiness';
import { ToolInfo, toolInfo } from './tool';

/**
 * Everything a renderer may show, built once per run. Renderers are pure functions of it, so a
 * new format (HTML, the coverage matrix) is one more renderer, not a change to the engine.
 */
export interface Report {
  /** The tool that wrote the report. */
  readonly tool: ToolInfo;
  /** The paths checked, and what each turned out to be. */
  readonly inputs: readonly InputSummary[];
  /** Inputs that could not be read: the report covers only the others, and the run fails (exit 2). */
  readonly unread: readonly FailedInput[];
  /** The rules that ran, in order. */
  readonly rules: readonly Rule[];
  /** Findings that count, sorted (errors first). */
  readonly findings: readonly Finding[];
  /** Acknowledged findings, with their reasons. */
  readonly suppressed: readonly Finding[];
  /** Every verdict, compliant ones included (JUnit test cases, the coverage matrix). */
  readonly evaluations: readonly Evaluation[];
  /** The counts of the run. */
  readonly summary: Summary;
  /** The findings that fail the run. */
  readonly failOn: FailOn;
  /**
   * Whether the run fails: findings at failOn or nothing judged without allowEmpty (the CLI's
   * exit code 1), or an input not read (exit 2).
   */
  readonly failed: boolean;
  /**
   * `failed` on findings or on an input not read (which wins over nothing judged: the verdict names
   * the input, and says too when the inputs read judged nothing); `nothing-judged` when no rule
   * judged any resource of inputs all read (never PASSED); `findings` when `--fail-on never` let
   * findings stand without failing the run (never PASSED either); else `passed`.
   */
  readonly status: RunStatus;
  /** Whether a run that judged nothing is let pass (`--allow-empty`, config `allowEmpty`). */
  readonly allowEmpty: boolean;
  /** What was judged of the input: per file, resources judged and not, by type; module calls not followed. */
  readonly inputCoverage: InputCoverage;
  /** The thresholds the run used. */
  readonly config: RuleConfig;
  /** The coverage matrix and scenario readiness, when the run built them (`report`, `npm start`). */
  readonly readiness?: Readiness;
}

/**
 * The verdict of a run, as every report states it. `findings`: the run has findings that
 * `--fail-on never` does not make fail (it exits 0), so it did not pass either.
 */
export type RunStatus = 'passed' | 'failed' | 'nothing-judged' | 'findings';

/** What buildReport adds to a run's result. */
export interface BuildReportOptions {
  /** The paths checked, as loadPaths summarized them. @default none */
  readonly inputs?: readonly InputSummary[];
  /** The inputs loadPaths could not read (`LoadResult.failed`). @default none */
  readonly unread?: readonly FailedInput[];
  /** The findings that fail the run. @default 'error' */
  readonly failOn?: FailOn;
  /** Findings and suppressed findings to show instead of the run's (e.g. with line numbers). */
  readonly findings?: readonly Finding[];
  /** Suppressed findings to show instead of the run's. @default the run's */
  readonly suppressed?: readonly Finding[];
  /** The coverage matrix and scenario readiness, to show with the findings. @default none */
  readonly readiness?: Readiness;
  /** Let a run that judged nothing pass. @default the run's config.allowEmpty, else false */
  readonly allowEmpty?: boolean;
}

/** The report of a run, with its summary and whether it fails. */
export function buildReport(result: RunResult, options: BuildReportOptions = {}): Report {
  const summary = summarize(result);
  const failOn = options.failOn ?? 'error';
  const findingsFail = fails(summary, failOn);
  // A finding needs a judgement, so a run with failing findings has judged something.
  // An input not read fails the run: what was read may have passed or judged nothing, the run as a
  // whole has not passed. It wins over nothing judged, which verdictDetail still states.
  const unread = (options.unread?.length ?? 0) > 0;
  const status: RunStatus = findingsFail || unread ? 'failed' : result.inputCoverage.nothingJudged ? 'nothing-judged' : unfailedFindings(summary, failOn) ? 'findings' : 'passed';
  const allowEmpty = options.allowEmpty ?? result.config.allowEmpty ?? false;
  return {
    tool: toolInfo(),
    inputs: options.inputs ?? [],
    unread: options.unread ?? [],
    rules: result.rules,
    findings: options.findings ?? result.findings,
    suppressed: options.suppressed ?? result.suppressed,
    // Read through: a run builds its evaluations on first read, and only JUnit reads them.
    get evaluations(): readonly Evaluation[] {
      return result.evaluations;
    },
    summary,
    failOn,
    failed: findingsFail || unread || (result.inputCoverage.nothingJudged && !allowEmpty),
    status,
    allowEmpty,
    inputCoverage: result.inputCoverage,
    config: result.config,
    ...(options.readiness ? { readiness: options.readiness } : {}),
  };
}

/**
 * Whether findings stand that the threshold does not make fail: only `--fail-on never` does that to
 * errors, and a run whose errors or warnings are only reported has not passed. (At `error`,
 * warnings are below the threshold the user chose; the verdict line still counts them.)
 */
function unfailedFindings(summary: Summary, failOn: FailOn): boolean {
  return failOn === 'never' && summary.errors + summary.warnings > 0;
}

/** A rule by id, for renderers that show its fix and rationale. */
export function ruleIndex(report: Pick<Report, 'rules'>): Map<string, Rule> {
  return new Map(report.rules.map((r) => [r.id, r]));
}

/**
 * The evidence context the run assumed, one line each, for every report: what the verdicts rest on
 * besides the inputs. A run that declares none says so.
 */
export function contextLines(report: Pick<Report, 'config'>): string[] {
  const lines = describeContext(report.config.context);
  return lines.length > 0 ? lines : ['none declared: every producer and evidence store must be in the inputs'];
}

/** The findings (not acknowledged) whose verdict is UNKNOWN: warnings that were not judged before deploy. */
export function unknownCount(report: Pick<Report, 'findings'>): number {
  return report.findings.reduce((n, f) => n + (f.verdict === 'UNKNOWN' ? 1 : 0), 0);
}

/**
 * `2 errors, 1 warning (1 UNKNOWN: not judged before deploy), 1 suppressed in 14 resources (3 files)`,
 * and `; 1 input not read` when one was not.
 */
export function summaryLine(report: Report): string {
  const s = report.summary;
  const files = report.inputs.reduce((n, i) => n + i.files.length, 0);
  const unread = report.unread.length > 0 ? `; ${plural(report.unread.length, 'input')} not read` : '';
  // UNKNOWN findings fail nothing below --fail-on warning, but were not judged: the count says so.
  const unknown = unknownCount(report);
  const warnings = `${plural(s.warnings, 'warning')}${unknown > 0 ? ` (${unknown} UNKNOWN: not judged before deploy)` : ''}`;
  return `${plural(s.errors, 'error')}, ${warnings}, ${s.suppressed} suppressed in ${plural(s.resources, 'resource')}${files ? ` (${plural(files, 'file')})` : ''}${unread}`;
}

/**
 * `PASSED`, `FAILED`, `NOTHING JUDGED`, or `FINDINGS (not failing: --fail-on never)`: the words
 * every report leads with.
 */
export function verdictWord(report: Pick<Report, 'status'>): string {
  return VERDICT_WORDS[report.status];
}

const VERDICT_WORDS: Record<RunStatus, string> = {
  passed: 'PASSED',
  failed: 'FAILED',
  'nothing-judged': 'NOTHING JUDGED',
  findings: 'FINDINGS (not failing: --fail-on never)',
};

/**
 * The verdict and its counts: `FAILED: 1 error, ...`, or for a run that judged nothing, why:
 * `NOTHING JUDGED: 3 resources of 1 type (aws_instance 3); no rule applies to them`. One line,
 * printable (see printable): it names types and module calls of the input.
 */
export function verdictLine(report: Report): string {
  return `${verdictWord(report)}: ${verdictDetail(report)}`;
}

/**
 * What verdictLine says after the word: the counts, or why nothing was judged. A run that failed
 * on an input not read and judged nothing of the others says both:
 * `0 errors, ... in 1 resource (1 file); 1 input not read; nothing judged: 1 resource of ...`.
 */
export function verdictDetail(report: Report): string {
  if (report.status === 'nothing-judged') return printable(nothingJudgedDetail(report));
  return printable(`${summaryLine(report)}${report.inputCoverage.nothingJudged ? `; nothing judged: ${nothingJudgedDetail(report)}` : ''}`);
}

/** Why nothing was judged, and `(allowed by allowEmpty)` when the run lets that pass. */
function nothingJudgedDetail(report: Report): string {
  return `${nothingJudgedReason(report.inputCoverage)}${report.allowEmpty ? ' (allowed by allowEmpty)' : ''}`;
}

/** `Not read: <file>: <why>`, one per input that could not be read (text, Markdown and HTML show them). */
export function unreadLines(report: Pick<Report, 'unread'>): string[] {
  return report.unread.map((u) => `Not read: ${u.message}`);
}

export { thresholdChanges };
export type { ThresholdChange };

/**
 * What the text, Markdown and HTML reports say, after `Thresholds not at their defaults:`, when a
 * threshold is not at its default, so that a run that passes on a lowered floor says so:
 * `retentionFloorDays 30 (default 365, weaker)`. Undefined when every threshold is at its default.
 */
export function thresholdsDetail(report: Pick<Report, 'config'>): string | undefined {
  const changes = thresholdChanges(report.config);
  return changes.length === 0 ? undefined : changes.map(thresholdText).join(', ');
}

/** `retentionFloorDays 30 (default 365, weaker)`. */
export function thresholdText(c: ThresholdChange): string {
  return `${c.key} ${c.value} (default ${c.defaultValue}${c.weaker ? ', weaker' : ', stricter'})`;
}

export { printable };

/** The coverage section of a report: a head line, then one line per input file. */
export interface CoverageText {
  /** `7 of 9 resources judged in 2 files; 1 module call not followed`. */
  readonly head: string;
  /** `plan.json: 0 of 2 resources judged; not judged: aws_instance 2`, one per file. */
  readonly files: readonly string[];
}

/** What the run judged of its input, in words (text, Markdown and HTML reports show it). */
export function coverageText(c: InputCoverage): CoverageText {
  const calls = c.moduleCallsNotFollowed.length;
  const notCreated = c.files.reduce((n, f) => n + (f.notCreated?.length ?? 0), 0);
  const stacks = c.nestedStacksNotFollowed?.length ?? 0;
  const head = `${c.judged} of ${plural(c.resources, 'resource')} judged in ${plural(c.files.length, 'file')}${calls ? `; ${plural(calls, 'module call')} not followed` : ''}${stacks ? `; ${plural(stacks, 'nested stack')} not followed` : ''}${notCreated ? `; ${plural(notCreated, 'resource')} not created` : ''}`;
  return { head, files: c.files.map(fileCoverageText) };
}

/** One file's line of the coverage section. */
export function fileCoverageText(f: FileCoverage): string {
  const parts = [`${f.file}: ${f.judged} of ${plural(f.resources, 'resource')} judged`];
  const types = unjudgedTypes([f]);
  if (types.length) parts.push(`not judged: ${types.slice(0, 5).map(([t, n]) => `${t} ${n}`).join(', ')}${types.length > 5 ? `, ${types.length - 5} more types` : ''}`);
  const notFollowed = f.moduleCalls.filter((m) => !m.followed).map((m) => m.name);
  if (notFollowed.length) parts.push(moduleCallsLine(notFollowed));
  const stacks = nestedNotFollowed(f);
  if (stacks.length) parts.push(nestedStacksLine(stacks));
  if (f.notCreated?.length) parts.push(notCreatedLine(f.notCreated));
  if (f.overrides !== undefined) parts.push(`override file, merged into its configuration ${f.overrides}`);
  return parts.join('; ');
}

/** `2 resources not created, judged as absent (Trail: Condition Never is false, ...)`. */
export function notCreatedLine(list: readonly NotCreated[]): string {
  const shown = list.slice(0, 5).map((n) => `${n.address}: ${n.why}`).join(', ');
  return `${plural(list.length, 'resource')} not created, judged as absent (${shown}${list.length > 5 ? `, ${list.length - 5} more` : ''})`;
}

/** `1 error`, `2 errors`: a count and its word, plural but for 1. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `ERROR`, `WARNING`, or `WARNING (unknown)` for a value the engine could not resolve. */
export function severityLabel(f: Finding): string {
  return f.verdict === 'UNKNOWN' ? 'WARNING (unknown)' : f.severity.toUpperCase();
}

/** `file:line` where the line is known. */
export function location(f: Finding): string {
  return f.line ? `${f.file}:${f.line}` : f.file;
}
