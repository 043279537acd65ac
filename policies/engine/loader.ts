import * as path from 'path';
import { InputError } from './errors';
import { FileSystem, NODE_FS, ReadOptions, readTextInput, statInput } from './fs';
import { kind, loadCloudFormation, looksLikeCloudFormation } from './load-cloudformation';
import { loadTerraformPlan, looksLikeTerraformPlan } from './load-plan';
import { isOverrideFile, isTerraformJsonFile, loadTerraformJson, looksLikeTerraformJson, mergeTerraformConfiguration, tofuReplacementOf } from './load-terraform';
import { EXISTENCE_ATTRIBUTE, ParameterDefaults, ResourceModel } from './model';
import { KeyCensus, SourceLocator, parseSource } from './parse';
import { SuppressionFileEntry, withFileSuppressions } from './suppressions';
import { CdktfStack, LoadedTemplate, NestedIn, NestedStack, isPlainObject } from './template';
import { crossStackReads } from './cross-stack';
import { UNRESOLVED_WHY_ATTRIBUTE } from './unresolved';
import { Finding, Resource } from './types';
import { translateAwsTerraform } from '../facts/aws/terraform';

/** How loadPaths finds and reads its paths. */
export interface LoadOptions extends ReadOptions {
  /** Paths in reports are relative to this folder when inside it. @default process.cwd() */
  readonly cwd?: string;
  /**
   * Load every other input when one cannot be read, listing it in `LoadResult.failed` (the CLI does,
   * and exits 2). @default false - the first input that cannot be read throws its InputError
   */
  readonly keepGoing?: boolean;
  /**
   * Every path given is a stack template of a cloud assembly (as the CDK plugin is given them):
   * one without Resources is an empty stack, 0 resources (see loadStackTemplate), not an input
   * that cannot be read. @default false - a file given alone without Resources is refused
   */
  readonly assemblyStacks?: boolean;
}

/** What one command-line path turned out to be. */
export type InputKind = 'cloudformation' | 'terraform-json' | 'terraform-plan' | 'cdk-assembly' | 'cdktf-assembly' | 'folder';

/** One path of a run, and what it turned out to be. */
export interface InputSummary {
  /** The path as given to loadPaths. */
  readonly path: string;
  /** What the path turned out to be. */
  readonly kind: InputKind;
  /** Template files it contributed (a folder gives several). */
  readonly files: readonly string[];
}

/** An input (or a file of a folder of templates) that could not be read. */
export interface FailedInput {
  /** The path as given to loadPaths, or the file of a folder as reports show it. */
  readonly path: string;
  /** The one-line InputError message, which names the file and what was expected. */
  readonly message: string;
}

/** What loadPaths read: every template, a summary of each path read, and those it could not read. */
export interface LoadResult {
  /** Every template loaded, each once, in the order loaded. */
  readonly templates: readonly LoadedTemplate[];
  /** One summary per path read, in the order given. */
  readonly inputs: readonly InputSummary[];
  /** Inputs that could not be read, in the order met; always empty without `keepGoing` (it throws instead). */
  readonly failed: readonly FailedInput[];
}

/** Subfolders a folder of templates does not descend into: node_modules and any whose name begins with a dot. */
const SKIPPED_FOLDER = /^(?:node_modules$|\.)/;
/** The files a folder of plain templates offers (`.tf.json` ends in `.json`). */
const TEMPLATE_FILE = /\.(?:json|ya?ml|template)$/i;

const MAX_ASSEMBLY_DEPTH = 20;

/**
 * Load every path of one run. Each file is recognised by its content, whatever it is called;
 * a folder is a cdk.out (manifest.json with artifacts), a cdktf.out (manifest.json with stacks, or
 * stacks/STACK/cdk.tf.json), or else a folder of templates: each of its .json, .yaml, .yml and
 * .template files, by name, that is a template (an object that is none, a package.json, is
 * skipped; a file that parses to no object is an error), and each subfolder the same way,
 * recursively (a cdk.out or cdktf.out among them read as one). A template reached twice is loaded once. With `keepGoing`, an input that cannot be read
 * contributes nothing and is listed in `failed`; every other is loaded. A stack of an assembly
 * is an input of its own here: one that cannot be read is listed alone, and the assembly's other
 * stacks are still loaded; a stack without resources is an empty stack (0 resources), not an error.
 * The *.tf.json files of one folder are one Terraform configuration, merged once every path is
 * read (override files, see LoadContext.mergeConfigurations); a *.tf.json file given alone or
 * named by a cdktf.out brings the others of its folder, as Terraform loads the whole directory.
 * OpenTofu's *.tofu.json files are read as *.tf.json files are, and as OpenTofu reads a folder a
 * foo.tofu.json file takes the place of foo.tf.json (which, named alone, is refused).
 * An HCL file (.tf) is an input not read.
 */
export function loadPaths(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const ctx = new LoadContext(options);
  const inputs: InputSummary[] = [];
  for (const p of paths) {
    const before = ctx.templates.length;
    const inputKind = ctx.attempt(p, () => ctx.loadPath(path.resolve(ctx.cwd, p), p));
    if (inputKind !== undefined) inputs.push({ path: p, kind: inputKind, files: ctx.templates.slice(before).map((t) => t.file) });
  }
  // A nested stack's parent and template may be given apart, in any order: linked once every path is read.
  ctx.linkNestedStacks();
  // A configuration is complete only once every path is read (two files of one folder may be given apart).
  ctx.mergeConfigurations();
  const kept = new Set(ctx.templates.map((t) => t.file));
  return { templates: ctx.templates, inputs: inputs.map((i) => ({ ...i, files: i.files.filter((f) => kept.has(f)) })), failed: ctx.failed };
}

/**
 * Terraform's `.tf` (and OpenTofu's `.tofu`) files are HCL, which the kit does not read: such a
 * file is named as not read, never skipped (its resources would escape every rule).
 */
const HCL_FILE = /\.(?:tf|tofu)$/i;

/**
 * Whether a file of a folder is a `.tf.json` file that the `.tofu.json` file of the same name,
 * listed beside it, replaces: OpenTofu loads only the `.tofu.json` one, and so does the loader.
 */
function replacedByTofu(name: string, present: ReadonlySet<string>): boolean {
  const tofu = tofuReplacementOf(name);
  return tofu !== undefined && present.has(tofu);
}

/** The InputError of an HCL file found or given. */
function hclNotRead(file: string): InputError {
  return new InputError(`${file}: Terraform HCL, not read (the kit reads Terraform JSON, *.tf.json and *.tofu.json, and plan JSON: terraform show -json of a saved plan)`);
}

/**
 * One parsed document (already in memory) recognised by its content: CloudFormation, Terraform
 * JSON or a terraform plan. Used by the in-synth adapters, which hold templates as objects.
 * `keys`, from parseSource, lets a loader skip walks that the parse says can find nothing.
 */
export function loadDocument(doc: unknown, file: string, locator?: SourceLocator, keys?: KeyCensus): LoadedTemplate {
  if (!isPlainObject(doc)) {
    throw new InputError(`${file}: top level is ${kind(doc)}, expected an object (a CloudFormation template, Terraform JSON or a terraform plan)`);
  }
  if (looksLikeTerraformPlan(doc)) return loadTerraformPlan(doc, file, locator);
  if (looksLikeCloudFormation(doc)) return loadCloudFormation(doc, file, locator, keys);
  if (looksLikeTerraformJson(doc, file)) return loadTerraformJson(doc, file, locator, keys);
  throw new InputError(`${file}: not a CloudFormation template, Terraform JSON or terraform plan (no Resources, resource or planned_values)`);
}

/** The top-level sections a CloudFormation template may have besides Resources. */
const CLOUDFORMATION_SECTIONS: ReadonlySet<string> = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Outputs', 'Hooks']);

/**
 * A template an assembly names as one of its stacks, of the kind the assembly says. A stack
 * without resources is a valid, empty stack: CDK synthesizes `new Stack(app, 'Placeholder')` as
 * a template of only Parameters and Rules (an empty NestedStack as `{}`), cdktf an empty stack as
 * a cdk.tf.json of only its `//` metadata. Such a template is read as 0 resources, so an app with
 * an empty stack can be checked; one holding any other top-level key (a misspelt `Resource`) is
 * still refused, naming the key.
 */
export function loadStackTemplate(doc: unknown, file: string, expected: 'cloudformation' | 'terraform-json', locator?: SourceLocator, keys?: KeyCensus): LoadedTemplate {
  // A CloudFormation stack may say AWSTemplateFormatVersion and still have no Resources.
  if (!isPlainObject(doc) || (expected === 'cloudformation' ? 'Resources' in doc : looksLikeCloudFormation(doc)) || looksLikeTerraformPlan(doc) || looksLikeTerraformJson(doc, file)) {
    return loadDocument(doc, file, locator, keys);
  }
  if (expected === 'cloudformation') {
    const stray = Object.keys(doc).filter((k) => !CLOUDFORMATION_SECTIONS.has(k));
    if (stray.length > 0) {
      throw new InputError(`${file}: stack template without Resources has ${stray.map((k) => JSON.stringify(k)).join(', ')}, which no CloudFormation template section is (expected Resources, or an empty stack of only ${[...CLOUDFORMATION_SECTIONS].join(', ')})`);
    }
    return loadCloudFormation({ ...doc, Resources: {} }, file, locator, keys);
  }
  const stray = Object.keys(doc).filter((k) => k !== '//');
  if (stray.length > 0) {
    throw new InputError(`${file}: cdktf stack without resource has ${stray.map((k) => JSON.stringify(k)).join(', ')}, which no Terraform JSON top-level key is (expected resource, data, module, provider, terraform, variable, output, locals, or an empty stack of only "//")`);
  }
  return loadTerraformJson(doc, file, locator, keys);
}

/**
 * The one resource model over every template of a run, with a suppressions file's
 * acknowledgements (if any) added to the resources they name, and hashicorp/aws Terraform
 * translated for the AWS rules (policies/facts/aws/terraform.ts).
 */
export function buildModel(templates: readonly LoadedTemplate[], suppressions: readonly SuppressionFileEntry[] = [], suppressionsFile = 'suppressions'): ResourceModel {
  const all = templates.flatMap((t) => t.resources);
  const acknowledged = suppressions.length > 0 ? withFileSuppressions(all, suppressions, suppressionsFile) : all;
  const parameters: ParameterDefaults = new Map(templates.map((t) => [t.file, new Map(t.parameters)]));
  const mappings = new Map(templates.filter((t) => t.mappings).map((t) => [t.file, t.mappings as Record<string, unknown>]));
  const conditions = new Map(templates.filter((t) => t.conditions).map((t) => [t.file, t.conditions as ReadonlyMap<string, boolean>]));
  const deployParameters = new Map(templates.filter((t) => t.deployParameters).map((t) => [t.file, t.deployParameters as readonly string[]]));
  const deployConditions = new Map(templates.filter((t) => t.deployConditions).map((t) => [t.file, t.deployConditions as readonly string[]]));
  const nestedIn = new Map(templates.filter((t) => t.nestedIn).map((t) => [t.file, t.nestedIn as NestedIn]));
  const outputs = new Map(templates.filter((t) => t.outputs).map((t) => [t.file, t.outputs as ReadonlyMap<string, unknown>]));
  const inputs = templates.map((t) => ({
    file: t.file,
    format: t.format,
    moduleCalls: t.moduleCalls ?? [],
    ...(t.notCreated ? { notCreated: t.notCreated } : {}),
    ...(t.configuration !== undefined ? { configuration: t.configuration } : {}),
    ...(t.providers && t.providers.length > 0 ? { providers: t.providers } : {}),
    ...(t.namedBlocks && t.namedBlocks.some((b) => b.kind === 'data') ? { dataSources: t.namedBlocks.filter((b) => b.kind === 'data') } : {}),
    ...(t.nestedStacks ? { nestedStacks: t.nestedStacks } : {}),
  }));
  // Terraform references resolve within a configuration: the translation looks its resources up there too.
  const configurations = new Map(templates.filter((t) => t.configuration !== undefined).map((t) => [t.file, t.configuration as string]));
  const configurationOf = (file: string): string => configurations.get(file) ?? file;
  const exports = templates.flatMap((t) => t.exports);
  // A cdktf.out stack's terraform_remote_state of another stack of the same folder reads that stack's outputs.
  const crossStack = crossStackReads(templates);
  // hashicorp/aws Terraform is judged by the AWS rules as the CloudFormation it stands for; a model
  // without the resources only the deploy may create is translated again (a merged setting goes with them).
  const build = (input: readonly Resource[]): ResourceModel =>
    new ResourceModel(translateAwsTerraform(input, configurationOf), exports, parameters, { mappings, inputs, conditions, deployParameters, deployConditions, crossStack, nestedIn, outputs, rebuild: (keep) => build(input.filter(keep)), remake: (change) => build(change(input)) });
  return build(acknowledged);
}

/** A nested stack whose template is one of a list of templates: the parent's and the template's places in the list, and the stack's logical id. */
export interface NestedLink {
  /** The parent's place in the list. */
  readonly parent: number;
  /** The `AWS::CloudFormation::Stack`'s logical id in the parent. */
  readonly stack: string;
  /** The nested template's place in the list. */
  readonly child: number;
}

/**
 * Links each CloudFormation template of `templates` that is the template of nested stacks
 * (`links`) to them (LoadedTemplate.nestedIn), in place: it is loaded again from `reread(i)` (its
 * document parsed afresh, which is changed) with the values its parent passes in the stack's
 * `Parameters` for its parameters, so that its Conditions, loops and Refs read them, never its
 * own Default: a literal as the parameter's one value; any other value without a Default (the
 * model resolves it in the parent's file). A template several stacks nest, or that nests itself,
 * has every parameter a parent passes unknown; its resources' UNKNOWN findings say why. A
 * resource of a nested stack only the deploy may create is one too.
 */
export function linkNestedTemplates(templates: LoadedTemplate[], links: readonly NestedLink[], reread: (i: number) => { doc: unknown; locator?: SourceLocator; keys?: KeyCensus }): void {
  const byChild = new Map<number, { parent: number; stack: string }[]>();
  for (const l of links) {
    let list = byChild.get(l.child);
    if (!list) byChild.set(l.child, (list = []));
    if (!list.some((x) => x.parent === l.parent && x.stack === l.stack)) list.push(l);
  }
  // A template reached again from itself, through its parents.
  const inCycle = (i: number): boolean => {
    const seen = new Set<number>();
    const todo = (byChild.get(i) ?? []).map((l) => l.parent);
    while (todo.length > 0) {
      const p = todo.pop() as number;
      if (p === i) return true;
      if (seen.has(p)) continue;
      seen.add(p);
      for (const l of byChild.get(p) ?? []) todo.push(l.parent);
    }
    return false;
  };
  // What each parent passes, from the parents as first loaded (a Stack's properties are not changed by the reload).
  const passedBy = (l: { parent: number; stack: string }): Record<string, unknown> | 'unknown' | undefined => {
    const p = templates[l.parent].resources.find((r) => r.address === l.stack)?.properties.Parameters;
    // Written as one intrinsic (`Fn::If` around the whole), or as no object: which parameters it passes only the deploy knows.
    return p === undefined ? undefined : isPlainObject(p) && !Object.keys(p).some((k) => k.startsWith('Fn::')) ? p : 'unknown';
  };
  const updates = new Map<number, LoadedTemplate>();
  for (const [child, nesting] of byChild) {
    const t = templates[child];
    if (t.format !== 'cloudformation') continue;
    const stacks = nesting.map((l) => ({ parent: templates[l.parent].file, stack: l.stack })).sort((a, b) => (`${a.parent}\n${a.stack}` < `${b.parent}\n${b.stack}` ? -1 : 1));
    const named = stacks.map((st) => `${st.stack} of ${st.parent}`).join(', ');
    const ambiguous = inCycle(child)
      ? `${t.file} is the template of nested stack ${named} and nests itself, so which values its parameters are passed is not known`
      : nesting.length > 1
        ? `${t.file} is the template of ${nesting.length} nested stacks (${named}), so which values its parameters are passed is not known`
        : undefined;
    const given = nesting.map(passedBy);
    const passed: Record<string, unknown> = {};
    let next = t;
    if (given.some((g) => g !== undefined)) {
      const { doc, locator, keys } = reread(child);
      const declared = isPlainObject(doc) && isPlainObject(doc.Parameters) ? doc.Parameters : {};
      let changed = false;
      for (const name of Object.keys(declared)) {
        const p = declared[name];
        if (!isPlainObject(p) || !given.some((g) => g === 'unknown' || (g !== undefined && Object.hasOwn(g, name)))) continue;
        changed = true;
        const only = ambiguous === undefined && given.length === 1 && isPlainObject(given[0]) ? given[0][name] : undefined;
        const ssm = String(p.Type).startsWith('AWS::SSM::Parameter::Value<');
        if (!ssm && (typeof only === 'string' || typeof only === 'number' || typeof only === 'boolean')) {
          // The value passed, and the only one: no deploy of the child sets another.
          declared[name] = { ...p, Default: only, AllowedValues: [only] };
          continue;
        }
        const { Default: _dropped, ...rest } = p;
        declared[name] = rest;
        if (only !== undefined && !ssm) passed[name] = only;
      }
      if (changed) {
        next = loadStackTemplate(doc, t.file, 'cloudformation', locator, keys);
        const before = new Map(t.resources.map((r) => [r.address, r]));
        for (const r of next.resources) {
          const old = before.get(r.address);
          const was = old?.attributes[EXISTENCE_ATTRIBUTE];
          if (typeof was === 'string') (r.attributes as Record<string, unknown>)[EXISTENCE_ATTRIBUTE] ??= was;
          if (ambiguous !== undefined) {
            const why = r.attributes[UNRESOLVED_WHY_ATTRIBUTE];
            (r.attributes as Record<string, unknown>)[UNRESOLVED_WHY_ATTRIBUTE] = [...(Array.isArray(why) ? why : []), ambiguous];
          }
        }
      }
    }
    updates.set(child, { ...next, nestedIn: { stacks, passed, ...(ambiguous !== undefined ? { ambiguous } : {}) } });
  }
  for (const [i, t] of updates) templates[i] = t;
  // A nested stack only the deploy may create, after the reload (its Condition may read a value passed): so may each of its resources.
  for (let round = 0, again = true; again && round <= templates.length; round++) {
    again = false;
    for (const [child, nesting] of byChild) {
      for (const l of nesting) {
        const by = templates[l.parent].resources.find((r) => r.address === l.stack)?.attributes[EXISTENCE_ATTRIBUTE];
        if (typeof by !== 'string') continue;
        for (const c of templates[child].resources) {
          if (c.attributes[EXISTENCE_ATTRIBUTE] !== undefined) continue;
          (c.attributes as Record<string, unknown>)[EXISTENCE_ATTRIBUTE] = `${by} of nested stack ${l.stack}`;
          again = true;
        }
      }
    }
  }
}

/** Findings with the line of their resource, where the template's text says it. */
export function withLines(findings: readonly Finding[], templates: readonly LoadedTemplate[]): Finding[] {
  const byFile = new Map(templates.map((t) => [t.file, t]));
  const byAddress = new Map<LoadedTemplate, Map<string, Resource>>();
  return findings.map((f) => {
    const t = byFile.get(f.file);
    if (!t?.locator) return f;
    let index = byAddress.get(t);
    if (!index) {
      index = new Map(t.resources.map((r) => [r.address, r]));
      byAddress.set(t, index);
    }
    const resource = index.get(f.address);
    if (!resource) return f;
    const byValue = t.addressValue && t.locator.lineOfValue(t.addressValue.within, t.addressValue.key, resource.address);
    return withLine(f, byValue ?? t.locator.lineOf(t.keyPath(resource)));
  });
}

/**
 * A finding with its line, written field by field: `{ ...f, line }` (a spread plus a key the
 * object lacks) is many times slower in Node 20, and reports with lines take it per finding.
 */
function withLine(f: Finding, line: number): Finding {
  // Every key of Finding, so that a field added to it cannot be left out here.
  const out: { [K in keyof Required<Finding>]: Finding[K] } = { ruleId: f.ruleId, severity: f.severity, verdict: f.verdict, address: f.address, resourceType: f.resourceType, file: f.file, constructPath: f.constructPath, message: f.message, suppressed: f.suppressed, line };
  return out;
}

class LoadContext {
  public readonly templates: LoadedTemplate[] = [];
  public readonly failed: FailedInput[] = [];
  public readonly cwd: string;
  private readonly fs: FileSystem;
  private readonly loaded = new Set<string>();
  /** The absolute path of each of `templates`, to take back what a failed input added. */
  private readonly loadedOrder: string[] = [];
  /** The stacks of the cdktf.out manifests read, by the absolute path of their cdk.tf.json. */
  private readonly cdktfStacks = new Map<string, CdktfStack>();
  /** The manifest.json files looked at for the stacks they name (cdktfStackOf), read or not. */
  private readonly manifestsSeen = new Set<string>();
  /** Each nested stack whose template is a file: the parent's and the template's absolute paths, and the stack's logical id. */
  private readonly nestedLinks: { readonly parentAbs: string; readonly stack: string; readonly childAbs: string }[] = [];
  /** Nested stacks found through a CDK asset manifest (no aws:asset:path): parent's absolute path -> stack -> the template's path in the assembly. */
  private readonly assetFollowed = new Map<string, Map<string, string>>();
  /** Per assembly folder: the object key of each file asset of its `*.assets.json` -> the asset's path. */
  private readonly assetPaths = new Map<string, Map<string, string>>();

  constructor(private readonly options: LoadOptions) {
    this.cwd = options.cwd ?? process.cwd();
    this.fs = options.fs ?? NODE_FS;
  }

  /**
   * Run one load; on an InputError with `keepGoing`, take back the templates it added, record it as
   * failed under `shown`, and return undefined. Without `keepGoing` (or on any other error) it throws.
   */
  public attempt<T>(shown: string, load: () => T): T | undefined {
    const mark = this.templates.length;
    try {
      return load();
    } catch (err) {
      if (!this.options.keepGoing || !(err instanceof InputError)) throw err;
      for (const abs of this.loadedOrder.splice(mark)) this.loaded.delete(abs);
      this.templates.splice(mark);
      this.failed.push({ path: shown, message: err.message });
      return undefined;
    }
  }

  public loadPath(abs: string, display: string): InputKind {
    const st = statInput(abs, display, this.fs);
    if (st.isDirectory()) return this.loadFolder(abs, display);
    return this.loadFile(abs);
  }

  private display(abs: string): string {
    const rel = path.relative(this.cwd, abs);
    const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
    return shown.split(path.sep).join('/');
  }

  private loadFolder(dir: string, display: string): InputKind {
    const assembly = this.loadAssemblyFolder(dir, display);
    if (assembly !== false) return assembly;
    const candidates = this.loadTemplateFolder(dir, display, new Set([this.folderId(dir, dir)]));
    if (candidates === 0) {
      throw new InputError(`${display}: folder holds no templates (neither a cdk.out manifest.json nor a cdktf.out stacks/*/cdk.tf.json, nor a .json, .yaml, .yml or .template file that is a template, in it or in its subfolders)`);
    }
    return 'folder';
  }

  /** A cdk.out (manifest.json) or cdktf.out (stacks/STACK/cdk.tf.json) folder, loaded: its kind; false when it is neither. */
  private loadAssemblyFolder(dir: string, display: string): InputKind | false {
    const manifestPath = path.join(dir, 'manifest.json');
    if (this.exists(manifestPath)) return this.loadFile(manifestPath);
    const stacks = path.join(dir, 'stacks');
    if (this.isDir(stacks)) {
      const files = this.readdir(stacks, display).sort().map((s) => path.join(stacks, s, 'cdk.tf.json')).filter((f) => this.exists(f));
      if (files.length > 0) {
        for (const f of files) this.attempt(this.display(f), () => this.loadTemplateFile(f, 'terraform-json'));
        return 'cdktf-assembly';
      }
    }
    return false;
  }

  /**
   * A folder of plain templates: each .json/.yaml/.yml/.template file in it, by name, and every
   * subfolder but node_modules and those whose name begins with a dot, recursively (a subfolder
   * that is a cdk.out or cdktf.out is read as one). A file that
   * cannot be read, or that parses to no object (a list, a string), is an error naming it (it may be
   * a template); one that parses to an object that is no template (a package.json) is skipped. A
   * folder reached twice (through a symbolic link) is read once. With `keepGoing`, each file and
   * each subfolder that cannot be listed fails alone. Returns the templates found or failed.
   */
  private loadTemplateFolder(dir: string, display: string, seen: Set<string>): number {
    let candidates = 0;
    const names = this.readdir(dir, display).sort();
    const present = new Set(names);
    for (const name of names) {
      const abs = path.join(dir, name);
      if (replacedByTofu(name, present)) continue;
      if (this.isDir(abs)) {
        // Dependencies and tools' state (.git, .terraform, node_modules) hold no templates of the user's.
        if (!SKIPPED_FOLDER.test(name)) candidates += this.loadSubfolder(abs, seen);
        continue;
      }
      if (HCL_FILE.test(name)) {
        const shown = this.display(abs);
        this.attempt(shown, () => {
          throw hclNotRead(shown);
        });
        candidates++;
        continue;
      }
      // A FIFO or a device called x.json is read, to say that it is not a regular file.
      if (!TEMPLATE_FILE.test(name)) continue;
      const found = this.attempt(this.display(abs), () => this.loadIfTemplate(abs));
      if (found !== false) candidates++; // loaded, or failed: either way the folder was not without templates
    }
    return candidates;
  }

  /** A subfolder of a folder of templates: an assembly, or a folder of templates in turn. Returns the templates found or failed. */
  private loadSubfolder(dir: string, seen: Set<string>): number {
    const id = this.folderId(dir, dir);
    if (seen.has(id)) return 0;
    seen.add(id);
    const shown = this.display(dir);
    const assembly = this.attempt(shown, () => this.loadAssemblyFolder(dir, shown));
    if (assembly !== false) return 1; // loaded, or failed
    return this.attempt(shown, () => this.loadTemplateFolder(dir, shown, seen)) ?? 1;
  }

  /** What identifies a folder however it is reached (device and inode); `fallback` when it cannot be stat'ed. */
  private folderId(dir: string, fallback: string): string {
    try {
      const st = this.fs.statSync(dir);
      return st.ino ? `${st.dev}:${st.ino}` : path.resolve(fallback);
    } catch {
      return path.resolve(fallback);
    }
  }

  /**
   * A file of a folder of templates: loaded when it is one (true), skipped when it parses to an
   * object that is something else (false). Anything but an object (a list, a string: a template
   * wrapped or mangled) is an InputError, as it is for a file given alone.
   */
  private loadIfTemplate(abs: string): boolean {
    // The *.tf.json (and *.tofu.json) files of one folder are one Terraform configuration, a file among them given alone too.
    const configuration = isTerraformJsonFile(abs) ? this.configurationName(path.dirname(abs)) : undefined;
    if (this.loaded.has(abs)) {
      if (configuration !== undefined) this.joinConfiguration(abs, configuration);
      return true;
    }
    const file = this.display(abs);
    const { doc, locator, keys } = parseSource(readTextInput(abs, file, this.options), file);
    if (isPlainObject(doc) && !(looksLikeTerraformPlan(doc) || looksLikeCloudFormation(doc) || looksLikeTerraformJson(doc, file))) return false;
    const t = loadDocument(doc, file, locator, keys);
    const stack = t.format === 'terraform-json' ? this.cdktfStackOf(abs) : undefined;
    this.add(abs, t.format === 'terraform-json' && configuration !== undefined ? { ...t, configuration, ...(stack ? { cdktfStack: stack } : {}) } : t);
    if (t.format === 'cloudformation') this.loadNestedStacks(path.dirname(abs), t);
    return true;
  }

  /** A file given by the user or a manifest: recognised by content. */
  private loadFile(abs: string): InputKind {
    const file = this.display(abs);
    if (HCL_FILE.test(abs)) throw hclNotRead(file);
    this.refuseReplacedByTofu(abs, file);
    const { doc, locator, keys } = parseSource(readTextInput(abs, file, this.options), file);
    if (isPlainObject(doc) && isPlainObject(doc.artifacts) && 'version' in doc) {
      this.loadCdkAssembly(path.dirname(abs), doc, file, 0);
      return 'cdk-assembly';
    }
    if (isPlainObject(doc) && isPlainObject(doc.stacks) && 'version' in doc) {
      this.loadCdktfAssembly(path.dirname(abs), doc, file);
      return 'cdktf-assembly';
    }
    if (this.loaded.has(abs)) return this.templates.find((t) => t.file === file)?.format ?? 'cloudformation';
    const t = this.options.assemblyStacks ? loadStackTemplate(doc, file, 'cloudformation', locator, keys) : loadDocument(doc, file, locator, keys);
    if (t.format === 'terraform-json' && isTerraformJsonFile(abs)) {
      this.loadTerraformFolderOf(abs, t);
      return t.format;
    }
    this.add(abs, t);
    // A stack template's nested stacks sit beside it (CDK writes them as assets of the stack).
    if (t.format === 'cloudformation') this.loadNestedStacks(path.dirname(abs), t);
    return t.format;
  }

  /** How reports name the configuration of the *.tf.json files of a folder: `cfg/` (`./` for the working folder). */
  private configurationName(dir: string): string {
    const shown = this.display(dir);
    return path.resolve(dir) === path.resolve(this.cwd) ? './' : `${shown}/`;
  }

  /**
   * A *.tf.json file given alone or named by a cdktf.out (a stack's cdk.tf.json), loaded as
   * Terraform loads it: with every other *.tf.json file of its folder (override files among them,
   * merged over the others by mergeConfigurations), one configuration named by the folder. An HCL
   * file there is named as not read, as in a folder given. Subfolders are other configurations
   * (modules) and are not read.
   */
  private loadTerraformFolderOf(abs: string, t: LoadedTemplate): void {
    const dir = path.dirname(abs);
    const configuration = this.configurationName(dir);
    const stack = this.cdktfStackOf(abs);
    this.add(abs, { ...t, configuration, ...(stack ? { cdktfStack: stack } : {}) });
    const names = this.readdir(dir, this.display(dir)).sort();
    const present = new Set(names);
    for (const name of names) {
      const sibling = path.join(dir, name);
      if (sibling === abs || !(isTerraformJsonFile(name) || HCL_FILE.test(name)) || replacedByTofu(name, present) || this.isDir(sibling)) continue;
      const shown = this.display(sibling);
      this.attempt(shown, () => {
        if (HCL_FILE.test(name)) throw hclNotRead(shown);
        this.loadIfTemplate(sibling);
      });
    }
  }

  /**
   * A template an assembly names (a cdk.out stack or nested stack, a cdktf.out stack), of the kind
   * expected. Such a template may be an empty stack (see loadStackTemplate): 0 resources.
   */
  private loadTemplateFile(abs: string, expected: 'cloudformation' | 'terraform-json'): LoadedTemplate | undefined {
    if (this.loaded.has(abs)) return undefined;
    const file = this.display(abs);
    if (expected === 'terraform-json') this.refuseReplacedByTofu(abs, file);
    const { doc, locator, keys } = parseSource(readTextInput(abs, file, this.options), file);
    const t = loadStackTemplate(doc, file, expected, locator, keys);
    if (t.format !== expected) throw new InputError(`${file}: expected ${expected === 'cloudformation' ? 'a CloudFormation template' : 'Terraform JSON'} here, found ${t.format}`);
    // A cdktf.out stack is its folder's configuration: Terraform reads every *.tf.json file put beside cdk.tf.json.
    if (t.format === 'terraform-json' && isTerraformJsonFile(abs)) this.loadTerraformFolderOf(abs, t);
    else this.add(abs, t);
    return t;
  }

  /**
   * A `.tf.json` file named (by the user, a cdktf.out) beside the `.tofu.json` file of the same
   * name is refused: OpenTofu reads that one in its place, so judging the `.tf.json` file would
   * judge what is not deployed, and skipping it would drop an input named.
   */
  private refuseReplacedByTofu(abs: string, file: string): void {
    const tofu = tofuReplacementOf(abs);
    if (tofu === undefined || !this.exists(tofu)) return;
    const name = path.basename(tofu);
    throw new InputError(`${file}: not read: OpenTofu reads ${this.display(tofu)} in its place (a .tofu.json file takes precedence over the .tf.json file of the same name); give ${name} or the folder`);
  }

  private add(abs: string, t: LoadedTemplate): void {
    this.loaded.add(abs);
    this.loadedOrder.push(abs);
    this.templates.push(t);
  }

  /** A Terraform JSON file read alone before its folder was: it is part of the folder's configuration (whatever the order of the paths). */
  private joinConfiguration(abs: string, configuration: string): void {
    const i = this.loadedOrder.indexOf(abs);
    const t = this.templates[i];
    if (t?.format === 'terraform-json') this.templates[i] = { ...t, configuration };
  }

  /**
   * Every Terraform configuration of a folder (the *.tf.json files of it read; a Terraform JSON
   * file not named *.tf.json given alone, a plan are each one by themselves) read as Terraform reads it
   * (mergeTerraformConfiguration). One Terraform would refuse is an InputError; with `keepGoing`
   * none of its files is loaded (nothing half judged) and it is listed in `failed`.
   */
  public mergeConfigurations(): void {
    const groups = new Map<string, number[]>();
    this.templates.forEach((t, i) => {
      if (t.format !== 'terraform-json' || t.configuration === undefined) return;
      const at = groups.get(t.configuration);
      if (at) at.push(i);
      else groups.set(t.configuration, [i]);
    });
    const dropped: number[] = [];
    for (const [name, at] of groups) {
      const members = at.map((i) => this.templates[i]);
      if (members.length === 1 && !isOverrideFile(members[0].file)) continue;
      try {
        mergeTerraformConfiguration(members, name).forEach((t, k) => (this.templates[at[k]] = t));
      } catch (err) {
        if (!this.options.keepGoing || !(err instanceof InputError)) throw err;
        dropped.push(...at);
        this.failed.push({ path: name, message: err.message });
      }
    }
    for (const i of dropped.sort((a, b) => b - a)) {
      this.loaded.delete(this.loadedOrder[i]);
      this.loadedOrder.splice(i, 1);
      this.templates.splice(i, 1);
    }
  }

  /** cdk.out: stack artifacts' templateFile, nested cloud assemblies (stages), nested stack templates. */
  private loadCdkAssembly(dir: string, manifest: Record<string, unknown>, manifestFile: string, depth: number): number {
    if (depth > MAX_ASSEMBLY_DEPTH) throw new InputError(`${manifestFile}: cloud assemblies nested deeper than ${MAX_ASSEMBLY_DEPTH}`);
    let stacks = 0;
    for (const [id, art] of Object.entries(manifest.artifacts as Record<string, unknown>)) {
      if (!isPlainObject(art)) continue;
      const props = isPlainObject(art.properties) ? art.properties : {};
      // Each stack (and nested assembly) is read alone: with keepGoing, one that cannot be read is
      // listed in `failed` under its own name, and every other stack of the assembly is still judged.
      if (art.type === 'aws:cloudformation:stack') {
        stacks++;
        const templateFile = props.templateFile;
        const shown = typeof templateFile === 'string' ? this.display(path.resolve(dir, templateFile)) : manifestFile;
        this.attempt(shown, () => {
          if (typeof templateFile !== 'string') throw new InputError(`${manifestFile}: stack artifact ${id} has no templateFile`);
          const t = this.loadTemplateFile(path.resolve(dir, templateFile), 'cloudformation');
          if (t) this.loadNestedStacks(dir, t);
        });
      } else if (art.type === 'cdk:cloud-assembly') {
        const directoryName = props.directoryName;
        const sub = typeof directoryName === 'string' ? path.resolve(dir, directoryName) : dir;
        const subManifest = path.join(sub, 'manifest.json');
        const shown = typeof directoryName === 'string' ? this.display(subManifest) : manifestFile;
        // A nested assembly that cannot be read counts as a stack: the assembly is not "without stacks".
        stacks +=
          this.attempt(shown, () => {
            if (typeof directoryName !== 'string') throw new InputError(`${manifestFile}: nested assembly ${id} has no directoryName`);
            const { doc } = parseSource(readTextInput(subManifest, shown, this.options), shown);
            if (!isPlainObject(doc) || !isPlainObject(doc.artifacts)) throw new InputError(`${shown}: not a cloud assembly manifest (no artifacts)`);
            return this.loadCdkAssembly(sub, doc, shown, depth + 1);
          }) ?? 1;
      }
    }
    if (depth === 0 && stacks === 0) throw new InputError(`${manifestFile}: cloud assembly without stacks`);
    // A nested stack's template is found through its parent's aws:asset:path metadata; an assembly
    // synthesized without asset metadata (cdk synth --no-asset-metadata) has none, and its nested
    // templates would escape every rule: each one no parent reached is judged on its own.
    for (const name of this.readdir(dir, this.display(dir)).sort()) {
      if (!name.endsWith('.nested.template.json')) continue;
      const abs = path.join(dir, name);
      if (this.loaded.has(abs)) continue;
      this.attempt(this.display(abs), () => {
        const t = this.loadTemplateFile(abs, 'cloudformation');
        if (t) this.loadNestedStacks(dir, t);
      });
    }
    return stacks;
  }

  /**
   * The templates of a template's nested stacks that are files (NestedStack.followed): CDK's
   * `Metadata['aws:asset:path']`, beside the parent in `dir` (the assembly's folder); a local
   * `TemplateURL` (SAM: `Location`), relative to the parent's own folder, as `aws cloudformation
   * package` reads it. A template so named that is missing or cannot be read is an InputError, as a
   * missing stack of a manifest is (its resources would escape every rule while the run passed);
   * with `keepGoing` it fails alone, under its own name, and its parent and every other template are
   * still loaded. A template reached again (one nesting itself, or an ancestor) is read once, so a
   * cycle ends. Remote ones are left to the coverage of the input, which names them.
   */
  private loadNestedStacks(dir: string, parent: LoadedTemplate): void {
    if (!parent.nestedStacks) return;
    const parentAbs = this.loadedOrder[this.templates.indexOf(parent)];
    for (const listed of parent.nestedStacks) {
      const n = listed.followed ? listed : this.cdkAssetNestedStack(dir, parent, parentAbs, listed);
      if (!n.followed) continue;
      const abs = path.resolve(n.by === 'aws:asset:path' || parentAbs === undefined ? dir : path.dirname(parentAbs), n.template);
      const shown = this.display(abs);
      this.attempt(shown, () => {
        const by = n.by === 'aws:asset:path' ? 'by its aws:asset:path' : `by its ${n.by} ${n.template}`;
        if (!this.exists(abs)) throw new InputError(`${shown}: no such file or folder (the template of nested stack ${n.name} of ${parent.file}, ${by})`);
        if (this.isDir(abs)) throw new InputError(`${shown}: is a folder, expected the template of nested stack ${n.name} of ${parent.file} (${by})`);
        // Recorded before the load: a template read already (given alone, or nested twice) is still this stack's.
        if (parentAbs !== undefined) this.nestedLinks.push({ parentAbs, stack: n.name, childAbs: abs });
        const t = this.loadTemplateFile(abs, 'cloudformation');
        if (!t) return;
        // A nested stack only the deploy may create: so may each of its resources.
        const decidedBy = parent.resources.find((r) => r.address === n.name)?.attributes[EXISTENCE_ATTRIBUTE];
        if (typeof decidedBy === 'string') {
          for (const c of t.resources) (c.attributes as Record<string, unknown>)[EXISTENCE_ATTRIBUTE] ??= `${decidedBy} of nested stack ${n.name}`;
        }
        this.loadNestedStacks(dir, t);
      });
    }
  }

  /**
   * The cdktf.out stack whose cdk.tf.json is at `abs`: one a manifest.json read names, or else one
   * the manifest.json of the cdktf.out folder it sits in (`OUT/stacks/NAME/cdk.tf.json`) names at
   * that file. Undefined for any other file (a manifest that cannot be read names no stack).
   */
  private cdktfStackOf(abs: string): CdktfStack | undefined {
    const known = this.cdktfStacks.get(abs);
    if (known) return known;
    const dir = path.resolve(path.dirname(abs), '..', '..');
    const manifestPath = path.join(dir, 'manifest.json');
    if (this.manifestsSeen.has(manifestPath) || !this.exists(manifestPath)) return undefined;
    this.manifestsSeen.add(manifestPath);
    try {
      const { doc } = parseSource(readTextInput(manifestPath, this.display(manifestPath), this.options), this.display(manifestPath));
      if (isPlainObject(doc) && isPlainObject(doc.stacks) && 'version' in doc) this.registerCdktfStacks(dir, doc.stacks);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
    return this.cdktfStacks.get(abs);
  }

  /** Records the stacks of a cdktf.out manifest (`stacks.NAME.synthesizedStackPath`, relative to `dir`) for cdktfStackOf. */
  private registerCdktfStacks(dir: string, stacks: Record<string, unknown>): void {
    this.manifestsSeen.add(path.join(dir, 'manifest.json'));
    for (const [name, stack] of Object.entries(stacks)) {
      const p = isPlainObject(stack) ? stack.synthesizedStackPath : undefined;
      if (typeof p !== 'string') continue;
      const file = path.resolve(dir, p);
      this.cdktfStacks.set(file, { assembly: path.resolve(dir), name, directory: path.dirname(file) });
    }
  }

  /**
   * A nested stack of a cdk.out synthesized without asset metadata: its TemplateURL is CDK's
   * `Fn::Join` ending in `/<asset hash>.json`, the object key of a file asset that a
   * `*.assets.json` manifest beside the parent names with its path in the assembly. Followed as by
   * an aws:asset:path when one is found; otherwise the nested stack as listed (not followed).
   */
  private cdkAssetNestedStack(dir: string, parent: LoadedTemplate, parentAbs: string | undefined, n: NestedStack): NestedStack {
    if (n.by !== 'TemplateURL' || parentAbs === undefined) return n;
    const url = parent.resources.find((r) => r.address === n.name)?.properties.TemplateURL;
    const join = isPlainObject(url) ? url['Fn::Join'] : undefined;
    const parts = Array.isArray(join) && Array.isArray(join[1]) ? (join[1] as unknown[]) : undefined;
    const last = parts?.[parts.length - 1];
    const key = typeof last === 'string' ? /\/([0-9a-f]{64}\.json)$/.exec(last)?.[1] : undefined;
    const asset = key === undefined ? undefined : this.assetsOf(dir).get(key);
    if (asset === undefined) return n;
    let followed = this.assetFollowed.get(parentAbs);
    if (!followed) this.assetFollowed.set(parentAbs, (followed = new Map()));
    followed.set(n.name, asset);
    return { name: n.name, by: 'aws:asset:path', template: asset, followed: true };
  }

  /** The file assets of the `*.assets.json` manifests of an assembly folder: object key -> path (a manifest that cannot be read adds none). */
  private assetsOf(dir: string): Map<string, string> {
    const known = this.assetPaths.get(dir);
    if (known) return known;
    const found = new Map<string, string>();
    this.assetPaths.set(dir, found);
    let names: string[] = [];
    try {
      names = this.fs.readdirSync(dir).filter((name) => name.endsWith('.assets.json')).sort();
    } catch {
      return found;
    }
    for (const name of names) {
      let doc: unknown;
      try {
        doc = JSON.parse(this.fs.readFileSync(path.join(dir, name)).toString('utf8'));
      } catch {
        continue;
      }
      const files = isPlainObject(doc) && isPlainObject(doc.files) ? doc.files : {};
      for (const f of Object.values(files)) {
        if (!isPlainObject(f) || !isPlainObject(f.source) || typeof f.source.path !== 'string' || f.source.packaging === 'zip') continue;
        for (const d of isPlainObject(f.destinations) ? Object.values(f.destinations) : []) {
          if (isPlainObject(d) && typeof d.objectKey === 'string') found.set(d.objectKey, f.source.path);
        }
      }
    }
    return found;
  }

  /**
   * Once every path is read: each template that is the template of nested stacks is linked to
   * them (linkNestedTemplates), and the parents' nested stacks found through an asset manifest
   * are listed as followed.
   */
  public linkNestedStacks(): void {
    if (this.nestedLinks.length === 0) return;
    const indexOf = new Map(this.loadedOrder.map((abs, i) => [abs, i]));
    const links: NestedLink[] = [];
    for (const l of this.nestedLinks) {
      const parent = indexOf.get(l.parentAbs);
      const child = indexOf.get(l.childAbs);
      if (parent !== undefined && child !== undefined) links.push({ parent, stack: l.stack, child });
    }
    linkNestedTemplates(this.templates, links, (i) => parseSource(readTextInput(this.loadedOrder[i], this.templates[i].file, this.options), this.templates[i].file));
    for (const [parentAbs, followed] of this.assetFollowed) {
      const i = indexOf.get(parentAbs);
      if (i === undefined) continue;
      const t = this.templates[i];
      const nestedStacks = (t.nestedStacks ?? []).map((n) => {
        const asset = followed.get(n.name);
        return asset === undefined ? n : { name: n.name, by: 'aws:asset:path' as const, template: asset, followed: true };
      });
      this.templates[i] = { ...t, nestedStacks };
    }
  }

  /** cdktf.out/manifest.json: `stacks.NAME.synthesizedStackPath`, relative to the folder. */
  private loadCdktfAssembly(dir: string, manifest: Record<string, unknown>, manifestFile: string): void {
    const stacks = Object.entries(manifest.stacks as Record<string, unknown>);
    if (stacks.length === 0) throw new InputError(`${manifestFile}: cdktf manifest without stacks`);
    this.registerCdktfStacks(dir, manifest.stacks as Record<string, unknown>);
    // Each stack alone: with keepGoing, one that cannot be read fails under its own name and the others are judged.
    for (const [name, stack] of stacks) {
      const p = isPlainObject(stack) ? stack.synthesizedStackPath : undefined;
      this.attempt(typeof p === 'string' ? this.display(path.resolve(dir, p)) : manifestFile, () => {
        if (typeof p !== 'string') throw new InputError(`${manifestFile}: stack ${name} has no synthesizedStackPath`);
        this.loadTemplateFile(path.resolve(dir, p), 'terraform-json');
      });
    }
  }

  private exists(p: string): boolean {
    try {
      this.fs.statSync(p);
      return true;
    } catch {
      return false;
    }
  }

  private isDir(p: string): boolean {
    try {
      return this.fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  }

  private readdir(p: string, display: string): string[] {
    try {
      return this.fs.readdirSync(p);
    } catch (err) {
      throw new InputError(`${display}: cannot list ${this.display(p)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
}
