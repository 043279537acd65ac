/**
 * Shared machinery of the guard tests (guard-gcp, guard-azure): "for each secure default of each
 * construct, flip it in a synthesized reference template and expect the matching rule to fire".
 *
 * The reference stacks are synthesized once per test file, the way `cdktf synth` does it, and each
 * stack's cdk.tf.json is read back. `Testing.synth(stack)` would be shorter, but it strips the `//`
 * metadata, and with it the construct path every resource is found by here (and any
 * acknowledgement the kit records there). A row deep-clones one stack's document, flips one
 * default through the real synthesized resource, loads the documents through the engine's own
 * loader and runs only the rule under test.
 */
import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { buildModel, loadDocument } from '../../policies/engine/loader';
import { runRules } from '../../policies/engine/runner';
import { Finding, Rule } from '../../policies/engine/types';

/** A parsed cdk.tf.json. */
export type TfDoc = { resource: Record<string, Record<string, any>> } & Record<string, any>;

/** Parsed cdk.tf.json documents by stack name. */
export type Docs = Readonly<Record<string, TfDoc>>;

/** A resource named by its Terraform type and the end of its construct path (`EvidenceBucket/Resource`). */
export type ResourceRef = readonly [type: string, pathSuffix: string];

/** One resource of a document; `body` is the document's own object, so writing to it mutates the document. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: Record<string, any>;
}

/**
 * One secure default and its guard: flipping `mutate` in the reference template must make `rule`
 * report NON_COMPLIANT, at the rule's severity, on the resource `on`.
 */
export interface GuardRow {
  /** The secure default, as the construct states it. */
  readonly default: string;
  /** The id of the rule that must fire. */
  readonly rule: string;
  /** The stack whose document the mutation changes. */
  readonly stack: string;
  /** Flips the default in a deep copy of that stack's document. */
  readonly mutate: (doc: TfDoc) => void;
  /** The resource the finding must name, looked up in the mutated document. */
  readonly on: ResourceRef;
  /** What the finding's message must say: the property that was flipped. */
  readonly because: RegExp;
}

/** A default whose guard does not fire today: kept as `test.failing`, so fixing the rule turns it into a failure to move into the table. */
export interface GapRow extends GuardRow {
  /** Why the rule misses it. */
  readonly gap: string;
}

/** The file name the engine records for a stack's document (findings name it). */
export const fileOf = (stack: string): string => `stacks/${stack}/cdk.tf.json`;

/** Synthesizes an app to a temporary outdir and returns every stack's cdk.tf.json, parsed, by stack name. */
export function synthStacks(addStacks: (app: App) => void): Record<string, TfDoc> {
  const app = Testing.app();
  try {
    addStacks(app);
    app.synth();
    const docs: Record<string, TfDoc> = {};
    for (const stack of app.node.children.filter(TerraformStack.isStack)) {
      docs[stack.node.id] = JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
    }
    return docs;
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}

/** Every resource of a type in a document. */
export function resourcesOf(doc: TfDoc, type: string): TfResource[] {
  return Object.entries(doc.resource?.[type] ?? {}).map(([name, body]) => ({ type, name, address: `${type}.${name}`, body }));
}

function constructPath(body: Record<string, any>): string | undefined {
  const path = body?.['//']?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}

/** The one resource of a type whose construct path ends with `pathSuffix` (whole path segments); throws unless exactly one matches. */
export function findResource(doc: TfDoc, type: string, pathSuffix: string): TfResource {
  const all = resourcesOf(doc, type);
  const hits = all.filter((r) => {
    const path = constructPath(r.body);
    return path !== undefined && (path === pathSuffix || path.endsWith(`/${pathSuffix}`));
  });
  if (hits.length !== 1) {
    const paths = all.map((r) => constructPath(r.body) ?? `(no path: ${r.address})`).join(', ') || 'none';
    throw new Error(`expected one ${type} whose construct path ends with '${pathSuffix}', found ${hits.length}; ${type} paths: ${paths}`);
  }
  return hits[0];
}

/** The body of the resource a ref names. */
export function bodyOf(doc: TfDoc, ref: ResourceRef): Record<string, any> {
  return findResource(doc, ...ref).body;
}

/** Deletes the resource a ref names from the document. */
export function removeResource(doc: TfDoc, ref: ResourceRef): void {
  const r = findResource(doc, ...ref);
  delete doc.resource[r.type][r.name];
}

/** Adds a resource with a construct path, as cdktf would write it. */
export function addResource(doc: TfDoc, type: string, name: string, path: string, body: Record<string, any>): void {
  doc.resource[type] ??= {};
  if (doc.resource[type][name] !== undefined) throw new Error(`${type}.${name} already exists`);
  doc.resource[type][name] = { '//': { metadata: { path, uniqueId: name } }, ...body };
}

/** A mutation that sets a property (a dotted path through nested blocks that must exist) of the resource a ref names. */
export function setProperty(ref: ResourceRef, path: string, value: unknown): (doc: TfDoc) => void {
  return (doc) => {
    const parts = path.split('.');
    let node = bodyOf(doc, ref);
    for (const part of parts.slice(0, -1)) {
      if (node[part] === null || typeof node[part] !== 'object' || Array.isArray(node[part])) throw new Error(`${ref[1]} has no ${part} block`);
      node = node[part];
    }
    node[parts[parts.length - 1]] = value;
  };
}

/** A mutation that deletes a top-level property (it must be there) of the resource a ref names. */
export function deleteProperty(ref: ResourceRef, key: string): (doc: TfDoc) => void {
  return (doc) => {
    const body = bodyOf(doc, ref);
    if (!(key in body)) throw new Error(`${ref[1]} has no ${key}`);
    delete body[key];
  };
}

/** A mutation that removes the blocks of a list property whose `field` is `value` (at least one must match). */
export function dropBlocks(ref: ResourceRef, list: string, field: string, value: string): (doc: TfDoc) => void {
  return (doc) => {
    const body = bodyOf(doc, ref);
    const blocks = body[list] as Record<string, unknown>[];
    if (!Array.isArray(blocks) || !blocks.some((b) => b[field] === value)) throw new Error(`${ref[1]} has no ${list} block with ${field} ${value}`);
    body[list] = blocks.filter((b) => b[field] !== value);
  };
}

/** Several mutations applied in order (one default the construct writes in several places). */
export function all(...mutations: ((doc: TfDoc) => void)[]): (doc: TfDoc) => void {
  return (doc) => mutations.forEach((m) => m(doc));
}

/** The Terraform interpolation of a resource's attribute (`${type.name.attr}`), built from the found resource, never typed by hand. */
export function ref(resource: TfResource, attribute: string): string {
  return `\${${resource.address}.${attribute}}`;
}

/** Runs rules over the documents as one model, each document loaded by the engine's loader under its stack's file name. */
export function findingsOf(docs: Docs, rules: readonly Rule[]): readonly Finding[] {
  const model = buildModel(Object.entries(docs).map(([stack, doc]) => loadDocument(doc, fileOf(stack))));
  return runRules(model, rules).findings;
}

/** The rule of that id; throws for an id that is not in the list (a row naming a rule that does not exist). */
export function ruleById(rules: readonly Rule[], id: string): Rule {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

/** Rule ids that no row guards. */
/** Every rule of a cloud guards at least one default, and every row names a rule of that cloud. */
export function expectRowsCoverRules(rules: readonly Rule[], rows: readonly GuardRow[]): void {
  expect(unguardedRules(rules, rows)).toEqual([]);
  const ids = new Set(rules.map((r) => r.id));
  expect(rows.map((r) => r.rule).filter((id) => !ids.has(id))).toEqual([]);
}

export function unguardedRules(rules: readonly Rule[], rows: readonly GuardRow[]): string[] {
  const guarded = new Set(rows.map((r) => r.rule));
  return rules.map((r) => r.id).filter((id) => !guarded.has(id));
}

/** What a test sees of a finding: enough to tell which resource, which verdict, and why. */
function view(f: Finding): { address: string; file: string; verdict: string; severity: string; message: string } {
  return { address: f.address, file: f.file, verdict: f.verdict, severity: f.severity, message: f.message };
}

/**
 * The guard of one row: (a) the unmutated templates give no NON_COMPLIANT finding of the rule;
 * (b) after the mutation the rule gives a NON_COMPLIANT finding at its own severity on the
 * expected resource, saying why.
 */
export function expectGuardFires(row: GuardRow, docs: Docs, baseline: readonly Finding[], rules: readonly Rule[]): void {
  const rule = ruleById(rules, row.rule);
  expect(baseline.filter((f) => f.ruleId === rule.id && f.verdict === 'NON_COMPLIANT').map(view)).toEqual([]);

  const original = docs[row.stack];
  if (!original) throw new Error(`no stack ${row.stack}`);
  const doc = structuredClone(original);
  row.mutate(doc);
  expect(doc).not.toEqual(original);
  const target = findResource(doc, ...row.on);
  const findings = findingsOf({ ...docs, [row.stack]: doc }, [rule]);
  expect(findings.map(view)).toContainEqual({
    address: target.address,
    file: fileOf(row.stack),
    verdict: 'NON_COMPLIANT',
    severity: rule.severity,
    message: expect.stringMatching(row.because),
  });
}

/** A known gap's mutation must still apply to the reference template, or its `test.failing` would pass for the wrong reason. */
export function expectMutationApplies(row: GuardRow, docs: Docs): void {
  const original = docs[row.stack];
  const doc = structuredClone(original);
  row.mutate(doc);
  expect(doc).not.toEqual(original);
  expect(findResource(doc, ...row.on).address).toMatch(/\./);
}
