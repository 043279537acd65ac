/**
 * Helpers for the GCP construct tests: a fresh stack per test, its synthesized Terraform JSON,
 * the kit's annotations (warnings and notices) found under a scope, and the assertions shared by
 * every construct's validation tests: a refusal, an acknowledgeable warning, a token kept intact.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AnnotationMetadataEntryType, Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { IConstruct } from 'constructs';
import { acknowledgeKitWarning, ForensicValidationError, WarningId } from '../../constructs/core';
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

/**
 * The stack written out as `cdktf synth` writes it, with cdktf's validations: the text and JSON of
 * its cdk.tf.json. A google provider is added first (cdktf refuses resources without one).
 */
export function synthFile(stack: TerraformStack): { text: string; json: TfJson } {
  new GoogleProvider(stack, 'google', {});
  const outdir = Testing.fullSynth(stack);
  try {
    const text = fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8');
    return { text, json: JSON.parse(text) as TfJson };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
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

/**
 * The error `build` throws, asserted to be the kit's one validation error naming `prop`, with
 * `expected` in what it says was expected (and the message `<prop> must be <expected>, got ...`).
 */
export function refusal(build: () => unknown, prop: string, expected: RegExp): ForensicValidationError {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ForensicValidationError);
  const e = error as ForensicValidationError;
  expect(e.prop).toBe(prop);
  expect(e.expected).toMatch(expected);
  expect(e.message).toContain(`${prop} must be ${e.expected}, got `);
  return e;
}

/**
 * Asserts that `build` raises the kit warning `id` once with a text matching `text`, and that the
 * same build under a stack where `id` was acknowledged first raises nothing of that id.
 */
export function expectAcknowledgeableWarning(build: (stack: TerraformStack) => void, id: WarningId, text: RegExp): void {
  const stack = newStack();
  build(stack);
  const raised = warningsOf(stack).filter((w) => w.startsWith(`[${id}] `));
  expect(raised).toEqual([expect.stringMatching(text)]);
  const acknowledged = newStack();
  acknowledgeKitWarning(acknowledged, id, 'reviewed and accepted for this test stack');
  build(acknowledged);
  expect(warningsOf(acknowledged).filter((w) => w.startsWith(`[${id}] `) || text.test(w))).toEqual([]);
}

/** A deploy-time number: a TerraformVariable of type number. */
export function numberVariable(stack: TerraformStack, name: string): number {
  return new TerraformVariable(stack, name, { type: 'number' }).numberValue;
}

/** A deploy-time string: a TerraformVariable of type string. */
export function stringVariable(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

/**
 * Asserts that the synthesized text holds no token left unresolved and no number a token's bit
 * pattern became (a cdktf number token is a double near -1.8e289; arithmetic on it gives numbers
 * such as -7e303, and a check on it can give Infinity or NaN).
 */
export function expectNoCorruptTokens(text: string): void {
  expect(text).not.toMatch(/TfToken\[/);
  expect(text).not.toMatch(/(?<![0-9A-Za-z_])-?\d+(\.\d+)?e[+-]\d{2,}/i);
  expect(text).not.toMatch(/Infinity|NaN/);
}

/**
 * The label tests every construct with `tags` gets: GCP labels as GCP defines them are accepted
 * (international lower-case letters too) and reach every labelled resource; anything else, more
 * labels than GCP allows beside the kit's `kitLabels`, and the kit's own keys are refused.
 */
export function labelTests(build: (stack: TerraformStack, tags: unknown) => void, kitLabels: number): void {
  const refusedTags = (tags: unknown, prop: string, expected: RegExp) => refusal(() => build(newStack(), tags), prop, expected);
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`label-${i}`, 'v']));
  const LABEL = /^a GCP label: key of 1 to 63 lower-case letters \(international ones too\)/;

  test('accepts labels of international lower-case letters, and they reach every labelled resource', () => {
    const stack = newStack();
    build(stack, { équipe: 'données', 'ドメイン': '証拠', team_1: '' });
    const labelled = Object.values(synth(stack).json.resource).flatMap((byName) => Object.values(byName)).filter((r: any) => r.labels);
    expect(labelled.length).toBeGreaterThan(0);
    for (const r of labelled) expect(r.labels).toMatchObject({ équipe: 'données', 'ドメイン': '証拠', team_1: '' });
  });

  test(`accepts ${64 - kitLabels} labels of your own beside the kit's ${kitLabels}`, () => {
    expect(() => build(newStack(), many(64 - kitLabels))).not.toThrow();
  });

  test(`fails when there are more than ${64 - kitLabels} labels (GCP allows 64 in all)`, () => {
    const e = refusedTags(many(65 - kitLabels), 'tags', new RegExp(`^at most ${64 - kitLabels} labels \\(GCP allows 64, the kit sets ${kitLabels}\\)`));
    expect(e.received).toBe(`"${65 - kitLabels} labels"`);
  });

  test.each([
    ['an upper-case key', { Team: 'ml' }, 'tags.Team'],
    ['an international upper-case key', { Équipe: 'ml' }, 'tags.Équipe'],
    ['an upper-case value', { team: 'ML' }, 'tags.team'],
    ['a key starting with a digit', { '1team': 'ml' }, 'tags.1team'],
    ['an empty key', { '': 'ml' }, 'tags.'],
    ['a key of 64 characters', { ['k'.repeat(64)]: 'ml' }, `tags.${'k'.repeat(64)}`],
    ['a value of 64 characters', { team: 'v'.repeat(64) }, 'tags.team'],
    ['a value with a dot', { team: 'ml.sec' }, 'tags.team'],
    ['a value that is not a string', { team: 5 }, 'tags.team'],
  ])('fails when a label has %s', (_case, tags, prop) => {
    refusedTags(tags, prop, LABEL);
  });

  test.each(['forensic-readiness', 'forensic-evidence-source', 'forensic-evidence-store'])('fails when a label overrides the kit\'s own %s', (key) => {
    refusedTags({ [key]: 'false' }, `tags.${key}`, new RegExp(`^a label of your own: ${key} is set by the kit`));
  });

  test('fails when tags is not a map of labels', () => {
    refusedTags(['team', 'ml'], 'tags', /^a map of GCP labels$/);
    refusedTags('team=ml', 'tags', /^a map of GCP labels$/);
  });

  test('fails when tags is a token (the kit adds its own labels to the map)', () => {
    const stack = newStack();
    const tags = new TerraformVariable(stack, 'tags', { type: 'map(string)' }).value;
    refusal(() => build(stack, tags), 'tags', /^a map of labels written out, not a token/);
  });
}
