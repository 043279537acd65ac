import { InputCoverage, inputCoverageOfMarks } from './input-coverage';
import { ResourceModel } from './model';
import { DEFAULT_RULE_CONFIG, Finding, Judgement, OVERRIDDEN_BY_ATTRIBUTE, Resource, Rule, RuleConfig, RuleContext, Severity, Verdict, planDestroys } from './types';
import { UNRESOLVED_WHY_ATTRIBUTE } from './unresolved';

/** One rule's verdict on one resource, whatever it was (the coverage matrix counts compliant ones too). */
export interface Evaluation {
  /** The rule that judged. */
  readonly ruleId: string;
  /** The resource it judged. */
  readonly resource: Resource;
  /** Its verdict. */
  readonly verdict: Verdict;
  /**
   * Whether the rule judged the resource (its check ran, or the rule failed closed), rather than
   * its isApplicable leaving it aside. The coverage of the input counts these.
   */
  readonly applied: boolean;
}

/** What runRules returns: the findings, every evaluation, and the rules and thresholds used. */
export interface RunResult {
  /** Findings that count: NON_COMPLIANT at the rule's severity, UNKNOWN as warnings. Sorted. */
  readonly findings: readonly Finding[];
  /** Findings acknowledged on their resource: listed in every report, failing nothing. */
  readonly suppressed: readonly Finding[];
  /** Every judgement made, in rule order (built on first read from the run's compact record of its visits). */
  readonly evaluations: readonly Evaluation[];
  /** The rules that ran, in order. */
  readonly rules: readonly Rule[];
  /** The thresholds used: the defaults, with the given overrides. */
  readonly config: RuleConfig;
  /** Resources in the model. */
  readonly resources: number;
  /** What was judged of the input: per file, resources judged and not, by type; module calls not followed. */
  readonly inputCoverage: InputCoverage;
}

/** The counts of a run. */
export interface Summary {
  /** Resources in the model. */
  readonly resources: number;
  /** Findings that count at severity `error`. */
  readonly errors: number;
  /** Findings that count at severity `warning` (UNKNOWN values included). */
  readonly warnings: number;
  /** Acknowledged findings. */
  readonly suppressed: number;
}

/** Which findings fail a run: `error` (the default), `warning` (errors and warnings), `never`. */
export type FailOn = 'error' | 'warning' | 'never';
/** Every FailOn value. */
export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'never'];

const VERDICTS = new Set<Verdict>(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'UNKNOWN']);
const NOT_APPLICABLE: Judgement = Object.freeze({ verdict: 'NOT_APPLICABLE', reason: 'not applicable' });

/**
 * The visits of one rule over the resources of one type, recorded compactly: one code per resource
 * of `resources` (the model's list, not a copy), not one object per visit (a run makes ~100k).
 */
interface VisitSpan {
  readonly ruleId: string;
  readonly resources: readonly Resource[];
  /** Per resource: the verdict's index in VERDICT_OF_CODE, plus APPLIED when the rule judged it. */
  readonly codes: Uint8Array;
}
const VERDICT_OF_CODE: readonly Verdict[] = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'UNKNOWN'];
const APPLIED = 4;

/** A verdict's index in VERDICT_OF_CODE. */
function codeOf(v: Verdict): number {
  return v === 'COMPLIANT' ? 0 : v === 'NON_COMPLIANT' ? 1 : v === 'NOT_APPLICABLE' ? 2 : 3;
}

/**
 * Run rules over a model: for each rule, for each resource of its `appliesTo` types,
 * isApplicable then check. Fails closed: a rule that throws (or returns something that is not a
 * judgement) gives a NON_COMPLIANT finding at its severity naming the error. UNKNOWN is a
 * warning. An acknowledged finding (a suppression of that rule on that resource) fails nothing.
 */
export function runRules(model: ResourceModel, rules: readonly Rule[], config: Partial<RuleConfig> = {}): RunResult {
  const cfg: RuleConfig = { ...DEFAULT_RULE_CONFIG, ...config };
  const ctx: RuleContext = { model, config: cfg };
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const spans: VisitSpan[] = [];
  // Per list of a type's resources (model.ofType gives one list per type): which of them a rule
  // judged, by position. Marked per visit in a typed array, which the input coverage counts (see
  // inputCoverageOfMarks): a visit per (rule, resource) is ~5x as many adds into a Set of thousands.
  const judgedAt = new Map<readonly Resource[], Uint8Array>();
  const worlds = model.uncertainExistence().length > 0 || model.deployParameters().length > 0 || model.ignoredChanges().length > 0 ? new Worlds(model) : undefined;
  for (const rule of rules) {
    // A type listed twice must not judge its resources twice.
    const types = rule.appliesTo.length > 1 ? [...new Set(rule.appliesTo)] : rule.appliesTo;
    for (const type of types) {
      const resources = model.ofType(type);
      if (resources.length === 0) continue;
      const codes = new Uint8Array(resources.length);
      spans.push({ ruleId: rule.id, resources, codes });
      let marks = judgedAt.get(resources);
      if (!marks) judgedAt.set(resources, (marks = new Uint8Array(resources.length)));
      for (let i = 0; i < resources.length; i++) {
        const resource = resources[i];
        let j = judgeSafely(rule, resource, ctx);
        // A pass must hold whether or not the deploy creates the resources only it decides.
        if (worlds && (j.verdict === 'COMPLIANT' || j.verdict === 'NOT_APPLICABLE')) j = inEveryWorld(rule, resource, j, worlds, cfg);
        const applied = j !== NOT_APPLICABLE;
        codes[i] = codeOf(j.verdict) + (applied ? APPLIED : 0);
        if (applied) marks[i] = 1;
        if (j.verdict !== 'NON_COMPLIANT' && j.verdict !== 'UNKNOWN') continue;
        const ack = resource.suppressions.length > 0 ? resource.suppressions.find((s) => s.ruleId === rule.id) : undefined;
        const finding: Finding = {
          ruleId: rule.id,
          severity: j.verdict === 'UNKNOWN' ? 'warning' : rule.severity,
          verdict: j.verdict,
          address: resource.address,
          resourceType: resource.translatedFrom?.type ?? resource.type,
          file: resource.sourceFile,
          constructPath: resource.constructPath,
          message: withPlanDestroys(withOverrides(withCompeting(withUnresolvedWhy(resource.translatedFrom?.names ? withInputNames(j.reason, resource.translatedFrom.names) : j.reason, j, resource), resource), resource), resource),
          suppressed: ack,
        };
        (ack ? suppressed : findings).push(finding);
      }
    }
  }
  let evaluations: readonly Evaluation[] | undefined;
  return {
    findings: sortFindings(findings),
    suppressed: sortFindings(suppressed),
    // Built on first read: only the JUnit report and tests read every evaluation.
    get evaluations(): readonly Evaluation[] {
      return (evaluations ??= evaluationsOf(spans));
    },
    rules,
    config: cfg,
    resources: model.resources.length,
    // The resources at least one rule judged: all the coverage of the input needs of the visits.
    inputCoverage: inputCoverageOfMarks(model, judgedAt),
  };
}

/**
 * The models of a run's inputs as the deploy may make them otherwise, built on first use and shared
 * by the rules: one without each group of resources whose existence only the deploy decides, one
 * without all of them, and one where the CloudFormation parameters the deploy may set have no
 * default. `what` says, for a reason, what only the deploy decides there.
 */
class Worlds {
  private built?: readonly World[];

  constructor(private readonly model: ResourceModel) {}

  public list(): readonly World[] {
    if (this.built) return this.built;
    const groups = this.model.uncertainExistence();
    const choices = groups.map((g) => [g]);
    if (groups.length > 1) choices.push([...groups]);
    const worlds: World[] = choices.map((without) => ({
      what: `whether ${without.map((g) => `${listed(g.addresses)} (${g.decidedBy})`).join(', ')} ${without.length === 1 && without[0].addresses.length === 1 ? 'is' : 'are'} created`,
      otherwise: 'without',
      model: this.model.withoutExistence(without),
    }));
    const parameters = this.model.deployParameters();
    if (parameters.length > 0) {
      const named = parameters.map((p) => `${p.name} (default ${JSON.stringify(p.value)})`);
      worlds.push({ what: `${parameters.length === 1 ? 'parameter' : 'parameters'} ${listed(named)} (--parameters may set another value)`, otherwise: 'with another value', model: this.model.withoutDeployDefaults() });
    }
    const ignored = this.model.ignoredChanges();
    if (ignored.length > 0) {
      const named = ignored.map((i) => `${i.address} (${i.names === 'all' ? 'all' : i.names.join(', ')})`);
      worlds.push({
        what: `whether the arguments lifecycle.ignore_changes of ${listed(named)} names are set: Terraform sets them when it creates the resource, never on one that exists (imported, or changed outside Terraform)`,
        otherwise: 'with them unknown',
        model: this.model.withoutIgnoredChanges(),
      });
    }
    return (this.built = worlds);
  }
}

/** A model of the inputs as the deploy may make them, and what only the deploy decides there. */
interface World {
  readonly what: string;
  /** How a reason introduces the verdict there: `without`, `with another value`. */
  readonly otherwise: string;
  readonly model: ResourceModel;
}

/**
 * A COMPLIANT or NOT_APPLICABLE judgement that also holds in every world where the resource exists,
 * or UNKNOWN naming what only the deploy decides and what the other world gives.
 */
function inEveryWorld(rule: Rule, resource: Resource, j: Judgement, worlds: Worlds, config: RuleConfig): Judgement {
  for (const { what, otherwise, model } of worlds.list()) {
    const same = counterpart(model, resource);
    if (!same) continue; // the resource itself is not created there
    const w = judgeSafely(rule, same, { model, config });
    if (w.verdict === 'COMPLIANT' || w.verdict === 'NOT_APPLICABLE') continue;
    const passed = j === NOT_APPLICABLE ? 'not applicable' : j.reason;
    return { verdict: 'UNKNOWN', reason: `${passed}, but only the deploy decides ${what}; ${otherwise}: ${w.reason}` };
  }
  return j;
}

/** The resource of another model of the same inputs at the same file, address and type. */
function counterpart(model: ResourceModel, r: Resource): Resource | undefined {
  const at = model.byAddress(r.address, r);
  if (at && at.sourceFile === r.sourceFile && at.type === r.type) return at;
  return model.ofType(r.type).find((x) => x.sourceFile === r.sourceFile && x.address === r.address);
}

/** A few addresses, then how many more. */
function listed(addresses: readonly string[]): string {
  return addresses.length <= 3 ? addresses.join(', ') : `${addresses.slice(0, 3).join(', ')} and ${addresses.length - 3} more`;
}

/** The evaluations a run's visits stand for, in rule order. */
function evaluationsOf(spans: readonly VisitSpan[]): Evaluation[] {
  const list: Evaluation[] = [];
  for (const { ruleId, resources, codes } of spans) {
    for (let i = 0; i < resources.length; i++) {
      list.push({ ruleId, resource: resources[i], verdict: VERDICT_OF_CODE[codes[i] % APPLIED], applied: codes[i] >= APPLIED });
    }
  }
  return list;
}

/** An UNKNOWN reason with why the input's literals are UNRESOLVED, where the loader said (UNRESOLVED_WHY_ATTRIBUTE). */
function withUnresolvedWhy(reason: string, j: Judgement, resource: Resource): string {
  if (j.verdict !== 'UNKNOWN') return reason;
  const why = resource.attributes[UNRESOLVED_WHY_ATTRIBUTE];
  return Array.isArray(why) && why.length > 0 ? `${reason}; ${why.join('; ')}` : reason;
}

/** A reason about a translated resource, with the input's names of the properties it mentions: `... (Terraform: IsLogging is enable_logging)`. */
function withInputNames(reason: string, names: Readonly<Record<string, string>>): string {
  const said = Object.keys(names).filter((k) => wordPattern(k).test(reason));
  return said.length === 0 ? reason : `${reason} (Terraform: ${said.map((k) => `${k} is ${names[k]}`).join(', ')})`;
}

/**
 * A reason about a translated resource a setting of which several input resources state (in no
 * set order), naming them where the reason speaks of that setting: the value judged is the weakest
 * of theirs, or unknown, and not what any one of them says alone.
 */
function withCompeting(reason: string, resource: Resource): string {
  const competing = resource.translatedFrom?.competing;
  if (!competing) return reason;
  let out = reason;
  for (const c of competing) {
    if (!c.words.some((w) => reason.includes(w))) continue;
    const judged = c.weakest ? 'so the weakest of them, in each respect, is judged' : 'and none of them is the weakest in every respect, so it is unknown';
    out += ` (${c.setting} is set by ${c.by.join(' and ')}, which are applied in no set order and each replaces the other: only the last applied takes effect, ${judged})`;
  }
  return out;
}

/** A reason about a resource the plan destroys (PLAN_DESTROYS_ATTRIBUTE), saying so: the finding is about what the apply removes. */
function withPlanDestroys(reason: string, resource: Resource): string {
  const actions = planDestroys(resource);
  if (!actions) return reason;
  const what = actions.includes('create') ? `replaces it (actions ${actions.join(', ')}: the one that exists is destroyed)` : 'destroys it (action delete)';
  return `${reason} (the plan ${what})`;
}

/** A reason about a Terraform resource that override files were merged into, naming them: the file judged is not all the resource's text. */
function withOverrides(reason: string, resource: Resource): string {
  const by = resource.attributes[OVERRIDDEN_BY_ATTRIBUTE];
  return Array.isArray(by) && by.length > 0 ? `${reason} (as merged with ${by.join(', ')})` : reason;
}

/** `\\bName\\b` of a property name, compiled once per name (findings on translated resources ask for each). */
const WORD_PATTERNS = new Map<string, RegExp>();
function wordPattern(word: string): RegExp {
  let re = WORD_PATTERNS.get(word);
  if (!re) WORD_PATTERNS.set(word, (re = new RegExp(`\\b${word}\\b`)));
  return re;
}

/** One judgement, never an exception: errors and malformed results fail closed. */
export function judgeSafely(rule: Rule, resource: Resource, ctx: RuleContext): Judgement {
  try {
    if (rule.isApplicable && !rule.isApplicable(resource, ctx)) return NOT_APPLICABLE;
    const j = rule.check(resource, ctx);
    if (!j || typeof j !== 'object' || !VERDICTS.has(j.verdict) || typeof j.reason !== 'string') {
      return { verdict: 'NON_COMPLIANT', reason: `rule ${rule.id} returned no valid judgement (${describe(j)}), so it fails closed` };
    }
    return j;
  } catch (err) {
    return { verdict: 'NON_COMPLIANT', reason: `rule ${rule.id} threw an error, so it fails closed: ${errorText(err)}` };
  }
}

/** The counts of a run: resources, errors and warnings among the findings, acknowledged findings. */
export function summarize(result: Pick<RunResult, 'findings' | 'suppressed' | 'resources'>): Summary {
  let errors = 0;
  let warnings = 0;
  for (const f of result.findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { resources: result.resources, errors, warnings, suppressed: result.suppressed.length };
}

/** Whether the run fails at a threshold: the CLI exits 1 when this is true. */
export function fails(summary: Summary, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return summary.errors > 0 || (failOn === 'warning' && summary.warnings > 0);
}

function sortFindings(list: Finding[]): Finding[] {
  const sev = (s: Severity): number => (s === 'error' ? 0 : 1);
  return list.sort((a, b) => sev(a.severity) - sev(b.severity) || cmp(a.ruleId, b.ruleId) || cmp(a.file, b.file) || cmp(a.address, b.address));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 80) ?? String(v);
  } catch {
    return typeof v;
  }
}
