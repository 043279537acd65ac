import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CDK_CONTEXT } from '../../cdk/app';
import { ForensicValidationError } from '../../constructs/core';

/** A fresh app and env-agnostic stack with the kit's feature flags. */
export function newStack(): Stack {
  const app = new App({ context: CDK_CONTEXT });
  return new Stack(app, 'TestStack');
}

export function template(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** The warning texts on a stack. */
export function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.anyValue())
    .map((w) => String(w.entry.data));
}

/** The single resource of a type, as the template has it. */
export function only(t: Template, type: string): { Properties: Record<string, any>; [k: string]: any } {
  const all = Object.values(t.findResources(type));
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0] as never;
}

/** The ForensicValidationError a build throws (fails the test when it throws anything else, or nothing). */
export function refusal(build: () => unknown): ForensicValidationError {
  try {
    build();
  } catch (e) {
    if (e instanceof ForensicValidationError) return e;
    throw new Error(`expected a ForensicValidationError, got ${(e as Error).name}: ${(e as Error).message}`);
  }
  throw new Error('expected a ForensicValidationError, the build passed');
}

/** A deploy-time number (a CloudFormation Number parameter named `name`). */
export function numberParameter(stack: Stack, name = 'Days'): number {
  return new CfnParameter(stack, name, { type: 'Number', default: 400 }).valueAsNumber;
}

/** A deploy-time string (a CloudFormation String parameter named `name`). */
export function stringParameter(stack: Stack, name = 'Name'): string {
  return new CfnParameter(stack, name, { type: 'String', default: 'x' }).valueAsString;
}
