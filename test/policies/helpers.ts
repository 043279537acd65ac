/**
 * Test helpers: build a resource model straight from a template object, so a rule test states
 * its input inline. The engine's loaders do the same for files.
 */
import { ResourceModel, cloudOf } from '../../policies/engine/model';
import { DEFAULT_RULE_CONFIG, Judgement, Resource, Rule, RuleConfig, RuleContext } from '../../policies/engine/types';

/** A model of one CloudFormation template (`{ Resources: {...} }`). */
export function cfnModel(template: { Resources: Record<string, any>; Parameters?: Record<string, any> }, file = 'template.json'): ResourceModel {
  const resources: Resource[] = Object.entries(template.Resources).map(([address, r]) => ({
    address,
    type: r.Type,
    properties: r.Properties ?? {},
    attributes: Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'Type' && k !== 'Properties')),
    sourceFile: file,
    format: 'cloudformation',
    cloud: cloudOf(r.Type),
    constructPath: r.Metadata?.['aws:cdk:path'],
    suppressions: [],
  }));
  const params = new Map<string, Map<string, unknown>>();
  if (template.Parameters) {
    params.set(file, new Map(Object.entries(template.Parameters).filter(([, p]) => p.Default !== undefined).map(([k, p]) => [k, p.Default])));
  }
  return new ResourceModel(resources, [], params);
}

/** A model of one Terraform JSON document (`{ resource: { type: { name: {...} } } }`). */
export function tfModel(doc: { resource: Record<string, Record<string, any>> }, file = 'cdk.tf.json'): ResourceModel {
  const resources: Resource[] = [];
  for (const [type, byName] of Object.entries(doc.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      const { lifecycle, depends_on, count, for_each, provider, '//': meta, ...properties } = body;
      resources.push({
        address: `${type}.${name}`,
        type,
        properties,
        attributes: { lifecycle, depends_on, count, for_each, provider, '//': meta },
        sourceFile: file,
        format: 'terraform-json',
        cloud: cloudOf(type),
        constructPath: meta?.metadata?.path,
        suppressions: [],
      });
    }
  }
  return new ResourceModel(resources);
}

/** Run one rule on one resource of a model, the way the engine does. */
export function judge(rule: Rule, model: ResourceModel, address: string, config: RuleConfig = DEFAULT_RULE_CONFIG): Judgement {
  const resource = model.byAddress(address);
  if (!resource) throw new Error(`no resource ${address} in the test model`);
  if (!rule.appliesTo.includes(resource.type)) throw new Error(`${rule.id} does not apply to ${resource.type}`);
  const ctx: RuleContext = { model, config };
  if (rule.isApplicable && !rule.isApplicable(resource, ctx)) return { verdict: 'NOT_APPLICABLE', reason: 'not applicable' };
  return rule.check(resource, ctx);
}
