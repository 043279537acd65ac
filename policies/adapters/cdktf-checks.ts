import { Annotations, App, TerraformStack } from 'cdktf';
import { ForensicValidationError } from '../../constructs/core/errors';
import { shouldPrintKitWarnings, warningLine } from '../../constructs/core/warnings';
import { IConstruct } from 'constructs';
import { printable } from '../engine/errors';
import { loadDocument } from '../engine/loader';
import { Rule } from '../engine/types';
import { AWS_RULES } from '../rules/aws';
import { AZURE_RULES } from '../rules/azure';
import { GCP_RULES } from '../rules/gcp';
import { InSynthCheckOptions, failsSynth, findingText, internalFailureText, logAcknowledged, logOf, runInSynth } from './in-synth';

/** The options of addForensicReadinessChecks: rules, thresholds, the findings that fail synth, the log. */
export type ForensicReadinessCheckOptions = InSynthCheckOptions;

/**
 * Run the kit's rules on a CDKTF stack at synth: a node validation serializes the stack
 * (`stack.toTerraform()`, the JSON `cdktf synth` writes) into the resource model and runs the
 * AWS (for hashicorp/aws resources, @cdktf/provider-aws), GCP and Azure rules. An error finding fails `app.synth()` / `cdktf synth` with
 * `[<construct path>] <rule id>: <what is wrong>. Fix: <how>`; warnings and UNKNOWN values become
 * warning annotations. Acknowledge a finding with `acknowledgeRule` from this folder's cdktf entry.
 */
export function addForensicReadinessChecks(stack: TerraformStack, options: ForensicReadinessCheckOptions = {}): void {
  if (!TerraformStack.isStack(stack)) {
    throw new ForensicValidationError('stack', describe(stack), 'a cdktf TerraformStack');
  }
  // An app that skips validation would never run the checks: refuse it now rather than pass silently.
  if (App.of(stack).skipValidation) {
    throw new ForensicValidationError('stack', stack.node.path, 'a stack of an App without skipValidation (the checks run as validations of app.synth())');
  }
  const rules: readonly Rule[] = options.rules ?? [...AWS_RULES, ...GCP_RULES, ...AZURE_RULES];
  stack.node.addValidation({
    validate: (): string[] => {
      try {
        return judge(stack, rules, options);
      } catch (err) {
        const text = internalFailureText(err);
        logOf(options)(text);
        return [printable(`[${stack.node.path}] ${text}`)];
      }
    },
  });
}

function judge(stack: TerraformStack, rules: readonly Rule[], options: ForensicReadinessCheckOptions): string[] {
  const template = loadDocument(stack.toTerraform(), `${stack.node.id}/cdk.tf.json`);
  const result = runInSynth([template], rules, options);
  logAcknowledged(result, options, (f) => f.constructPath ?? `${stack.node.path}/${f.address}`);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const byPath = new Map<string, IConstruct>(stack.node.findAll().map((c) => [c.node.path, c]));
  const errors: string[] = [];
  // Warnings go into the manifest (the cdktf CLI prints them) and, for an app run directly, on stderr.
  const print = shouldPrintKitWarnings(stack);
  for (const f of result.findings) {
    const text = findingText(f, byId.get(f.ruleId));
    if (failsSynth(f, options.failOn)) {
      // cdktf prints the errors and the annotations as they are: printable, as every line of the kit.
      errors.push(printable(`[${f.constructPath ?? f.address}] ${text}`));
    } else {
      Annotations.of((f.constructPath && byPath.get(f.constructPath)) || stack).addWarning(printable(`[${f.address}] ${text}`));
      if (print) logOf(options)(warningLine(f.constructPath ?? `${stack.node.path}/${f.address}`, text));
    }
  }
  return errors;
}

function describe(value: unknown): string {
  return (value as IConstruct)?.node?.path ?? typeof value;
}
