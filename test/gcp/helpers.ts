/**
 * Helpers for the GCP construct tests: a fresh stack per test, its synthesized Terraform JSON,
 * and the kit's annotations (warnings and notices) found under a scope.
 */
import { AnnotationMetadataEntryType, Testing, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
// Brings the type declarations of the matchers that setupJest() registers.
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();

export type TfJson = {
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  provider?: Record<string, any>;
};

/** A stack in a fresh test app. */
export function newStack(context?: Record<string, unknown>): TerraformStack {
  return new TerraformStack(Testing.app({ context }), 'test');
}

/** The stack synthesized, as a string for the cdktf matchers and as parsed JSON. */
export function synth(stack: TerraformStack): { text: string; json: TfJson } {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as TfJson };
}

/** Every resource of a type, by Terraform name. */
export function resourcesOf(json: TfJson, type: string): Record<string, any> {
  return json.resource[type] ?? {};
}

/** The only resource of a type; fails the test if there is not exactly one. */
export function onlyResource(json: TfJson, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Annotation texts of one level under a scope (the scope included). */
function annotations(scope: IConstruct, type: string): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => String(m.data)));
}

export const warningsOf = (scope: IConstruct): string[] => annotations(scope, AnnotationMetadataEntryType.WARN);
export const infosOf = (scope: IConstruct): string[] => annotations(scope, AnnotationMetadataEntryType.INFO);
