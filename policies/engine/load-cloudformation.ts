import { ConditionValue, evaluateConditions } from './cfn-conditions';
import { expandForEach } from './cfn-foreach';
import { InputError } from './errors';
import { EXISTENCE_ATTRIBUTE, ExportInput, UNRESOLVED, cloudOf } from './model';
import { KeyCensus, SourceLocator } from './parse';
import { NO_SUPPRESSIONS, SUPPRESSION_METADATA_KEY, parseAcknowledgements } from './suppressions';
import { LoadedTemplate, NestedStack, NotCreated, isPlainObject } from './template';
import { Resource } from './types';
import { MisreadableValue, UNRESOLVED_WHY_ATTRIBUTE, misreadableOf } from './unresolved';

/** Whether a parsed document is shaped like a CloudFormation template. */
export function looksLikeCloudFormation(doc: Record<string, unknown>): boolean {
  return 'Resources' in doc || 'AWSTemplateFormatVersion' in doc;
}

/**
 * A CloudFormation template (JSON or YAML, long or short intrinsic forms) as resources.
 * Records the CDK construct path (`Metadata['aws:cdk:path']`) and the acknowledgements
 * (`Metadata['forensic-readiness']`); keeps exports, parameter defaults and mappings for the resolver.
 * `Fn::ForEach` loops in Resources are expanded (see expandForEach). With the parse's `keys`, a
 * template whose keys name no loop and no unknown function is not walked for them.
 */
export function loadCloudFormation(doc: Record<string, unknown>, file: string, locator?: SourceLocator, keys?: KeyCensus): LoadedTemplate {
  const res = doc.Resources;
  if (res === undefined) throw new InputError(`${file}: CloudFormation template without a Resources section`);
  if (!isPlainObject(res)) throw new InputError(`${file}: CloudFormation Resources must be an object of logical id to resource, got ${kind(res)}`);
  // A YAML number cfn-lint and the kit read differently is given neither meaning (before anything reads it).
  const misread = unmeant(doc, file);
  const macro = macroOf(doc, file);
  if (macro !== undefined) {
    throw new InputError(`${file}: Transform ${macro} is a macro: it can rewrite any resource when CloudFormation processes the template, so the template as written is not judged; check the processed template (aws cloudformation get-template --template-stage Processed)`);
  }
  const parameters = new Map<string, unknown>();
  const deployParameters: string[] = [];
  if (isPlainObject(doc.Parameters)) {
    for (const [name, p] of Object.entries(doc.Parameters)) {
      // An SSM parameter type's Default is the name of the value, not the value.
      if (!isPlainObject(p) || p.Default === undefined || String(p.Type).startsWith('AWS::SSM::Parameter::Value<')) continue;
      parameters.set(name, p.Default);
      // `--parameters Name=...` replaces a default, unless AllowedValues leave it the only value.
      if (!(Array.isArray(p.AllowedValues) && p.AllowedValues.length === 1)) deployParameters.push(name);
    }
  }
  // Only those the resources or the conditions use: a world without the others' defaults would judge the same.
  const used = deployParameters.length > 0 ? namesUsed([res, doc.Conditions]) : undefined;
  const usedDeployParameters = used ? deployParameters.filter((n) => used.has(n)) : [];
  const mappings = isPlainObject(doc.Mappings) ? doc.Mappings : undefined;
  const conditions = evaluateConditions(doc.Conditions, parameters, mappings, file);
  // The conditions known only through such a default: evaluated without the defaults, they are not known.
  const deployConditions: string[] = [];
  if (usedDeployParameters.length > 0 && isPlainObject(doc.Conditions)) {
    const free = new Map([...parameters].filter(([name]) => !usedDeployParameters.includes(name)));
    const withoutDefaults = evaluateConditions(doc.Conditions, free, mappings, file);
    for (const [name, v] of conditions) if (v !== UNRESOLVED && withoutDefaults.get(name) === UNRESOLVED) deployConditions.push(name);
  }
  // Fn::ForEach (AWS::LanguageExtensions): the resources the loops stand for, each line the loop's.
  const fnKeys = keys ? [...keys.functionKeys] : undefined;
  const { section: expanded, origins } = !fnKeys || fnKeys.some(isLoopKey) ? expandForEach(res, parameters, file) : { section: res, origins: new Map<string, string>() };
  const mayHoldUnknown = !fnKeys || !fnKeys.every((k) => KNOWN_FUNCTIONS.has(k) || isLoopKey(k));
  const resources: Resource[] = [];
  const notCreated: NotCreated[] = [];
  const nestedStacks: NestedStack[] = [];
  for (const address in expanded) {
    const r = expanded[address];
    if (!isPlainObject(r)) throw new InputError(`${file}: resource ${address} must be an object, got ${kind(r)}`);
    if (typeof r.Type !== 'string' || r.Type === '') throw new InputError(`${file}: resource ${address} has no Type`);
    if (r.Properties !== undefined && r.Properties !== null && !isPlainObject(r.Properties)) {
      throw new InputError(`${file}: Properties of ${address} must be an object, got ${kind(r.Properties)}`);
    }
    if (r.Metadata !== undefined && r.Metadata !== null && !isPlainObject(r.Metadata)) {
      throw new InputError(`${file}: Metadata of ${address} must be an object, got ${kind(r.Metadata)}`);
    }
    const unknownFn = mayHoldUnknown ? unknownIntrinsic(r.Properties) : undefined;
    if (unknownFn) throw new InputError(`${file}: resource ${address}: unknown intrinsic function ${unknownFn.fn} at ${unknownFn.at} (CloudFormation refuses it; known: Ref, Condition, Fn::GetAtt, Fn::Sub, ...)`);
    // A resource whose Condition is false is not created: left out, as a resource the template does not have.
    const created = r.Condition === undefined ? true : conditionOf(r.Condition, conditions, file, address);
    if (created === false) {
      notCreated.push({ address, why: `Condition ${String(r.Condition)} is false` });
      continue;
    }
    const attributes: Record<string, unknown> = {};
    for (const k in r) if (k !== 'Type' && k !== 'Properties') attributes[k] = r[k];
    // CDK's own metadata resource (behind a region condition in every environment-agnostic stack) records no evidence:
    // its existence decides no verdict, so it makes no world to judge again in.
    if (created === UNRESOLVED && r.Type !== 'AWS::CDK::Metadata') attributes[EXISTENCE_ATTRIBUTE] = `Condition ${String(r.Condition)}`;
    // True by a parameter's default: created as the template is deployed by default, but a deploy
    // that sets the parameter otherwise may not create it (one false by default is left out above).
    else if (typeof r.Condition === 'string' && deployConditions.includes(r.Condition) && r.Type !== 'AWS::CDK::Metadata') {
      attributes[EXISTENCE_ATTRIBUTE] = `Condition ${r.Condition}, true by a parameter's default`;
    }
    const unresolvedWhy = misread(origins.get(address) ?? address);
    if (unresolvedWhy) attributes[UNRESOLVED_WHY_ATTRIBUTE] = unresolvedWhy;
    const metadata = (r.Metadata ?? {}) as Record<string, unknown>;
    const cdkPath = metadata['aws:cdk:path'];
    const nested = nestedStackOf(address, r.Type, r.Properties, metadata);
    if (nested) nestedStacks.push(nested);
    resources.push({
      address,
      type: r.Type,
      properties: (r.Properties ?? {}) as Record<string, unknown>,
      attributes,
      sourceFile: file,
      format: 'cloudformation',
      cloud: cloudOf(r.Type),
      constructPath: typeof cdkPath === 'string' ? cdkPath : undefined,
      // Most resources acknowledge nothing: one shared empty list, and no message text built for them.
      suppressions: metadata[SUPPRESSION_METADATA_KEY] === undefined ? NO_SUPPRESSIONS : parseAcknowledgements(metadata[SUPPRESSION_METADATA_KEY], `${file}: ${address}`),
    });
  }
  const exports: ExportInput[] = [];
  const outputs = new Map<string, unknown>();
  if (isPlainObject(doc.Outputs)) {
    for (const [name, out] of Object.entries(doc.Outputs)) {
      if (isPlainObject(out) && out.Value !== undefined) outputs.set(name, out.Value);
      if (isPlainObject(out) && isPlainObject(out.Export) && out.Export.Name !== undefined) {
        exports.push({ name: out.Export.Name, value: out.Value, sourceFile: file });
      }
    }
  }
  return {
    file,
    format: 'cloudformation',
    resources,
    exports,
    parameters,
    ...(usedDeployParameters.length > 0 ? { deployParameters: usedDeployParameters } : {}),
    ...(deployConditions.length > 0 ? { deployConditions } : {}),
    mappings,
    conditions: knownConditions(conditions),
    locator,
    keyPath: (r) => ['Resources', origins.get(r.address) ?? r.address],
    ...(notCreated.length > 0 ? { notCreated } : {}),
    ...(nestedStacks.length > 0 ? { nestedStacks } : {}),
    ...(outputs.size > 0 ? { outputs } : {}),
  };
}

/**
 * A resource's nested stack (see NestedStack), or undefined for a resource that is none. CDK's
 * `aws:asset:path` wins over the TemplateURL (an S3 URL of the asset CDK will upload). A local
 * `TemplateURL` or `Location` is what `aws cloudformation package` uploads: any string that is no
 * `https://`, `http://` or `s3://` URL.
 */
function nestedStackOf(name: string, type: string, properties: unknown, metadata: Record<string, unknown>): NestedStack | undefined {
  const by = type === 'AWS::CloudFormation::Stack' ? 'TemplateURL' : type === 'AWS::Serverless::Application' ? 'Location' : undefined;
  if (!by) return undefined;
  const asset = metadata['aws:asset:path'];
  if (by === 'TemplateURL' && typeof asset === 'string') return { name, by: 'aws:asset:path', template: asset, followed: true };
  const where = isPlainObject(properties) ? properties[by] : undefined;
  if (typeof where === 'string' && where !== '') return { name, by, template: where, followed: !/^(?:https?|s3):\/\//i.test(where) };
  // A Serverless Application Repository application: { ApplicationId, SemanticVersion }.
  if (by === 'Location' && isPlainObject(where) && typeof where.ApplicationId === 'string') {
    return { name, by, template: `application ${where.ApplicationId}${typeof where.SemanticVersion === 'string' ? ` ${where.SemanticVersion}` : ''}`, followed: false };
  }
  return { name, by, template: where === undefined ? 'absent' : 'a value known only at deploy', followed: false };
}

/**
 * The template-level transforms whose effect the loader knows: AWS::LanguageExtensions (its
 * `Fn::ForEach` loops are expanded, its functions resolved), and AWS::Serverless-2016-10-31, which
 * rewrites only the `AWS::Serverless::*` resources (no rule judges those: the coverage names them
 * as not judged) and leaves every other resource as written.
 */
const KNOWN_TRANSFORMS: ReadonlySet<string> = new Set(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']);

/**
 * The first transform of a template (its `Transform` section, a name or a list of names, or a
 * top-level `Fn::Transform` such as AWS::Include) that is not among KNOWN_TRANSFORMS: a macro, or
 * a transform whose output the loader cannot know. Only the deploy knows what such a template
 * holds.
 */
function macroOf(doc: Record<string, unknown>, file: string): string | undefined {
  const names: unknown[] = [];
  const t = doc.Transform;
  if (typeof t === 'string' || isPlainObject(t)) names.push(t);
  else if (Array.isArray(t)) names.push(...t);
  else if (t !== undefined) throw new InputError(`${file}: Transform must be a transform name or a list of names, got ${kind(t)}`);
  if (doc['Fn::Transform'] !== undefined) names.push(doc['Fn::Transform']);
  for (const n of names) {
    if (typeof n === 'string' && KNOWN_TRANSFORMS.has(n)) continue;
    // A name written as an object (`{ Name: AWS::Include, Parameters }`) or as something else entirely.
    const name = typeof n === 'string' ? n : isPlainObject(n) && typeof n.Name === 'string' ? n.Name : undefined;
    return name !== undefined ? JSON.stringify(name) : `(${kind(n)})`;
  }
  return undefined;
}

/** A resource's `Condition`: the name of a condition of the template, or CloudFormation refuses the template. */
function conditionOf(name: unknown, conditions: ReadonlyMap<string, ConditionValue>, file: string, address: string): ConditionValue {
  if (typeof name !== 'string') throw new InputError(`${file}: resource ${address}: Condition must be the name of a condition, got ${kind(name)}`);
  const value = conditions.get(name);
  if (value === undefined) throw new InputError(`${file}: resource ${address}: Condition ${name} is not defined in the Conditions section (CloudFormation refuses the template)`);
  return value;
}

/** The conditions whose value the template states (Fn::If picks its branch by them). */
function knownConditions(conditions: ReadonlyMap<string, ConditionValue>): ReadonlyMap<string, boolean> {
  const known = new Map<string, boolean>();
  for (const [name, v] of conditions) if (v !== UNRESOLVED) known.set(name, v);
  return known;
}

/** Every function CloudFormation knows in a resource's properties (Fn::ForEach also with a loop name). */
const KNOWN_FUNCTIONS = new Set([
  'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Join', 'Fn::Length',
  'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or',
]);

/**
 * The first `{ "Fn::X": ... }` whose function CloudFormation does not have: the value would be
 * judged as a literal object, never as the misspelled function it is. Walked without recursion.
 */
function unknownIntrinsic(properties: unknown): { fn: string; at: string } | undefined {
  // Nearly every template has none: a walk that builds nothing says so; the path is found only then.
  if (!mayHoldUnknownIntrinsic(properties, 0)) return undefined;
  // Depth first, without building a path for every value: the path is spelled out only for the one found.
  const stack: { v: unknown; parent: number; key: string }[] = [{ v: properties, parent: -1, key: '' }];
  const seen: Visited[] = [];
  while (stack.length > 0) {
    const { v, parent, key } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const list = Array.isArray(v);
    const here = seen.push({ parent, key, list }) - 1;
    if (list) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], parent: here, key: String(i) });
      continue;
    }
    let only = '';
    let count = 0;
    for (const k in v as Record<string, unknown>) {
      if (count++ === 0) only = k;
      stack.push({ v: (v as Record<string, unknown>)[k], parent: here, key: k });
    }
    if (count === 1 && only.startsWith('Fn::') && !KNOWN_FUNCTIONS.has(only) && !isLoopKey(only)) {
      return { fn: only, at: here === 0 ? 'Properties' : `Properties.${pathOf(seen, here)}` };
    }
  }
  return undefined;
}

/** False when no object under a value is an unknown `Fn::`; true when one is, or when it nests too deep to walk by recursion. */
function mayHoldUnknownIntrinsic(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (depth > 200) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (mayHoldUnknownIntrinsic(v[i], depth + 1)) return true;
    return false;
  }
  let only = '';
  let count = 0;
  for (const k in v as Record<string, unknown>) {
    if (count++ === 0) only = k;
    if (mayHoldUnknownIntrinsic((v as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return count === 1 && only.startsWith('Fn::') && !KNOWN_FUNCTIONS.has(only) && !isLoopKey(only);
}

/** `Fn::ForEach::Name` (a loop), or `Fn::ForEach` alone (a loop without its name, which expandForEach refuses). */
function isLoopKey(key: string): boolean {
  return key === 'Fn::ForEach' || key.startsWith('Fn::ForEach::');
}

interface Visited {
  readonly parent: number;
  readonly key: string;
  readonly list: boolean;
}

/** The path (`A.B[0].C`) of a visited value, from its chain of parents. */
function pathOf(seen: readonly Visited[], at: number): string {
  const chain: Visited[] = [];
  for (let i = at; seen[i].parent >= 0; i = seen[i].parent) chain.push(seen[i]);
  let out = '';
  for (let c = chain.length - 1; c >= 0; c--) {
    const { parent, key } = chain[c];
    out = out === '' ? key : seen[parent].list ? `${out}[${key}]` : `${out}.${key}`;
  }
  return out;
}

export function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * The YAML numbers of a template that YAML 1.1 and YAML 1.2 read differently (see
 * misreadableNumbers), each replaced in place by UNRESOLVED: the parsed document is ours, and
 * PyYAML (cfn-lint, the AWS CLI) and the kit's YAML 1.2 parser must not each judge a template of its
 * own. A key so written is refused: no marker can stand in for a key. Returns, per logical id, the
 * lines of its UNRESOLVED_WHY_ATTRIBUTE: what sits under it, and what sits outside Resources (a
 * parameter default, a mapping), which any resource may read.
 */
function unmeant(doc: Record<string, unknown>, file: string): (logicalId: string) => readonly string[] | undefined {
  const list = misreadableOf(doc);
  if (list.length === 0) return () => undefined;
  const key = list.find((m) => m.isKey);
  if (key) throw new InputError(`${file}: ${key.why}; quote the key, so that every reader reads the same text`);
  const byResource = new Map<string, string[]>();
  const everywhere: string[] = [];
  for (const m of list) {
    setAt(doc, m);
    const note = `${m.why}, so the kit takes neither (write it as a plain decimal without leading zeros, or quote it)`;
    if (m.path[0] === 'Resources' && typeof m.path[1] === 'string') byResource.set(m.path[1], [...(byResource.get(m.path[1]) ?? []), note]);
    else everywhere.push(note);
  }
  return (id) => {
    const notes = [...(byResource.get(id) ?? []), ...everywhere];
    return notes.length > 0 ? notes : undefined;
  };
}

/** UNRESOLVED at a misreadable value's place in the document. */
function setAt(doc: Record<string, unknown>, m: MisreadableValue): void {
  let cur: unknown = doc;
  for (let i = 0; i < m.path.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string | number, unknown>)[m.path[i]];
  }
  if (cur !== null && typeof cur === 'object' && m.path.length > 0) (cur as Record<string | number, unknown>)[m.path[m.path.length - 1]] = UNRESOLVED;
}

/** The names a section refers to: every `Ref` target and every `${Name}` / `${Name.Attr}` of an `Fn::Sub` text, at any depth. */
function namesUsed(section: unknown): Set<string> {
  const names = new Set<string>();
  // A stack, not recursion: the parse bounds nesting, and no depth is left unread.
  const stack: unknown[] = [section];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (k === 'Ref' && typeof x === 'string') names.add(x);
      else if (k === 'Fn::Sub') {
        const text = typeof x === 'string' ? x : Array.isArray(x) && typeof x[0] === 'string' ? x[0] : undefined;
        if (text !== undefined) for (const m of text.matchAll(/\$\{([^!}.][^}.]*)/g)) names.add(m[1].trim());
      }
      stack.push(x);
    }
  }
  return names;
}
