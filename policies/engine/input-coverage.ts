import type { ModelInput, ResourceModel } from './model';
import type { ModuleCall, NestedStack, NotCreated } from './template';
import { MERGED_INTO_ATTRIBUTE, Resource, SourceFormat } from './types';

/** What a run judged of one resource type in one file. */
export interface TypeCoverage {
  /** Resources of the type, as the input wrote them. */
  readonly resources: number;
  /** Those at least one rule judged. */
  readonly judged: number;
}

/** What a run judged of one input file. */
export interface FileCoverage {
  /** The file, as reports show it. */
  readonly file: string;
  /** The format it was recognised as, where the run was told it. */
  readonly format?: SourceFormat;
  /** Resources of the file, as the input wrote them. */
  readonly resources: number;
  /** Resources at least one rule judged (its check ran, whatever its verdict). */
  readonly judged: number;
  /** Resources no rule applies to. */
  readonly notJudged: number;
  /** Resource type -> its resources and how many were judged, types in name order. */
  readonly byType: Readonly<Record<string, TypeCoverage>>;
  /** Terraform module calls of the file, followed or not. */
  readonly moduleCalls: readonly ModuleCall[];
  /** Resources the file declares and says are not created (a false Condition, `count = 0`): judged as absent, not counted above. Empty when none. */
  readonly notCreated: readonly NotCreated[];
  /** CloudFormation nested stacks of the file, read or not (NestedStack). Empty when none. */
  readonly nestedStacks: readonly NestedStack[];
  /** A Terraform override file (`override.tf.json`, `*_override.tf.json`, or `.tofu.json`): the configuration it was merged into (`cfg/`). Absent for any other file. */
  readonly overrides?: string;
}

/** What a run judged of its input: per file, and in total. */
export interface InputCoverage {
  /** One entry per input file, in the order read. */
  readonly files: readonly FileCoverage[];
  /** Resources of every file. */
  readonly resources: number;
  /** Resources at least one rule judged. */
  readonly judged: number;
  /** Resources no rule applies to. */
  readonly notJudged: number;
  /** Addresses of the module calls not followed (`file: module.net` when several files have calls). */
  readonly moduleCallsNotFollowed: readonly string[];
  /**
   * The CloudFormation nested stacks whose template was not read (remote, or known only at deploy),
   * each `Name: TemplateURL https://...` (`file: Name: ...` when several files have them): nothing
   * inside them is judged. Empty when none (every list of the coverage is always there, so that the
   * JSON report's schema does not depend on the run).
   */
  readonly nestedStacksNotFollowed: readonly string[];
  /** No rule judged any resource: such a run is never PASSED. */
  readonly nothingJudged: boolean;
}

/** One rule's visit of one resource, as the coverage needs it. */
export interface CoverageVisit {
  /** The resource visited. */
  readonly resource: Resource;
  /** Whether the rule judged it (its check ran), rather than leaving it aside as not applicable. */
  readonly applied: boolean;
}

interface Unit {
  readonly type: string;
  judged: boolean;
}

/**
 * What a run judged, counted over the resources as the input wrote them: a resource the engine
 * translated into another dialect counts once, under the type the input wrote, and every input
 * resource merged into it counts as judged when it was.
 */
export function inputCoverage(model: ResourceModel, visits: Iterable<CoverageVisit>): InputCoverage {
  const judged = new Set<Resource>();
  for (const v of visits) if (v.applied) judged.add(v.resource);
  return inputCoverageOfJudged(model, judged);
}

/**
 * Which resources at least one rule judged, as runRules marks them: per list of a type's resources
 * (the lists model.ofType gives), 1 at the position of each judged one.
 */
export type JudgedMarks = ReadonlyMap<readonly Resource[], Uint8Array>;

/**
 * inputCoverage from runRules' marks. A model no translation touched, with every resource alone at
 * its address in its file (nearly every run), is counted type list by type list, without a Set of
 * the resources judged: at 20,000 resources the Set and the look-ups cost several times the count.
 */
export function inputCoverageOfMarks(model: ResourceModel, marks: JudgedMarks): InputCoverage {
  const translated = isTranslated(model);
  if (model.addressesUnique && !translated) return coverageOf(model, countsByTypeList(model, marks));
  const judged = new Set<Resource>();
  for (const [resources, m] of marks) for (let i = 0; i < resources.length; i++) if (m[i] === 1) judged.add(resources[i]);
  return coverageOf(model, countsOfJudged(model, judged, translated));
}

/** inputCoverage from the resources at least one rule judged (what runRules records of its visits). */
export function inputCoverageOfJudged(model: ResourceModel, judged: ReadonlySet<Resource>): InputCoverage {
  return coverageOf(model, countsOfJudged(model, judged, isTranslated(model)));
}

/** File -> type -> counts of the resources judged, by the way the model was made (`translated`: isTranslated). */
function countsOfJudged(model: ResourceModel, judged: ReadonlySet<Resource>, translated: boolean): Map<string, TypeCounts> {
  if (!translated) return countsOfUnits(unitsOfResources(model, judged));
  return countsOfTranslated(model, judged) ?? countsOfUnits(unitsByAddress(model, judged));
}

/** Per type of one file: its resources and how many of them were judged. */
type TypeCounts = Map<string, { resources: number; judged: number }>;

/** Whether a translation made or merged any resource of the model. */
function isTranslated(model: ResourceModel): boolean {
  return model.resources.some((r) => r.translatedFrom !== undefined || r.attributes[MERGED_INTO_ATTRIBUTE] !== undefined);
}

/** The coverage of the files counted (file -> type -> counts; files in the order first seen), the model's inputs first. */
function coverageOf(model: ResourceModel, counts: ReadonlyMap<string, TypeCounts>): InputCoverage {
  const order: string[] = model.inputs.map((i) => i.file);
  for (const file of counts.keys()) if (!order.includes(file)) order.push(file);
  const inputOf = new Map(model.inputs.map((i) => [i.file, i]));
  const files: FileCoverage[] = order.map((file) => fileCoverage(file, counts.get(file) ?? new Map(), inputOf.get(file)));
  const withCalls = files.filter((f) => f.moduleCalls.some((m) => !m.followed));
  const moduleCallsNotFollowed = withCalls.flatMap((f) => f.moduleCalls.filter((m) => !m.followed).map((m) => (withCalls.length > 1 ? `${f.file}: ${m.name}` : m.name)));
  const withStacks = files.filter((f) => f.nestedStacks?.some((n) => !n.followed));
  const nestedStacksNotFollowed = withStacks.flatMap((f) => nestedNotFollowed(f).map((n) => (withStacks.length > 1 ? `${f.file}: ${n}` : n)));
  const resources = files.reduce((n, f) => n + f.resources, 0);
  const judgedCount = files.reduce((n, f) => n + f.judged, 0);
  return {
    files,
    resources,
    judged: judgedCount,
    notJudged: resources - judgedCount,
    moduleCallsNotFollowed,
    nestedStacksNotFollowed,
    nothingJudged: judgedCount === 0,
  };
}

/** A file's nested stacks not followed, each `Name: TemplateURL https://...`. */
export function nestedNotFollowed(f: Pick<FileCoverage, 'nestedStacks'>): string[] {
  return (f.nestedStacks ?? []).filter((n) => !n.followed).map((n) => `${n.name}: ${n.by} ${n.template}`);
}

/**
 * File -> type -> counts of a model no translation touched whose resources are each alone at their
 * address: every resource counts once, judged when its mark is set. Files in the order the model's
 * resources first name them, as unitsOfResources has them.
 */
function countsByTypeList(model: ResourceModel, marks: JudgedMarks): Map<string, TypeCounts> {
  const counts = new Map<string, TypeCounts>();
  let last: string | undefined;
  for (const r of model.resources) {
    if (r.sourceFile === last) continue;
    last = r.sourceFile;
    if (!counts.has(last)) counts.set(last, new Map());
  }
  for (const list of model.typeLists()) {
    const m = marks.get(list);
    // One type per list; its counter looked up again only where the file changes.
    let file: string | undefined;
    let t = { resources: 0, judged: 0 };
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (r.sourceFile !== file) {
        file = r.sourceFile;
        const inFile = counts.get(file)!;
        const known = inFile.get(r.type);
        if (known) t = known;
        else inFile.set(r.type, (t = { resources: 0, judged: 0 }));
      }
      t.resources++;
      if (m !== undefined && m[i] === 1) t.judged++;
    }
  }
  return counts;
}

/** File -> type -> counts of the units of each file. */
function countsOfUnits(units: ReadonlyMap<string, readonly Unit[]>): Map<string, TypeCounts> {
  const counts = new Map<string, TypeCounts>();
  for (const [file, list] of units) {
    const types: TypeCounts = new Map();
    for (const u of list) countUnit(types, u.type, u.judged);
    counts.set(file, types);
  }
  return counts;
}

/** One more resource of `type` in a file's counts, judged or not. */
function countUnit(types: TypeCounts, type: string, judged: boolean): void {
  let t = types.get(type);
  if (!t) types.set(type, (t = { resources: 0, judged: 0 }));
  t.resources++;
  if (judged) t.judged++;
}

/**
 * File -> units of a model no translation touched: each input resource is one, found without a map
 * of every address (the cost of the coverage at 20,000 resources). Of two resources at one address
 * in a file, the last one counts, as in unitsByAddress: the model resolves the address to it.
 */
function unitsOfResources(model: ResourceModel, judged: ReadonlySet<Resource>): Map<string, Unit[]> {
  const units = new Map<string, Unit[]>();
  for (const r of model.resources) {
    if (model.byAddress(r.address, r) !== r) continue;
    let inFile = units.get(r.sourceFile);
    if (!inFile) units.set(r.sourceFile, (inFile = []));
    inFile.push({ type: r.type, judged: judged.has(r) });
  }
  return units;
}

/**
 * unitsByAddress without a map of every address (~3x faster at 20,000 resources), for the model a
 * translation gives: each resource alone at its address in its file; each member a translation
 * merged in (past its own address) an input resource of the same file marked as merged into it;
 * and whatever a resource is marked as merged into, when its file has it, a translation that is
 * itself merged into nothing. Undefined for any other model, which unitsByAddress counts. Then every
 * resource counts once, under the type the input wrote, judged when a rule judged it or the
 * translation it is merged into (counted as it goes: no unit object per resource).
 */
function countsOfTranslated(model: ResourceModel, judged: ReadonlySet<Resource>): Map<string, TypeCounts> | undefined {
  const all = model.resources;
  // Per resource (by position): judged, itself or through the translation it is merged into. An array, not
  // a Set: a Set of more than ~4,000 entries costs several times more per insert (see address-map.ts).
  const isJudged = new Uint8Array(all.length);
  // With every resource alone at its address (model.addressesUnique), none needs looking up.
  const unique = model.addressesUnique;
  for (let i = 0; i < all.length; i++) {
    const r = all[i];
    if (!unique && model.byAddress(r.address, r) !== r) return undefined;
    const into = r.attributes[MERGED_INTO_ATTRIBUTE];
    const members = r.translatedFrom?.members;
    if (members !== undefined) {
      if (typeof into === 'string' || members[0] !== r.address) return undefined;
      for (let j = 1; j < members.length; j++) {
        const m = sameConfigurationResource(model, members[j], r);
        if (m === undefined || m.translatedFrom !== undefined || m.attributes[MERGED_INTO_ATTRIBUTE] !== r.address) return undefined;
      }
    }
    let parentJudged = false;
    if (typeof into === 'string') {
      const parent = sameConfigurationResource(model, into, r);
      if (parent !== undefined && (parent.translatedFrom === undefined || typeof parent.attributes[MERGED_INTO_ATTRIBUTE] === 'string')) return undefined;
      parentJudged = parent !== undefined && judged.has(parent);
    }
    isJudged[i] = parentJudged || judged.has(r) ? 1 : 0;
  }
  // Files in the order unitsByAddress first sees them: the input resources' files, then the translations'.
  const counts = new Map<string, TypeCounts>();
  for (const translatedPass of [false, true]) {
    for (let i = 0; i < all.length; i++) {
      const r = all[i];
      if ((r.translatedFrom !== undefined) !== translatedPass) continue;
      let inFile = counts.get(r.sourceFile);
      if (!inFile) counts.set(r.sourceFile, (inFile = new Map()));
      countUnit(inFile, r.translatedFrom?.type ?? r.type, isJudged[i] === 1);
    }
  }
  return counts;
}

/**
 * The resource at `address` in the configuration of `from` (not an instance alias, not another
 * configuration's): a split resource merged into its bucket may sit in another file of the bucket's folder.
 */
function sameConfigurationResource(model: ResourceModel, address: string, from: Resource): Resource | undefined {
  const r = model.byAddress(address, from);
  return r !== undefined && r.address === address && model.configurationOf(r) === model.configurationOf(from) ? r : undefined;
}

/** The file whose unit stands for `address` as `from` names it: the file of the resource at it in from's configuration, else from's. */
function homeOf(model: ResourceModel, address: string, from: Resource): string {
  return sameConfigurationResource(model, address, from)?.sourceFile ?? from.sourceFile;
}

/**
 * File -> units, files in the order first seen, found by address: the input resources, then the members
 * of each translation no input resource stands for. A judged translation marks its members; a
 * resource merged into a judged one is judged.
 */
function unitsByAddress(model: ResourceModel, judged: ReadonlySet<Resource>): Map<string, Unit[]> {
  const units = new Map<string, Map<string, Unit>>();
  const inFileOf = (file: string): Map<string, Unit> => {
    let inFile = units.get(file);
    if (!inFile) units.set(file, (inFile = new Map()));
    return inFile;
  };
  // Input resources first, so that their own type wins over a translation's.
  for (const r of model.resources) {
    if (!r.translatedFrom) inFileOf(r.sourceFile).set(r.address, { type: r.type, judged: judged.has(r) });
  }
  // A translation's members, where no input resource is at their address (a member may be in another file of its configuration).
  for (const r of model.resources) {
    if (!r.translatedFrom) continue;
    r.translatedFrom.members.forEach((member, i) => {
      const inFile = inFileOf(i === 0 ? r.sourceFile : homeOf(model, member, r));
      if (!inFile.has(member)) inFile.set(member, { type: i === 0 ? r.translatedFrom!.type : terraformTypeOf(member), judged: false });
    });
  }
  // A judged translation marks the units at its address and at its members'.
  for (const r of model.resources) {
    if (!r.translatedFrom || !judged.has(r)) continue;
    const own = units.get(r.sourceFile)!.get(r.address);
    if (own) own.judged = true;
    r.translatedFrom.members.forEach((member, i) => (units.get(i === 0 ? r.sourceFile : homeOf(model, member, r))!.get(member)!.judged = true));
  }
  for (const r of model.resources) {
    const into = r.attributes[MERGED_INTO_ATTRIBUTE];
    if (typeof into === 'string' && units.get(homeOf(model, into, r))?.get(into)?.judged) {
      const u = units.get(r.sourceFile)?.get(r.address);
      if (u) u.judged = true;
    }
  }
  return new Map([...units].map(([file, inFile]) => [file, [...inFile.values()]]));
}

/** One file's coverage, from its counts per type. */
function fileCoverage(file: string, types: TypeCounts, input: ModelInput | undefined): FileCoverage {
  let resources = 0;
  let judged = 0;
  for (const t of types.values()) {
    resources += t.resources;
    judged += t.judged;
  }
  return {
    file,
    ...(input ? { format: input.format } : {}),
    resources,
    judged,
    notJudged: resources - judged,
    byType: Object.fromEntries([...types.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    moduleCalls: input?.moduleCalls ?? [],
    notCreated: input?.notCreated ?? [],
    nestedStacks: input?.nestedStacks ?? [],
    ...(input?.format === 'terraform-json' && input.configuration !== undefined && OVERRIDE_FILE.test(file) ? { overrides: input.configuration } : {}),
  };
}

/** `override.tf.json` and `*_override.tf.json`, OpenTofu's `.tofu.json` too (isOverrideFile of load-terraform), by the file's name. */
const OVERRIDE_FILE = /(?:^|\/)(?:override|[^/]*_override)\.(?:tf|tofu)\.json$/;

/** The types of a file or a run that no rule judged, most resources first: `[['aws_instance', 3], ...]`. */
export function unjudgedTypes(files: readonly Pick<FileCoverage, 'byType'>[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of files) {
    for (const [type, t] of Object.entries(f.byType)) if (t.resources > t.judged) counts.set(type, (counts.get(type) ?? 0) + t.resources - t.judged);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Why a run judged nothing, in one line: `12 resources of 3 types (aws_instance 10, ...); no
 * rule applies to them; 2 module calls not followed (module.net, module.db)`.
 */
export function nothingJudgedReason(c: InputCoverage): string {
  const parts: string[] = [];
  if (c.resources === 0) parts.push(c.files.length === 0 ? 'no input files' : `no resources in ${count(c.files.length, 'input file')}`);
  else {
    const types = unjudgedTypes(c.files);
    const shown = types.slice(0, 5).map(([t, n]) => `${t} ${n}`).join(', ');
    parts.push(`${count(c.resources, 'resource')} of ${count(types.length, 'type')} (${shown}${types.length > 5 ? `, ${types.length - 5} more` : ''}); no rule applies to ${c.resources === 1 ? 'it' : 'them'}`);
  }
  if (c.moduleCallsNotFollowed.length > 0) parts.push(moduleCallsLine(c.moduleCallsNotFollowed));
  if (c.nestedStacksNotFollowed?.length) parts.push(nestedStacksLine(c.nestedStacksNotFollowed));
  return parts.join('; ');
}

/** `1 nested stack not followed, its template not read (Audit: TemplateURL https://...)`. */
export function nestedStacksLine(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return `${count(names.length, 'nested stack')} not followed, ${names.length === 1 ? 'its template' : 'their templates'} not read (${shown}${names.length > 5 ? `, ${names.length - 5} more` : ''})`;
}

/** `2 module calls not followed (module.net, module.db)`. */
export function moduleCallsLine(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return `${count(names.length, 'module call')} not followed (${shown}${names.length > 5 ? `, ${names.length - 5} more` : ''})`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The type of a Terraform address: `module.a[0].aws_s3_bucket_versioning.v` gives `aws_s3_bucket_versioning`. */
function terraformTypeOf(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  let i = 0;
  while (parts[i] === 'module') i += 2;
  return parts[i] === 'data' ? parts[i + 1] : parts[i];
}
