import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CDK_CONTEXT } from '../../cdk/app';

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

export { refusal } from '../refusal';

/** A deploy-time number (a CloudFormation Number parameter named `name`). */
export function numberParameter(stack: Stack, name = 'Days'): number {
  return new CfnParameter(stack, name, { type: 'Number', default: 400 }).valueAsNumber;
}

/** A deploy-time string (a CloudFormation String parameter named `name`). */
export function stringParameter(stack: Stack, name = 'Name'): string {
  return new CfnParameter(stack, name, { type: 'String', default: 'x' }).valueAsString;
}
