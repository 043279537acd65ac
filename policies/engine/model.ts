import { AddressMap } from './address-map';
import type { ModuleCall, NestedIn, NestedStack, NotCreated, TerraformNamedBlock, TerraformProvider } from './template';
import { Resource, SourceFormat } from './types';
import { ResolveContext, UNRESOLVED, isUnresolved } from './unresolved';
import { CFN_INTRINSICS, IntrinsicHost, resolveCfnIntrinsic } from './cfn-intrinsics';
import { scanTfTemplate, tfAddressTokens } from './tf-template';
import { CrossStackReads, REMOTE_STATE_PREFIX, RemoteStackState } from './cross-stack';

export { UNRESOLVED, isUnresolved } from './unresolved';
export type { Unresolved, ResolveContext } from './unresolved';

/**
 * A fact derived from a whole model: an index the rules share (which buckets hold evidence, where
 * a sink writes). The model builds it once, on first use, and keeps it for its own life: every
 * rule's facts come from the model they judge, so no cache outlives a run or mixes two runs.
 */
export interface ModelFact<T> {
  /** What it is, for a reader of the code and a debugger. */
  readonly name: string;
  /** Derives the fact from the model; called once per model. */
  readonly build: (model: ResourceModel) => T;
}

/** Declares a fact of a whole model (see ModelFact). */
export function modelFact<T>(name: string, build: (model: ResourceModel) => T): ModelFact<T> {
  return { name, build };
}

/**
 * Declares a fact of one resource in a model (a sink's scope, a trail's selectors): built once per
 * model and resource, on first use.
 */
export function resourceFact<T>(name: string, build: (model: ResourceModel, resource: Resource) => T): (model: ResourceModel, resource: Resource) => T {
  const perResource = modelFact(name, () => new Map<Resource, T>());
  return (model, resource) => {
    const known = model.fact(perResource);
    if (known.has(resource)) return known.get(resource) as T;
    const value = build(model, resource);
    known.set(resource, value);
    return value;
  };
}

/** A CloudFormation export (`Outputs.X.Export.Name`) visible to every input of one model. */
export interface ExportEntry {
  /** The export name, resolved. */
  readonly name: string;
  /** The exported value (`Outputs.X.Value`), as the template states it. */
  readonly value: unknown;
  /** The file that exports it. */
  readonly sourceFile: string;
}

/** An export as a template states it: the name may be an intrinsic (`Fn::Sub`) the model resolves. */
export interface ExportInput {
  /** The export name: a string, or an intrinsic to resolve. */
  readonly name: unknown;
  /** The exported value (`Outputs.X.Value`), as the template states it. */
  readonly value: unknown;
  /** The file that states it. */
  readonly sourceFile: string;
}

/** CloudFormation `Parameters` of one file, for Ref to a parameter with a Default. */
export type ParameterDefaults = Map<string, Map<string, unknown>>;

/** CloudFormation `Mappings` of one file, for Fn::FindInMap with literal keys. */
export type MappingTables = Map<string, Record<string, unknown>>;

/** What else a model is built from. */
export interface ModelOptions {
  /** The CloudFormation `Mappings` of each file. @default none */
  readonly mappings?: MappingTables;
  /** Answer `referrers` (who references whom; indexed on the first ask, per referrer type). `false`: referrers() finds none. @default true */
  readonly referrers?: boolean;
  /** The files the resources come from, with their module calls. @default the files the resources name */
  readonly inputs?: readonly ModelInput[];
  /** The CloudFormation conditions each file states the value of (file -> name -> value), for Fn::If. @default none */
  readonly conditions?: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
  /**
   * The model of the same inputs with only the input resources `keep` accepts (buildModel translates
   * them again): what withoutExistence builds. @default a model of this model's resources `keep` accepts
   */
  readonly rebuild?: (keep: (r: Resource) => boolean) => ResourceModel;
  /**
   * The model of the same inputs with the input resources `change` gives in their place (buildModel
   * translates them again): what withoutIgnoredChanges builds. @default a model of `change` of this model's resources
   */
  readonly remake?: (change: (input: readonly Resource[]) => readonly Resource[]) => ResourceModel;
  /** The CloudFormation parameters of each file whose default the deploy may replace (LoadedTemplate.deployParameters). @default none */
  readonly deployParameters?: ReadonlyMap<string, readonly string[]>;
  /** The conditions of each file known only through those parameters' defaults (LoadedTemplate.deployConditions). @default none */
  readonly deployConditions?: ReadonlyMap<string, readonly string[]>;
  /**
   * The `terraform_remote_state` data sources that certainly read another stack of the same
   * cdktf.out (crossStackReads): their outputs resolve to that stack's output values, in its
   * configuration. @default none: every remote state's outputs are known only at deploy
   */
  readonly crossStack?: CrossStackReads;
  /** The nested stacks whose template each file is (LoadedTemplate.nestedIn), by file. @default none */
  readonly nestedIn?: ReadonlyMap<string, NestedIn>;
  /** The CloudFormation `Outputs` of each file (LoadedTemplate.outputs), by file. @default none */
  readonly outputs?: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
}

/** A Terraform resource whose lifecycle.ignore_changes names arguments (ResourceModel.ignoredChanges). */
export interface IgnoredChanges {
  /** The resource's address. */
  readonly address: string;
  /** The file that declares it. */
  readonly file: string;
  /** The arguments named (the first step of each path: `retention_policy` of `retention_policy[0].is_locked`), or `all`. */
  readonly names: readonly string[] | 'all';
}

/**
 * The arguments a Terraform resource's `lifecycle.ignore_changes` names (`"all"`, a list of
 * argument paths), undefined when it names none. A value the kit cannot read (an expression, a
 * path that is not a string) counts as `all`.
 */
function ignoredArguments(r: Resource): readonly string[] | 'all' | undefined {
  const raw = r.attributes.lifecycle;
  const lifecycle = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (lifecycle === null || typeof lifecycle !== 'object' || Array.isArray(lifecycle)) return undefined;
  const v = (lifecycle as Record<string, unknown>).ignore_changes;
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return undefined;
  if (!Array.isArray(v)) return 'all';
  const names: string[] = [];
  for (const path of v) {
    if (typeof path !== 'string' || path.includes('${')) return 'all';
    const first = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(path.trim())?.[0];
    if (first === undefined) return 'all';
    if (first === 'all' && path.trim() === 'all') return 'all';
    if (!names.includes(first)) names.push(first);
  }
  return names;
}

/** A value as written, and where it is written: what a nested stack's parameter or output stands for. */
export interface ValueAt {
  /** The value as written. */
  readonly value: unknown;
  /** The file it is written in, to resolve it there. */
  readonly from: ResolveContext;
}

/** A CloudFormation parameter with a Default that the deploy may replace (ResourceModel.deployParameters). */
export interface DeployParameter {
  /** The file that declares it. */
  readonly file: string;
  /** Its name. */
  readonly name: string;
  /** Its Default, which the model reads it as. */
  readonly value: unknown;
}

/** One input file of a model: a file without resources is still one the run read. */
export interface ModelInput {
  /** The file, as reports show it. */
  readonly file: string;
  /** The format it was recognised as. */
  readonly format: SourceFormat;
  /** Its Terraform module calls, followed or not. */
  readonly moduleCalls: readonly ModuleCall[];
  /** The resources it declares and says are not created (judged as absent). @default none */
  readonly notCreated?: readonly NotCreated[];
  /** The configuration it is part of (LoadedTemplate.configuration): references resolve within it. @default the file */
  readonly configuration?: string;
  /** Its Terraform `provider` blocks (merged with its configuration's override files). @default none */
  readonly providers?: readonly TerraformProvider[];
  /** Its Terraform `data` blocks as written (merged with its configuration's override files). @default none */
  readonly dataSources?: readonly TerraformNamedBlock[];
  /** Its CloudFormation nested stacks, read or not. @default none */
  readonly nestedStacks?: readonly NestedStack[];
}

const TF_REF_EXPR = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])+)$/;
/** Keys the engine adds to a plan resource's attributes: resources its configuration references. */
export const PLAN_REFERENCES_ATTRIBUTE = 'references';
/**
 * Key a loader adds to a resource's attributes when only the deploy decides whether it is created:
 * what decides it (`Condition IsProd`, `count = "${var.n}"`). A resource known not to be created is
 * not loaded at all.
 */
export const EXISTENCE_ATTRIBUTE = 'forensic-readiness:exists-if';
/** Key the engine adds to a plan resource's attributes: the top-level keys its configuration states (absent when the plan has no configuration). */
export const CONFIGURED_KEYS_ATTRIBUTE = 'configured';

/**
 * All resources of all inputs of one run, with the indexes rules use. Built once; every look-up
 * is a map access, so a rule over all resources stays linear in the size of the input.
 */
export class ResourceModel {
  /** Every resource, in the order given. */
  public readonly resources: readonly Resource[];
  /** The input files, where the model was told them (buildModel does); empty otherwise. */
  public readonly inputs: readonly ModelInput[];
  /** Configuration (a file, or the *.tf.json files of a folder) -> address -> resource. */
  private readonly byConfiguration = new Map<string, AddressMap<Resource>>();
  /** File -> its configuration, where that is not the file itself. */
  private readonly configurations = new Map<string, string>();
  /** Configuration -> provider name (`google`, `google.west`) -> its block. */
  private readonly providers = new Map<string, Map<string, TerraformProvider>>();
  /** Configuration -> data source address (`data.google_iam_policy.p`) -> its body as written. */
  private readonly dataSourceBodies = new Map<string, Map<string, unknown>>();
  /** Address -> the one resource at it across files, or null when several files have it. */
  private readonly byAddressOnly: AddressMap<Resource | null>;
  /** Terraform instances (`x.y[0]`, `module.m["a"].x.y`) under their address without instance keys, per configuration and overall. */
  private readonly aliasByConfiguration = new Map<string, Map<string, Resource[]>>();
  private readonly aliasOnly = new Map<string, Resource[]>();
  private readonly byType = new Map<string, Resource[]>();
  /**
   * Whether no configuration has two resources at one address (each resource is the one its address
   * finds from its file): the input coverage then counts every resource without looking it up.
   */
  public readonly addressesUnique: boolean;
  /** Whether referrers() answers (ModelOptions.referrers). */
  private readonly indexReferrers: boolean;
  /** Target -> the resources referencing it, of every type: built on the first referrers() without types. */
  private referrersOfAll?: Map<Resource, Resource[]>;
  /** Referrer type -> target -> the resources of that type referencing it: built on the first ask for that type. */
  private readonly referrersOfType = new Map<string, Map<Resource, Resource[]>>();
  /** Dotted paths of get(), split once. */
  private readonly paths = new Map<string, string[]>();
  private readonly host: IntrinsicHost = {
    resolve: (value, from, depth) => this.resolve(value, from, depth),
    parameter: (file, name) => this.parameters.get(file)?.get(name),
    mapping: (file) => this.mappings.get(file),
    exportNamed: (name) => this.exportNamed(name),
    condition: (file, name) => this.conditions?.get(file)?.get(name),
    passed: (file, name) => this.passedValue({ sourceFile: file, format: 'cloudformation' }, name),
    output: (arg, from) => this.nestedOutput(arg, from),
  };
  /** Parent's file and nested stack's logical id (`file\nid`) -> the file of its template. */
  private readonly nestedTemplates = new Map<string, string>();
  private readonly conditions?: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
  /** Consumer configuration -> remote state address -> the stack state it reads (ModelOptions.crossStack). */
  private readonly crossStack?: CrossStackReads;
  /** How to build this model without some resources (ModelOptions.rebuild). */
  private readonly rebuild: (keep: (r: Resource) => boolean) => ResourceModel;
  /** How to build this model of changed input resources (ModelOptions.remake). */
  private readonly remake: (change: (input: readonly Resource[]) => readonly Resource[]) => ResourceModel;
  /** The resources whose lifecycle.ignore_changes names arguments, built on first ask. */
  private ignored?: readonly IgnoredChanges[];
  /** What the model was built from, for the world without the deploy parameters' defaults. */
  private readonly built: { readonly exportsList: readonly ExportInput[]; readonly options: ModelOptions };
  /** The groups of resources whose existence only the deploy decides, built on first ask. */
  private existenceGroups?: readonly ExistenceGroup[];
  /** Export name -> entry; null when two inputs export the same name (ambiguous: never guessed). */
  private readonly exports = new Map<string, ExportEntry | null>();
  private readonly parameters: ParameterDefaults;
  private readonly mappings: MappingTables;
  /** The facts derived so far (ModelFact -> value). */
  private readonly derived = new Map<ModelFact<unknown>, unknown>();

  constructor(
    resources: readonly Resource[],
    exportsList: readonly ExportInput[] = [],
    parameters: ParameterDefaults = new Map(),
    options: ModelOptions = {},
  ) {
    this.resources = resources;
    this.inputs = options.inputs ?? [];
    this.parameters = parameters;
    this.mappings = options.mappings ?? new Map();
    this.conditions = options.conditions;
    this.crossStack = options.crossStack && options.crossStack.size > 0 ? options.crossStack : undefined;
    this.rebuild = options.rebuild ?? ((keep) => new ResourceModel(resources.filter(keep), exportsList, parameters, { ...options, rebuild: undefined, remake: undefined }));
    this.remake = options.remake ?? ((change) => new ResourceModel(change(resources), exportsList, parameters, { ...options, rebuild: undefined, remake: undefined }));
    this.built = { exportsList, options };
    for (const [file, n] of options.nestedIn ?? []) for (const st of n.stacks) this.nestedTemplates.set(`${st.parent}\n${st.stack}`, file);
    for (const e of exportsList) {
      const name = typeof e.name === 'string' ? e.name : this.resolve(e.name, { sourceFile: e.sourceFile, format: 'cloudformation' });
      if (typeof name !== 'string') continue;
      const prior = this.exports.get(name);
      this.exports.set(name, prior === undefined ? { name, value: e.value, sourceFile: e.sourceFile } : null);
    }
    for (const input of this.inputs) {
      if (input.configuration !== undefined && input.configuration !== input.file) this.configurations.set(input.file, input.configuration);
      if (input.dataSources && input.dataSources.length > 0) {
        const unit = input.configuration ?? input.file;
        let named = this.dataSourceBodies.get(unit);
        if (!named) this.dataSourceBodies.set(unit, (named = new Map()));
        for (const d of input.dataSources) named.set(d.name, d.body);
      }
      if (!input.providers) continue;
      const unit = input.configuration ?? input.file;
      let named = this.providers.get(unit);
      if (!named) this.providers.set(unit, (named = new Map()));
      for (const p of input.providers) named.set(p.name, p);
    }
    for (const r of resources) {
      const unit = this.configurationOf(r);
      let file = this.byConfiguration.get(unit);
      if (!file) this.byConfiguration.set(unit, (file = new AddressMap()));
      file.set(r.address, r);
      push(this.byType, r.type, r);
      if (r.address.includes('[')) {
        const bare = r.address.replace(/\[[^\]]*\]/g, '');
        let alias = this.aliasByConfiguration.get(unit);
        if (!alias) this.aliasByConfiguration.set(unit, (alias = new Map()));
        push(alias, bare, r);
        push(this.aliasOnly, bare, r);
      }
    }
    let addressed = 0;
    for (const file of this.byConfiguration.values()) addressed += file.size;
    this.addressesUnique = addressed === resources.length;
    // One configuration whose every resource is alone at its address: its map answers for all.
    const files = [...this.byConfiguration.values()];
    if (files.length === 1 && this.addressesUnique) this.byAddressOnly = files[0];
    else {
      this.byAddressOnly = new AddressMap();
      for (const r of resources) this.byAddressOnly.set(r.address, this.byAddressOnly.has(r.address) ? null : r);
    }
    this.indexReferrers = options.referrers !== false;
  }

  /**
   * Who references whom among `from`, in their order: each resource under every other resource its
   * properties (or its plan's configuration) name. Rules ask for the referrers of a few types, so
   * only the resources of those types are walked (see referrers).
   */
  private referrerIndex(from: readonly Resource[]): Map<Resource, Resource[]> {
    const index = new Map<Resource, Resource[]>();
    for (const r of from) {
      const targets = this.targets(r.properties, r);
      const planRefs = r.attributes[PLAN_REFERENCES_ATTRIBUTE];
      if (Array.isArray(planRefs)) {
        for (const a of planRefs) {
          const t = typeof a === 'string' ? this.byAddress(a, r) : undefined;
          if (t) targets.push(t);
        }
      }
      // A resource names a handful of others: a linear de-duplication beats a Set per resource.
      for (let i = 0; i < targets.length; i++) {
        const t = targets[i];
        if (t !== r && targets.indexOf(t) === i) push(index, t, r);
      }
    }
    return index;
  }

  /**
   * The resource at an address, as seen from `from`: in its configuration (its file; every
   * *.tf.json file of its folder); a Terraform reference resolves there or nowhere (Terraform never
   * resolves one in another configuration), a CloudFormation one, found nowhere there, is the one
   * resource at the address among all inputs. Without `from`, that one resource. A Terraform
   * address without instance key (`aws_vpc.main`) finds the one instance (`aws_vpc.main[0]`) when
   * there is one. Of two resources at one address of one file, the last one given is found (the
   * input coverage counts that one: input-coverage.ts relies on it).
   */
  public byAddress(address: string, from?: ResolveContext): Resource | undefined {
    if (from) {
      const unit = this.configurationOf(from);
      const same = this.byConfiguration.get(unit)?.get(address);
      if (same) return same;
      const alias = this.aliasByConfiguration.get(unit)?.get(address);
      if (alias && alias.length === 1) return alias[0];
      if (from.format !== 'cloudformation') return undefined;
    }
    const only = this.byAddressOnly.get(address);
    if (only !== undefined) return only ?? undefined;
    const alias = this.aliasOnly.get(address);
    return alias && alias.length === 1 ? alias[0] : undefined;
  }

  /** The configuration a value's file is part of (ModelInput.configuration): the file itself unless the model was told otherwise. */
  public configurationOf(from: ResolveContext): string {
    return this.configurations.get(from.sourceFile) ?? from.sourceFile;
  }

  /** The Terraform provider block of that name (`google`, `google.west`) in the configuration of `from`, where it states one. */
  public provider(from: ResolveContext, name: string): TerraformProvider | undefined {
    return this.providers.get(this.configurationOf(from))?.get(name);
  }

  /**
   * The body, as written, of the Terraform data block at an address (`data.google_iam_policy.p`) in
   * the configuration of `from`, where it declares one. Its values are not resolved: the engine does
   * not evaluate data sources, and a rule reading one treats every interpolation in it as unknown.
   */
  public dataSource(from: ResolveContext, address: string): unknown {
    return this.dataSourceBodies.get(this.configurationOf(from))?.get(address);
  }

  /**
   * The resources whose existence only the deploy decides (EXISTENCE_ATTRIBUTE), grouped by the
   * input that declares them (a template; a Terraform configuration, whatever its file) and what
   * decides it: the resources of one group are created together or not at all.
   */
  public uncertainExistence(): readonly ExistenceGroup[] {
    if (this.existenceGroups) return this.existenceGroups;
    const groups = new Map<string, { file: string; decidedBy: string; addresses: string[] }>();
    for (const r of this.resources) {
      const by = r.attributes[EXISTENCE_ATTRIBUTE];
      if (typeof by !== 'string') continue;
      const unit = this.configurationOf(r);
      const key = `${unit}\n${by}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { file: unit, decidedBy: by, addresses: [] }));
      g.addresses.push(r.address);
    }
    return (this.existenceGroups = [...groups.values()]);
  }

  /** The model of the same inputs without the resources of some groups of uncertainExistence(): a world where the deploy does not create them. */
  public withoutExistence(groups: readonly ExistenceGroup[]): ResourceModel {
    const leave = new Set(groups.map((g) => `${g.file}\n${g.decidedBy}`));
    return this.rebuild((r) => {
      const by = r.attributes[EXISTENCE_ATTRIBUTE];
      return typeof by !== 'string' || !leave.has(`${this.configurationOf(r)}\n${by}`);
    });
  }

  /**
   * The CloudFormation parameters the resources use whose default the deploy may replace
   * (`--parameters Name=...`), with their defaults: the model resolves them to the defaults, and a
   * verdict that rests on one must hold in withoutDeployDefaults() too.
   */
  public deployParameters(): readonly DeployParameter[] {
    const out: DeployParameter[] = [];
    for (const [file, names] of this.built.options.deployParameters ?? []) for (const name of names) out.push({ file, name, value: this.parameters.get(file)?.get(name) });
    return out;
  }

  /** The model of the same resources with the deploy parameters' defaults unknown: a world where the deploy sets other values. */
  public withoutDeployDefaults(): ResourceModel {
    const parameters: ParameterDefaults = new Map([...this.parameters].map(([file, values]) => {
      const free = new Set(this.built.options.deployParameters?.get(file) ?? []);
      return [file, new Map([...values].filter(([name]) => !free.has(name)))];
    }));
    const conditions = this.conditions && new Map([...this.conditions].map(([file, values]) => {
      const free = new Set(this.built.options.deployConditions?.get(file) ?? []);
      return [file, new Map([...values].filter(([name]) => !free.has(name)))];
    }));
    return new ResourceModel(this.resources, this.built.exportsList, parameters, { ...this.built.options, conditions, deployParameters: undefined, deployConditions: undefined, rebuild: undefined, remake: undefined });
  }

  /**
   * The Terraform configuration resources whose `lifecycle.ignore_changes` names arguments (or is
   * `all`), with those arguments: Terraform sets them when it creates the resource and never on
   * one that exists (imported, or changed outside Terraform), so a verdict that rests on them must
   * hold in withoutIgnoredChanges() too. A plan states the values Terraform will leave, so none.
   */
  public ignoredChanges(): readonly IgnoredChanges[] {
    if (this.ignored) return this.ignored;
    const out: IgnoredChanges[] = [];
    for (const r of this.resources) {
      // Terraform JSON as read, or hashicorp/aws translated from it (its lifecycle kept among its attributes).
      if (r.format !== 'terraform-json' && r.translatedFrom === undefined) continue;
      const names = ignoredArguments(r);
      if (names !== undefined) out.push({ address: r.address, file: r.sourceFile, names });
    }
    return (this.ignored = out);
  }

  /** The model of the same inputs with every argument a lifecycle.ignore_changes names unknown (UNRESOLVED): the resource as it may already exist. */
  public withoutIgnoredChanges(): ResourceModel {
    const change = (input: readonly Resource[]): readonly Resource[] =>
      input.map((r) => {
        if (r.format !== 'terraform-json') return r;
        const names = ignoredArguments(r);
        if (names === undefined) return r;
        const properties: Record<string, unknown> = {};
        for (const k of Object.keys(r.properties)) properties[k] = names === 'all' || names.includes(k) ? UNRESOLVED : r.properties[k];
        if (names !== 'all') for (const k of names) properties[k] = UNRESOLVED;
        return { ...r, properties };
      });
    return this.remake(change);
  }

  /** A fact derived from this model, built on first use and kept (see ModelFact). */
  public fact<T>(fact: ModelFact<T>): T {
    if (this.derived.has(fact)) return this.derived.get(fact) as T;
    const value = fact.build(this);
    this.derived.set(fact, value);
    return value;
  }

  /** The resources of the given types, type after type. */
  public ofType(...types: string[]): readonly Resource[] {
    if (types.length === 1) return this.byType.get(types[0]) ?? NONE;
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** The list of each type's resources (the lists ofType gives), types in the order first seen. */
  public typeLists(): IterableIterator<readonly Resource[]> {
    return this.byType.values();
  }

  /** Resources whose properties reference `target`, optionally only of some types. */
  public referrers(target: Resource, ...types: string[]): readonly Resource[] {
    if (!this.indexReferrers) return NONE;
    if (types.length === 1) {
      let ofType = this.referrersOfType.get(types[0]);
      if (!ofType) this.referrersOfType.set(types[0], (ofType = this.referrerIndex(this.ofType(types[0]))));
      return ofType.get(target) ?? NONE;
    }
    if (!this.referrersOfAll) this.referrersOfAll = this.referrerIndex(this.resources);
    const all = this.referrersOfAll.get(target) ?? NONE;
    return types.length === 0 ? all : all.filter((r) => types.includes(r.type));
  }

  /**
   * The literal value of a property, with intrinsics and Terraform interpolations resolved where
   * the input says what they are. Whatever is only known at deploy becomes UNRESOLVED (deep inside
   * objects and arrays too). `undefined` means absent (`Ref: AWS::NoValue` included).
   */
  public resolve(value: unknown, from: ResolveContext, depth = 0): unknown {
    if (depth > 32) return UNRESOLVED;
    if (value === null || value === undefined) return value;
    if (typeof value === 'string') return from.format === 'cloudformation' ? value : this.resolveTfString(value, from, depth);
    if (typeof value !== 'object') return value;
    // Copy on write: a subtree with nothing to resolve is returned as it is, not rebuilt.
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        const r = this.resolve(v, from, depth + 1);
        if (out === undefined && r !== v) out = value.slice(0, i);
        if (out !== undefined && r !== undefined) out.push(r);
      }
      return out ?? value;
    }
    const obj = value as Record<string, unknown>;
    if (from.format === 'cloudformation') {
      const only = singleKey(obj);
      if (only !== undefined && CFN_INTRINSICS.has(only)) return resolveCfnIntrinsic(this.host, only, obj[only], from, depth);
    }
    let out: Record<string, unknown> | undefined;
    for (const k in obj) {
      const v = obj[k];
      const r = this.resolve(v, from, depth + 1);
      if (out === undefined && r !== v) {
        out = {};
        for (const prior in obj) {
          if (prior === k) break;
          out[prior] = obj[prior];
        }
      }
      if (out !== undefined && r !== undefined) out[k] = r;
    }
    return out ?? obj;
  }

  /**
   * Resolve the property at a dotted path (`ObjectLockConfiguration.Rule.DefaultRetention.Mode`).
   * Each step resolves only the node it walks through, so a look-up costs the length of its path.
   * A one-element array stands for a single nested block (Terraform writes them both ways); a
   * numeric part indexes a list; a name on a list of several elements is ambiguous and gives
   * UNRESOLVED (iterate such lists yourself).
   */
  public get(resource: Resource, path: string): unknown {
    let parts = this.paths.get(path);
    if (!parts) this.paths.set(path, (parts = path.split('.')));
    let cur: unknown = resource.properties;
    for (const part of parts) {
      cur = this.resolveShallow(cur, resource, 0);
      if (isUnresolved(cur)) return UNRESOLVED;
      if (cur === null || cur === undefined) return undefined;
      if (Array.isArray(cur)) {
        const index = arrayIndex(part);
        if (index >= 0) {
          cur = cur[index];
          continue;
        }
        if (cur.length === 0) return undefined;
        if (cur.length > 1) return UNRESOLVED;
        cur = this.resolveShallow(cur[0], resource, 0);
        if (isUnresolved(cur)) return UNRESOLVED;
      }
      if (typeof cur !== 'object' || cur === null) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return this.resolve(cur, resource);
  }

  /** Every resource that a value references (Ref, GetAtt, Sub, ImportValue, Terraform `${type.name.attr}`), in order. */
  public targets(value: unknown, from: ResolveContext): Resource[] {
    const found: Resource[] = [];
    this.collectTargets(value, from, found, 0);
    return found;
  }

  /** The first resource a value references, if any. */
  public target(value: unknown, from: ResolveContext): Resource | undefined {
    return this.targets(value, from)[0];
  }

  /**
   * The value the parent passes for a parameter of a nested stack's template (NestedIn.passed),
   * with the parent's file to resolve it in; undefined when `from`'s file is no nested template
   * with one parent, or the parent passes no such value (a literal passed is the parameter's value).
   */
  public passedValue(from: ResolveContext, name: string): ValueAt | undefined {
    const n = this.built.options.nestedIn?.get(from.sourceFile);
    if (!n || n.ambiguous !== undefined || n.stacks.length !== 1 || !Object.hasOwn(n.passed, name)) return undefined;
    return { value: n.passed[name], from: { sourceFile: n.stacks[0].parent, format: 'cloudformation' } };
  }

  /**
   * What a `Fn::GetAtt` argument (`[Stack, Outputs.Name]` or `Stack.Outputs.Name`) of a nested
   * stack reads back: its template's `Outputs.Name.Value`, with that template's file to resolve it
   * in; UNRESOLVED when the stack's template was not read or has no such output; undefined when
   * the argument is no output of an AWS::CloudFormation::Stack of the inputs.
   */
  public nestedOutput(arg: unknown, from: ResolveContext): ValueAt | typeof UNRESOLVED | undefined {
    let name: unknown;
    let attr: unknown;
    // Indexed, not destructured: every GetAtt rendered asks.
    if (Array.isArray(arg)) {
      name = arg[0];
      attr = arg[1];
    } else if (typeof arg === 'string') {
      const i = arg.indexOf('.');
      if (i < 0) return undefined;
      name = arg.slice(0, i);
      attr = arg.slice(i + 1);
    }
    if (typeof name !== 'string' || typeof attr !== 'string' || !attr.startsWith('Outputs.')) return undefined;
    const stack = this.byAddress(name, from);
    if (!stack || stack.type !== 'AWS::CloudFormation::Stack') return undefined;
    const file = this.nestedTemplates.get(`${stack.sourceFile}\n${stack.address}`);
    const out = file === undefined ? undefined : this.built.options.outputs?.get(file);
    const key = attr.slice('Outputs.'.length);
    if (file === undefined || !out || !out.has(key)) return UNRESOLVED;
    return { value: out.get(key), from: { sourceFile: file, format: 'cloudformation' } };
  }

  /** The export of that name, if exactly one input exports it. */
  public exportNamed(name: string): ExportEntry | undefined {
    return this.exports.get(name) ?? undefined;
  }

  private collectTargets(value: unknown, from: ResolveContext, out: Resource[], depth: number): void {
    if (depth > 64 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (from.format === 'cloudformation' || (value.indexOf('${') < 0 && value.indexOf('%{') < 0)) return;
      for (const part of scanTfTemplate(value).parts) {
        if (typeof part === 'string') continue;
        for (const tok of tfAddressTokens(part.expr)) {
          if (this.crossStack && !tok.instance && tok.address.startsWith(REMOTE_STATE_PREFIX)) {
            this.collectRemoteTargets(part.expr, tok.address, from, out, depth);
            continue;
          }
          const r = (tok.instance ? this.byAddress(tok.address + tok.instance, from) : undefined) ?? this.byAddress(tok.address, from);
          if (r) out.push(r);
        }
      }
      return;
    }
    if (typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) this.collectTargets(v, from, out, depth + 1);
      return;
    }
    const obj = value as Record<string, unknown>;
    if (from.format === 'cloudformation') {
      const only = singleKey(obj);
      if (only !== undefined) {
        switch (only) {
          case 'Ref': {
            const r = typeof obj.Ref === 'string' ? this.byAddress(obj.Ref, from) : undefined;
            if (r) out.push(r);
            // A parameter of a nested stack's template: what its parent passes, where the parent writes it.
            const passed = !r && typeof obj.Ref === 'string' ? this.passedValue(from, obj.Ref) : undefined;
            if (passed) this.collectTargets(passed.value, passed.from, out, depth + 1);
            return;
          }
          case 'Fn::GetAtt': {
            const output = this.nestedOutput(obj['Fn::GetAtt'], from);
            if (output !== undefined && output !== UNRESOLVED) {
              this.collectTargets(output.value, output.from, out, depth + 1);
              return;
            }
            const name = getAttTarget(obj['Fn::GetAtt']);
            const r = name ? this.byAddress(name, from) : undefined;
            if (r) out.push(r);
            return;
          }
          case 'Fn::Sub': {
            this.collectSubTargets(obj['Fn::Sub'], from, out, depth);
            return;
          }
          case 'Fn::If': {
            // A condition the template states: only the branch it picks references anything.
            const arg = obj['Fn::If'];
            const known = Array.isArray(arg) && arg.length === 3 && typeof arg[0] === 'string' ? this.conditions?.get(from.sourceFile)?.get(arg[0]) : undefined;
            if (known === undefined) break;
            this.collectTargets((arg as unknown[])[known ? 1 : 2], from, out, depth + 1);
            return;
          }
          case 'Fn::ImportValue': {
            const name = this.resolve(obj['Fn::ImportValue'], from);
            const exp = typeof name === 'string' ? this.exportNamed(name) : undefined;
            if (exp) this.collectTargets(exp.value, { sourceFile: exp.sourceFile, format: 'cloudformation' }, out, depth + 1);
            return;
          }
        }
      }
    }
    for (const k in obj) this.collectTargets(obj[k], from, out, depth + 1);
  }

  /**
   * The resources an expression's `data.terraform_remote_state.NAME.outputs.OUT` references name,
   * where that remote state is another stack of the same cdktf.out: those its output's value
   * references, in that stack's configuration.
   */
  private collectRemoteTargets(expr: string, address: string, from: ResolveContext, out: Resource[], depth: number): void {
    const state = this.remoteState(address, from);
    if (!state) return;
    const prefix = `${address}.outputs.`;
    for (let at = expr.indexOf(prefix); at >= 0; at = expr.indexOf(prefix, at + prefix.length)) {
      // The token must start there (not inside a longer name), as tfAddressTokens reads it.
      if (at > 0 && /[\w.\-"]/.test(expr[at - 1])) continue;
      const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(expr.slice(at + prefix.length))?.[0];
      const output = name === undefined ? undefined : state.outputs.get(name);
      if (output) this.collectTargets(output.value, { sourceFile: output.file, format: 'terraform-json' }, out, depth + 1);
    }
  }

  /** The stack state a `data.terraform_remote_state.NAME` of the configuration of `from` certainly reads (ModelOptions.crossStack). */
  private remoteState(address: string, from: ResolveContext): RemoteStackState | undefined {
    return this.crossStack?.get(this.configurationOf(from))?.get(address);
  }

  private collectSubTargets(sub: unknown, from: ResolveContext, out: Resource[], depth: number): void {
    const template = Array.isArray(sub) ? sub[0] : sub;
    const vars = Array.isArray(sub) ? (sub[1] as Record<string, unknown> | undefined) : undefined;
    if (typeof template === 'string' && template.includes('${')) {
      for (const m of template.matchAll(SUB_VARIABLE)) {
        if (vars && typeof vars === 'object' && m[1] in vars) continue;
        const r = this.byAddress(m[1], from);
        if (r) out.push(r);
      }
    }
    if (vars) this.collectTargets(vars, from, out, depth + 1);
  }

  /** Resolve only the outermost intrinsic or interpolation of a value. */
  private resolveShallow(value: unknown, from: ResolveContext, depth: number): unknown {
    if (typeof value === 'string') return from.format === 'cloudformation' ? value : this.resolveTfString(value, from, depth);
    if (value === null || typeof value !== 'object' || Array.isArray(value) || from.format !== 'cloudformation') return value;
    const only = singleKey(value as Record<string, unknown>);
    if (only !== undefined && CFN_INTRINSICS.has(only)) return resolveCfnIntrinsic(this.host, only, (value as Record<string, unknown>)[only], from, depth);
    return value;
  }

  private resolveTfString(value: string, from: ResolveContext, depth: number): unknown {
    if (value.indexOf('{') < 0) return value;
    const tpl = scanTfTemplate(value);
    if (tpl.directive) return UNRESOLVED;
    if (tpl.parts.length === 1 && typeof tpl.parts[0] !== 'string') return this.resolveTfExpr(tpl.parts[0].expr, from, depth);
    let text = '';
    for (const part of tpl.parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const v = this.resolveTfExpr(part.expr, from, depth);
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return UNRESOLVED;
      text += String(v);
    }
    return text;
  }

  /** One `${...}` expression: a literal, or a reference to an attribute the input states. */
  private resolveTfExpr(expr: string, from: ResolveContext, depth: number): unknown {
    const e = expr.trim();
    if (/^-?\d+(\.\d+)?$/.test(e)) return Number(e);
    if (e === 'true' || e === 'false') return e === 'true';
    if (/^"[^"\\$%]*"$/.test(e)) return e.slice(1, -1);
    const m = TF_REF_EXPR.exec(e);
    if (m && !m[2] && this.crossStack && m[1].startsWith(REMOTE_STATE_PREFIX)) return this.resolveRemoteOutput(m[1], m[3], from, depth);
    if (!m || m[1].startsWith('data.')) return UNRESOLVED;
    const target = (m[2] ? this.byAddress(m[1] + m[2], from) : undefined) ?? this.byAddress(m[1], from);
    if (!target) return UNRESOLVED;
    return this.walkSteps(target.properties, referenceSteps(m[3]), target, depth);
  }

  /**
   * `data.terraform_remote_state.NAME` `.outputs.OUT...` where that remote state is another stack
   * of the same cdktf.out: the value of that stack's output OUT, resolved in its configuration,
   * then the steps after it. Unknown when the remote state is no such stack, or it has no output OUT.
   */
  private resolveRemoteOutput(address: string, stepsText: string, from: ResolveContext, depth: number): unknown {
    const state = this.remoteState(address, from);
    const steps = referenceSteps(stepsText);
    if (!state || steps.length < 2 || steps[0] !== '.outputs' || !steps[1].startsWith('.')) return UNRESOLVED;
    const output = state.outputs.get(steps[1].slice(1));
    if (!output) return UNRESOLVED;
    return this.walkSteps(output.value, steps.slice(2), { sourceFile: output.file, format: 'terraform-json' }, depth);
  }

  /** A value's part at the steps of a reference (`.attr`, `[0]`), resolved in `at`; unknown when a step finds nothing the input states. */
  private walkSteps(value: unknown, steps: readonly string[], at: ResolveContext, depth: number): unknown {
    let cur = value;
    for (const step of steps) {
      cur = this.resolveShallow(cur, at, depth + 1);
      if (isUnresolved(cur) || cur === null || cur === undefined) return UNRESOLVED;
      if (step.startsWith('[')) {
        if (!Array.isArray(cur)) return UNRESOLVED;
        cur = cur[Number(step.slice(1, -1))];
        continue;
      }
      if (Array.isArray(cur)) {
        if (cur.length !== 1) return UNRESOLVED;
        cur = this.resolveShallow(cur[0], at, depth + 1);
      }
      if (typeof cur !== 'object' || cur === null) return UNRESOLVED;
      cur = (cur as Record<string, unknown>)[step.slice(1)];
    }
    // An attribute the configuration does not state is computed by the provider at apply.
    if (cur === undefined || cur === null) return UNRESOLVED;
    return this.resolve(cur, at, depth + 1);
  }
}

/**
 * The steps of a reference after its address (`.outputs.x`, `.attr`, `[0]`), each as written.
 */
function referenceSteps(steps: string): string[] {
  return steps.match(/\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\]/g) ?? [];
}

/** Resources of one input (a template, a Terraform configuration) created together or not at all, as only the deploy decides. */
export interface ExistenceGroup {
  /** The input that declares them: its file, or the Terraform configuration of its files (ModelInput.configuration). */
  readonly file: string;
  /** What decides it: `Condition IsProd`, `count = "${var.n}"`. */
  readonly decidedBy: string;
  /** Their addresses. */
  readonly addresses: readonly string[];
}

function getAttTarget(arg: unknown): string | undefined {
  if (Array.isArray(arg) && typeof arg[0] === 'string') return arg[0];
  if (typeof arg === 'string') return arg.split('.')[0];
  return undefined;
}

const NONE: readonly Resource[] = Object.freeze([]) as readonly Resource[];
const SUB_VARIABLE = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g;

/** The key of a one-key object (the shape of every intrinsic), else undefined. */
function singleKey(obj: Record<string, unknown>): string | undefined {
  let only: string | undefined;
  for (const k in obj) {
    if (only !== undefined) return undefined;
    only = k;
  }
  return only;
}

/** A non-negative integer path part (`0`, `12`) as a number, else -1. */
function arrayIndex(part: string): number {
  const c = part.charCodeAt(0);
  if (c < 48 || c > 57) return -1;
  return /^\d+$/.test(part) ? Number(part) : -1;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** The cloud of a resource type. */
export function cloudOf(type: string): Resource['cloud'] {
  // A `Custom::` type is a CloudFormation custom resource (aws-cdk-lib's AwsCustomResource is `Custom::AWS`).
  if (type.startsWith('AWS::') || type.startsWith('Custom::') || type.startsWith('aws_')) return 'aws';
  if (type.startsWith('google_')) return 'gcp';
  if (type.startsWith('azurerm_') || type.startsWith('azuread_') || type.startsWith('azapi_')) return 'azure';
  return 'other';
}
