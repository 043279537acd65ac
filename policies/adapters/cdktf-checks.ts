import { Annotations, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { loadDocument } from '../engine/loader';
import { Rule } from '../engine/types';
import { AZURE_RULES } from '../rules/azure';
import { GCP_RULES } from '../rules/gcp';
import { InSynthCheckOptions, failsSynth, findingText, runInSynth } from './in-synth';

export type ForensicReadinessCheckOptions = InSynthCheckOptions;

/**
 * Run the kit's rules on a CDKTF stack at synth: a node validation serializes the stack
 * (`stack.toTerraform()`, the JSON `cdktf synth` writes) into the resource model and runs the
 * GCP and Azure rules. An error finding fails `app.synth()` / `cdktf synth` with
 * `[<construct path>] <rule id>: <what is wrong>. Fix: <how>`; warnings and UNKNOWN values become
 * warning annotations. Acknowledge a finding with `acknowledgeRule` from this folder's cdktf entry.
 */
export function addForensicReadinessChecks(stack: TerraformStack, options: ForensicReadinessCheckOptions = {}): void {
  const rules: readonly Rule[] = options.rules ?? [...GCP_RULES, ...AZURE_RULES];
  stack.node.addValidation({
    validate: (): string[] => {
      const template = loadDocument(stack.toTerraform(), `${stack.node.id}/cdk.tf.json`);
      const result = runInSynth([template], rules, options);
      const byId = new Map(rules.map((r) => [r.id, r]));
      const byPath = new Map<string, IConstruct>(stack.node.findAll().map((c) => [c.node.path, c]));
      const errors: string[] = [];
      for (const f of result.findings) {
        const text = findingText(f, byId.get(f.ruleId));
        if (failsSynth(f, options.failOn)) {
          errors.push(`[${f.constructPath ?? f.address}] ${text}`);
        } else {
          Annotations.of((f.constructPath && byPath.get(f.constructPath)) || stack).addWarning(`[${f.address}] ${text}`);
        }
      }
      return errors;
    },
  });
}
