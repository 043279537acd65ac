/**
 * Test helpers: build a resource model straight from a template object, so a rule test states
 * its input inline. They go through the engine's own loaders, so a rule sees in a test exactly
 * what it sees from `forensic-readiness check` (construct paths, acknowledgements, exports,
 * parameter defaults, mappings).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildModel } from '../../policies/engine/loader';
import { loadCloudFormation } from '../../policies/engine/load-cloudformation';
import { loadTerraformJson } from '../../policies/engine/load-terraform';
import { ResourceModel } from '../../policies/engine/model';
import { DEFAULT_RULE_CONFIG, Judgement, Rule, RuleConfig, RuleContext } from '../../policies/engine/types';

/** A model of one CloudFormation template (`{ Resources: {...} }`, optionally Parameters, Mappings, Outputs). */
export function cfnModel(template: { Resources: Record<string, any>; Parameters?: Record<string, any> } & Record<string, any>, file = 'template.json'): ResourceModel {
  return buildModel([loadCloudFormation(template, file)]);
}

/** A model of one Terraform JSON document (`{ resource: { type: { name: {...} } } }`). */
export function tfModel(doc: { resource: Record<string, Record<string, any>> } & Record<string, any>, file = 'cdk.tf.json'): ResourceModel {
  return buildModel([loadTerraformJson(doc, file)]);
}

/** Run one rule on one resource of a model, the way the engine does (exceptions propagate, so a test sees them). */
export function judge(rule: Rule, model: ResourceModel, address: string, config: RuleConfig = DEFAULT_RULE_CONFIG): Judgement {
  const resource = model.byAddress(address);
  if (!resource) throw new Error(`no resource ${address} in the test model`);
  if (!rule.appliesTo.includes(resource.type)) throw new Error(`${rule.id} does not apply to ${resource.type}`);
  const ctx: RuleContext = { model, config };
  if (rule.isApplicable && !rule.isApplicable(resource, ctx)) return { verdict: 'NOT_APPLICABLE', reason: 'not applicable' };
  return rule.check(resource, ctx);
}

/** A private folder for the tests of one file: made before them, removed after; `write` puts a file in it (subfolders made) and returns its path. */
export function scratchFolder(prefix: string): { readonly dir: () => string; readonly write: (name: string, content: string | Buffer) => string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    write: (name, content) => {
      const p = path.join(dir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
      return p;
    },
  };
}
