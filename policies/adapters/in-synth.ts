/**
 * What the CDK and CDKTF adapters share: run rules over templates held in memory and say, per
 * finding, which construct is at fault, what is wrong and how to fix it. No CDK or CDKTF import
 * here, so that each adapter loads only its own framework.
 */
import { buildModel } from '../engine/loader';
import { DEFAULT_RULE_CONFIG, Finding, Rule, RuleConfig } from '../engine/types';
import { FailOn, RunResult, runRules } from '../engine/runner';
import { LoadedTemplate } from '../engine/template';

export interface InSynthCheckOptions {
  /** The rules to run. @default the cloud's rules (AWS_RULES for CDK, GCP_RULES and AZURE_RULES for CDKTF) */
  readonly rules?: readonly Rule[];
  /** Threshold overrides. @default DEFAULT_RULE_CONFIG */
  readonly config?: Partial<RuleConfig>;
  /** Findings that fail synth: `error` or also `warning` (UNKNOWN values included). @default 'error' */
  readonly failOn?: Exclude<FailOn, 'never'>;
}

export function runInSynth(templates: readonly LoadedTemplate[], rules: readonly Rule[], options: InSynthCheckOptions): RunResult {
  return runRules(buildModel(templates), rules, { ...DEFAULT_RULE_CONFIG, ...options.config });
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
