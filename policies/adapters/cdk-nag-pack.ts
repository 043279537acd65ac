import * as path from 'path';
import { App, AspectPriority, Aspects, CfnResource, IAspect, IPolicyValidationContext, NestedStack, PolicyValidationPluginReport, PolicyViolation, Stack, Stage } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { InputError, printable } from '../engine/errors';
import { NestedLink, linkNestedTemplates, loadPaths, loadStackTemplate } from '../engine/loader';
import { RunResult } from '../engine/runner';
import { Finding, Rule, Suppression } from '../engine/types';
import { LoadedTemplate } from '../engine/template';
import { AWS_RULES } from '../rules/aws';
import { MirrorCdkAcknowledgements, cdkAcknowledgementIndex, cdkAcknowledgementsOf, cdkWaiverAt, refuseUnmirroredAcknowledgements } from './cdk-acknowledge';
import { InSynthCheckOptions, failsSynth, findingText, internalFailureText, logAcknowledged, logOf, runInSynth } from './in-synth';

/** The props of a cdk-nag pack, and the options of the kit's checks. */
export interface ForensicReadinessChecksProps extends NagPackProps, InSynthCheckOptions {}

/**
 * The kit's rules as a cdk-nag 3 pack and CDK policy-validation plugin:
 * `Validations.of(app).addPlugins(new ForensicReadinessChecks(app))` fails `cdk synth` on an
 * error finding, naming the construct path, the rule and the fix; or call
 * `new ForensicReadinessChecks().validateScope(stack)` directly (tests).
 *
 * Unlike per-node cdk-nag rules, these rules look across resources (the trail writes into a
 * locked bucket; every VPC has a flow log), so the pack judges whole templates with the policy
 * engine: `validate` loads the synthesized templates (nested stacks and cross-stack
 * Fn::ImportValue included), `validateScope` renders each stack's template from the construct
 * tree. Acknowledge a finding with `acknowledgeRule(construct, ruleId, reason)`: it is written into
 * the template, so `forensic-readiness check cdk.out` agrees with synth. A CDK acknowledgement
 * `Validations.of(c).acknowledge({ id: 'ForensicReadiness::<ruleId>', reason })` is mirrored into
 * the template the same way when the pack is given a scope (in the Stages synthesized with it too);
 * one it could not mirror (given too late, in a Stage synthesized earlier) fails synth when it
 * validates, as does a finding CDK would waive that its template does not acknowledge. As a plugin
 * given no scope, it fails synth on any such acknowledgement (and on an app it cannot see), rather
 * than let CDK waive unseen.
 */
export class ForensicReadinessChecks extends NagPack {
  /** The plugin's name, as CDK's policy validation reports it. */
  public readonly name = 'ForensicReadiness';
  /** The ids of the rules it runs. */
  public readonly ruleIds: string[];
  private readonly rules: readonly Rule[];
  private readonly options: ForensicReadinessChecksProps;
  private readonly scope?: IConstruct;

  constructor(scope?: IConstruct, props: ForensicReadinessChecksProps = {}) {
    super(scope, props);
    this.scope = scope;
    this.packName = 'ForensicReadiness';
    this.rules = props.rules ?? AWS_RULES;
    this.ruleIds = this.rules.map((r) => r.id);
    this.options = props;
    if (scope) {
      const mirror = new MirrorCdkAcknowledgements(this.packName);
      // Late, so an acknowledgement another Aspect (of the default priority) gives is seen; one given
      // later still is refused when the plugin validates.
      Aspects.of(scope).add(mirror, { priority: MIRROR_PRIORITY });
      if (Stage.isStage(scope)) mirrorInNestedStages(scope, mirror);
    }
  }

  /**
   * Called by CDK synthesis with the paths of the synthesized templates. `cdk synth` passes them
   * relative to the working directory (`cdk.out/X.template.json`) or absolute, as its output
   * folder was given. It never throws: CDK records a throwing plugin only in
   * validation-report.json and lets synth pass, so an internal error becomes a failing violation,
   * a line on stderr and a non-zero exit code (fail closed).
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    try {
      const app = (context as { appConstruct?: IConstruct }).appConstruct ?? this.scope?.node.root;
      if (!this.scope) this.refuseUnmirrored(app);
      const listed = context.templatePaths.map((p) => path.resolve(p));
      let { cwd, templates } = loadTemplates(listed);
      // A nested stack's template is found through the asset metadata of its parent's
      // AWS::CloudFormation::Stack; without it (--no-asset-metadata, an app.synth() outside the
      // CLI) the plugin is given the parent only, and would judge nothing of the nested stack.
      const leftOut = app ? nestedTemplatesLeftOut(app, listed, new Set(templates.map((t) => path.resolve(cwd, t.file)))) : [];
      if (leftOut.length > 0) ({ cwd, templates } = loadTemplates([...listed, ...leftOut]));
      const absolute = new Map(templates.map((t) => [t.file, path.resolve(cwd, t.file)]));
      const escaped = app ? escapedConstructPaths(app) : new Map<string, string>();
      const judged = this.scope && app ? this.refuseUnmirroredIn(app, templates, absolute) : undefined;
      const report = this.report(
        templates,
        (f) => {
          const templatePath = absolute.get(f.file) ?? f.file;
          // A construct path with control characters is given escaped: aws-cdk-lib prints the path it is given, or the raw one it infers.
          const constructPath = escaped.get(`${path.basename(templatePath)}\u0000${f.address}`);
          return { resourceLogicalId: f.address, templatePath, locations: ['Properties'], ...(constructPath ? { constructPath } : {}) };
        },
        (f) => `${absolute.get(f.file) ?? f.file} ${f.address}`,
        judged,
      );
      if (!frameworkPrintsAndFails(app)) this.reportItself(report, app);
      return report;
    } catch (err) {
      return this.internalFailure(err, context.templatePaths);
    }
  }

  /**
   * Judge the stacks in (or around) a scope from the construct tree, without synthesizing the app.
   * Synthesis applies Aspects before it renders a template, so validateScope applies them first,
   * as synthesis does, each made to visit a node once only: the synthesis of the app that follows
   * does not apply them again. After synthesis it judges the tree as synthesis left it.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    const stacks = new Set<Stack>(scope.node.findAll().filter((c): c is Stack => Stack.isStack(c)));
    const outer = Stack.isStack(scope) ? undefined : tryStackOf(scope);
    if (outer) stacks.add(outer);
    applyAspectsAsSynthWould(stacks);
    const paths = new Map<string, string>();
    const templates: LoadedTemplate[] = [];
    const placeOf = new Map<Stack, number>();
    const rendered: unknown[] = [];
    for (const stack of stacks) {
      const file = `${stack.artifactId}.template.json`;
      // Stack._toCloudFormation is what synthesis itself calls to render the template.
      const template = (stack as unknown as { _toCloudFormation(): unknown })._toCloudFormation();
      // A nested stack's template, as rendered, for the link to its parent (which loads it again, changed).
      rendered.push(stack.nestedStackParent ? JSON.stringify(template) : undefined);
      placeOf.set(stack, templates.length);
      // An empty stack (`new Stack(app, 'Placeholder')`, an empty NestedStack) renders without Resources: 0 resources.
      templates.push(loadStackTemplate(template, file, 'cloudformation'));
      for (const c of stack.node.findAll()) {
        if (CfnResource.isCfnResource(c) && Stack.of(c) === stack) paths.set(`${file}\u0000${stack.resolve(c.logicalId)}`, c.node.path);
      }
    }
    // A nested stack's parameters are the values its parent passes (as `check cdk.out` reads them).
    const links: NestedLink[] = [];
    for (const [stack, child] of placeOf) {
      const parent = stack.nestedStackParent ? placeOf.get(stack.nestedStackParent) : undefined;
      const resource = (stack as NestedStack).nestedStackResource;
      if (parent === undefined || !resource || !stack.nestedStackParent) continue;
      const id = stack.nestedStackParent.resolve(resource.logicalId);
      if (typeof id === 'string') links.push({ parent, stack: id, child });
    }
    linkNestedTemplates(templates, links, (i) => ({ doc: JSON.parse(rendered[i] as string) }));
    const under = `${scope.node.path}/`;
    const inScope = (p: string | undefined): boolean => !!p && (scope.node.path === '' || p === scope.node.path || p.startsWith(under));
    const pathOf = (f: Finding): string | undefined => {
      const constructPath = paths.get(`${f.file}\u0000${f.address}`);
      return inScope(constructPath) ? constructPath : undefined;
    };
    return this.report(
      templates,
      (f) => {
        const constructPath = pathOf(f);
        return constructPath ? { constructPath, locations: ['Properties'] } : undefined;
      },
      pathOf,
    );
  }

  /** Per-node hook of NagPack: unused, every rule runs over whole templates in validate/validateScope. */
  protected checkResource(_node: CfnResource): void {}

  private report(
    templates: readonly LoadedTemplate[],
    locate: (f: Finding) => PolicyViolation['violatingResources'][number] | undefined,
    where: (f: Finding) => string | undefined,
    check?: (result: RunResult) => void,
  ): PolicyValidationPluginReport {
    const result = runInSynth(templates, this.rules, this.options);
    check?.(result);
    logAcknowledged(result, this.options, where);
    const rules = new Map(this.rules.map((r) => [r.id, r]));
    const violations: PolicyViolation[] = [];
    let success = true;
    for (const f of result.findings) {
      const where = locate(f);
      if (!where) continue;
      const fails = failsSynth(f, this.options.failOn);
      if (fails) success = false;
      const rule = rules.get(f.ruleId);
      violations.push({
        ruleName: f.ruleId,
        // CDK prints the description as it is: printable, as every line of the kit.
        description: printable(findingText(f, rule, false)),
        fix: rule?.fix ?? 'see RULES.md',
        severity: fails ? 'error' : 'warning',
        violatingResources: [where],
        ruleMetadata: { evidenceSource: rule?.evidenceSource ?? '', resource: printable(`${f.address} (${f.resourceType})`) },
      });
    }
    return { success, violations };
  }

  /**
   * Says the report on stderr and fails the app process itself when the framework leaves the
   * report to the CDK CLI (the CLI sets `@aws-cdk/core:failSynthOnValidationErrors: false`), since
   * no CLI can be trusted with it: on aws-cdk-lib 2.257 the CLI never reads the report the app
   * writes (policy-validation-report.json); on 2.276 it reads validation-report.json but shows and
   * fails on the stacks it selected only, and a plain `cdk synth` selects none inside a Stage (CDK
   * Pipelines). A failing report: every finding, one line each, and exit code 1 (the CLI then
   * prints "Subprocess exited with error 1" and not its own report, so nothing is said twice).
   * A passing one: its warnings, except those the CLI of an aws-cdk-lib that hands it the report
   * shows by default (stacks of the top-level assembly).
   */
  private reportItself(report: PolicyValidationPluginReport, app: IConstruct | undefined): void {
    const log = logOf(this.options);
    const paths = app ? cfnConstructPaths(app) : new Map<string, string>();
    const rootFolder = app && App.isApp(app) ? path.resolve(app.outdir) : undefined;
    const cliShows = (r: PolicyViolation['violatingResources'][number]): boolean =>
      frameworkReportsValidationToCli() && rootFolder !== undefined && r.templatePath !== undefined && path.dirname(path.resolve(r.templatePath)) === rootFolder;
    for (const v of report.violations) {
      for (const r of v.violatingResources) {
        if (report.success && cliShows(r)) continue;
        const where = r.constructPath ?? paths.get(`${path.basename(r.templatePath ?? '')}\u0000${r.resourceLogicalId}`) ?? `${path.basename(r.templatePath ?? '')} ${r.resourceLogicalId}`;
        log(`forensic-readiness: ${v.severity === 'error' ? '' : 'warning: '}[${where}] ${v.description}. Fix: ${v.fix}`);
      }
    }
    if (report.success) return;
    log('forensic-readiness: synth fails on the findings above (exit code 1, set by the kit: the CDK CLI does not show or fail on the validation report of every stack)');
    process.exitCode = 1;
  }

  /**
   * Without a scope the pack installs no Aspect to mirror CDK acknowledgements of its rules into the
   * templates: CDK would waive the findings in synth while `forensic-readiness check cdk.out` reports
   * them. So any such acknowledgement, and an app it cannot see (an aws-cdk-lib that passes plugins
   * no app), is an error: the checks did not run.
   */
  private refuseUnmirrored(app: IConstruct | undefined): void {
    const fix = `create them with \`new ForensicReadinessChecks(app)\`, which writes a resource's acknowledgement into its template`;
    if (!app) throw new InputError(`the checks were given no scope, and this aws-cdk-lib passes plugins no app, so a CDK acknowledgement of a kit rule (Validations.of(c).acknowledge) would waive findings unseen: ${fix}`);
    const [first, ...more] = cdkAcknowledgementsOf(app, this.packName);
    if (!first) return;
    throw new InputError(`${first.id} is acknowledged with Validations on ${first.path}${more.length > 0 ? ` (and ${more.length} more)` : ''}, and the checks were given no scope: ${fix}`);
  }

  /**
   * Given a scope, the plugin mirrors CDK acknowledgements into the templates with an Aspect; what
   * it cannot have mirrored fails synth here, when every Aspect, node validation and nested Stage
   * has run: an acknowledgement of a kit rule missing from the template it judges (given too late,
   * or in a Stage synthesized before the app), one on a stack, a stage or the app, and, once the
   * rules ran (the check returned), a finding CDK would waive by an acknowledgement above it (on an
   * L2 whose defaultChild is another resource) that its template does not acknowledge.
   */
  private refuseUnmirroredIn(app: IConstruct, templates: readonly LoadedTemplate[], absolute: ReadonlyMap<string, string>): (result: RunResult) => void {
    const inTemplates = new Map<string, readonly Suppression[]>();
    for (const t of templates) for (const r of t.resources) inTemplates.set(`${absolute.get(t.file) ?? t.file}\u0000${r.address}`, r.suppressions);
    const cfnPaths = new Map<string, string>();
    const keyOf = new Map<CfnResource, string>();
    for (const c of app.node.findAll()) {
      if (!CfnResource.isCfnResource(c)) continue;
      const key = templateKeyOf(c);
      if (key === undefined) continue;
      keyOf.set(c, key);
      cfnPaths.set(key, c.node.path);
    }
    refuseUnmirroredAcknowledgements(app, this.packName, (cfn) => {
      const key = keyOf.get(cfn);
      return key === undefined ? undefined : inTemplates.get(key);
    });
    const index = cdkAcknowledgementIndex(app, this.packName);
    return (result) => {
      if (index.size === 0) return;
      for (const f of result.findings) {
        const at = cfnPaths.get(`${absolute.get(f.file) ?? f.file}\u0000${f.address}`);
        const given = at === undefined ? undefined : cdkWaiverAt(index, this.packName, f.ruleId, at);
        if (given === undefined) continue;
        throw new InputError(
          `${this.packName}::${f.ruleId} is acknowledged with Validations on ${given || '(the app)'}, which CDK applies to ${at} below it too, and its template does not acknowledge it there (an acknowledgement on an L2 is written on its defaultChild only): acknowledge ${at} itself, or fix the finding`,
        );
      }
    };
  }

  /** A failing report CDK prints and fails synth on, plus a line on stderr and exit code 1. */
  private internalFailure(err: unknown, templatePaths: readonly string[]): PolicyValidationPluginReport {
    const text = printable(internalFailureText(err));
    logOf(this.options)(text);
    process.exitCode = 1;
    return {
      success: false,
      violations: [
        {
          ruleName: INTERNAL_ERROR_RULE,
          description: text,
          fix: 'Run `npx forensic-readiness check cdk.out` to see the error; report it if it is the kit\'s.',
          severity: 'error',
          violatingResources: templatePaths.map((templatePath) => ({ templatePath: path.resolve(templatePath), resourceLogicalId: '(template)', locations: [] })),
        },
      ],
    };
  }
}

/** The rule name of the violation a plugin that could not run reports; it cannot be acknowledged away by a rule id. */
export const INTERNAL_ERROR_RULE = 'ForensicReadiness.ChecksDidNotRun';

/**
 * The priority of the Aspect that mirrors CDK acknowledgements into the templates: after Aspects of
 * the default and mutating priorities, whose acknowledgements it then sees.
 */
const MIRROR_PRIORITY = AspectPriority.READONLY;

/**
 * Synthesis applies an app's Aspects to no construct inside a nested Stage, and synthesizes each
 * nested Stage before it applies them. So when the app (or a Stage) the plugin is given is
 * synthesized, the mirroring Aspect is first added to every Stage below it not yet synthesized (the
 * tree is complete then); the acknowledgements in a Stage synthesized earlier are not mirrored, and
 * the plugin fails synth on them when it validates.
 */
function mirrorInNestedStages(scope: Stage, mirror: IAspect): void {
  const synth = scope.synth;
  Object.defineProperty(scope, 'synth', {
    configurable: true,
    writable: true,
    value: function (this: Stage, ...args: Parameters<Stage['synth']>): ReturnType<Stage['synth']> {
      for (const c of scope.node.findAll()) {
        if (c !== scope && Stage.isStage(c) && !Aspects.of(c).all.includes(mirror)) Aspects.of(c).add(mirror, { priority: MIRROR_PRIORITY });
      }
      return synth.apply(this, args);
    },
  });
}

/** `<absolute template path>\u0000<logical id>` of a synthesized CfnResource, or undefined outside a Stage. */
function templateKeyOf(cfn: CfnResource): string | undefined {
  const stack = Stack.of(cfn);
  const stage = Stage.of(stack);
  if (!stage) return undefined;
  return `${path.resolve(stage.outdir, stack.templateFile)}\u0000${stack.resolve(cfn.logicalId)}`;
}

/** The context key by which the CDK CLI tells the app to leave the validation report to it. */
const FAIL_SYNTH_ON_VALIDATION_ERRORS = '@aws-cdk/core:failSynthOnValidationErrors';

/**
 * Whether aws-cdk-lib itself prints the validation report and fails synth on it: when the app runs
 * outside the CDK CLI (`node bin/app.js`, `app.synth()` in a test). Under the CLI, or when the app
 * is not known (a plugin given no scope on aws-cdk-lib 2.257), no: the kit then says it itself.
 */
export function frameworkPrintsAndFails(app: IConstruct | undefined): boolean {
  if (!app) return false;
  const raw: unknown = app.node.tryGetContext(FAIL_SYNTH_ON_VALIDATION_ERRORS);
  return raw !== false && raw !== 'false';
}

/** The construct path of every CfnResource of an app, by `<template file name>\u0000<logical id>`. */
function cfnConstructPaths(app: IConstruct): Map<string, string> {
  const paths = new Map<string, string>();
  for (const c of app.node.findAll()) {
    if (!CfnResource.isCfnResource(c)) continue;
    const stack = Stack.of(c);
    paths.set(`${stack.templateFile}\u0000${stack.resolve(c.logicalId)}`, c.node.path);
  }
  return paths;
}

/**
 * The construct paths of the app's CfnResources that hold a character printable escapes (a
 * construct id may hold any but `/`), escaped, by `<template file name>\u0000<logical id>`. The
 * violation names them so: given no construct path, aws-cdk-lib looks the resource up and prints
 * its path raw, and an id holding `\u001b[2J` would clear the terminal. (Such a path names no
 * construct of the tree, so the report shows no construct trace for it.)
 */
function escapedConstructPaths(app: IConstruct): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, constructPath] of cfnConstructPaths(app)) {
    const safe = printable(constructPath);
    if (safe !== constructPath) out.set(key, safe);
  }
  return out;
}

/**
 * Whether this aws-cdk-lib writes validation-report.json, which the CDK CLI reads and fails on.
 * Older 2.x versions (before the name appears in cx-api) write only policy-validation-report.json.
 */
export function frameworkReportsValidationToCli(): boolean {
  return typeof (cxapi as { VALIDATION_REPORT_FILE?: unknown }).VALIDATION_REPORT_FILE === 'string';
}

/** Where an Aspect guarded by validateScope keeps the nodes it has visited. */
const VISITED = Symbol.for('forensic-readiness:aspect-visited-nodes');

/**
 * Makes an Aspect visit each node once, whoever calls it: validateScope first, synthesis after
 * (synthesis guards against a second visit only within one pass). False when the Aspect cannot be
 * guarded (a frozen object).
 */
function visitOnce(aspect: IAspect): boolean {
  const guarded = aspect as IAspect & { [VISITED]?: WeakSet<IConstruct> };
  if (guarded[VISITED]) return true;
  const visit = guarded.visit;
  const seen = new WeakSet<IConstruct>();
  try {
    Object.defineProperty(guarded, 'visit', {
      configurable: true,
      writable: true,
      value: function (this: unknown, node: IConstruct): void {
        if (seen.has(node)) return;
        seen.add(node);
        visit.call(this, node);
      },
    });
    Object.defineProperty(guarded, VISITED, { value: seen });
  } catch {
    return false;
  }
  return guarded[VISITED] === seen;
}

/** The Aspects of a node with their priorities, as synthesis reads them. */
function applicationsOf(node: IConstruct): { aspect: IAspect; priority: number }[] {
  const aspects = Aspects.of(node);
  return aspects.applied ?? aspects.all.map((aspect) => ({ aspect, priority: AspectPriority.DEFAULT }));
}

/** Synthesis's order: by priority, an inherited Aspect before a local one of the same priority. */
function byPriority<T extends { priority: number }>(inherited: readonly T[], local: readonly T[]): T[] {
  return [...inherited, ...local].sort((a, b) => a.priority - b.priority || Number(local.includes(a)) - Number(local.includes(b)));
}

/**
 * Applies to the nodes of these stacks the Aspects synthesis would apply, as synthesis applies
 * them (aws-cdk-lib's invokeAspects: those of the stack's Stage and of every scope down to the
 * node, by priority; never across a nested Stage), when their Stage has not been synthesized yet.
 * Each Aspect is first made to visit a node once only, so the synthesis that follows does not
 * apply it again; one that cannot be guarded is refused, naming it.
 */
function applyAspectsAsSynthWould(stacks: ReadonlySet<Stack>): void {
  const recurse = (c: IConstruct, inherited: readonly { aspect: IAspect; priority: number }[]): void => {
    const here = byPriority(inherited, applicationsOf(c));
    for (const { aspect } of here) {
      if (!visitOnce(aspect)) {
        throw new InputError(`validateScope: the Aspect ${aspect.constructor?.name || '(anonymous)'} (applied to ${c.node.path || 'the app root'}) cannot be made to visit each node once only (a frozen object); synthesize first (app.synth() or Template.fromStack(stack)), then call validateScope, which judges the tree as synthesis left it`);
      }
      aspect.visit(c);
    }
    for (const child of c.node.children) if (!Stage.isStage(child)) recurse(child, here);
  };
  for (const stack of stacks) {
    const stage = Stage.of(stack);
    if (stage && (stage as unknown as { assembly?: unknown }).assembly !== undefined) continue;
    const scopes = stack.node.scopes;
    let inherited: { aspect: IAspect; priority: number }[] = [];
    for (const s of scopes.slice(stage ? Math.max(scopes.indexOf(stage), 0) : 0, -1)) inherited = byPriority(inherited, applicationsOf(s));
    recurse(stack, inherited);
  }
}

function tryStackOf(scope: IConstruct): Stack | undefined {
  try {
    return Stack.of(scope);
  } catch {
    return undefined;
  }
}

/** Loads templates by absolute path, relative to the deepest folder holding them all. */
function loadTemplates(absolutePaths: readonly string[]): { cwd: string; templates: readonly LoadedTemplate[] } {
  const cwd = commonFolder(absolutePaths);
  // Each is a stack template of the assembly: one without Resources is an empty stack, not an error.
  return { cwd, templates: loadPaths(absolutePaths.map((p) => path.relative(cwd, p)), { cwd, assemblyStacks: true }).templates };
}

/**
 * The templates of the app's nested stacks under the listed stack templates that loading them did
 * not reach: a nested template is written beside its top-level stack's (`<id>.nested.template.json`).
 */
function nestedTemplatesLeftOut(app: IConstruct, listed: readonly string[], loaded: ReadonlySet<string>): string[] {
  const byName = new Map(listed.map((p) => [path.basename(p), p]));
  const out: string[] = [];
  for (const c of app.node.findAll()) {
    if (!Stack.isStack(c) || !c.nestedStackParent) continue;
    let top: Stack = c;
    while (top.nestedStackParent) top = top.nestedStackParent;
    const parentFile = byName.get(top.templateFile);
    if (!parentFile) continue;
    const file = path.join(path.dirname(parentFile), c.templateFile);
    if (!loaded.has(file) && !out.includes(file)) out.push(file);
  }
  return out;
}

/** The deepest folder holding every path: report paths stay short and unambiguous. */
function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return process.cwd();
  let common = path.dirname(path.resolve(paths[0]));
  for (const p of paths) {
    while (!`${path.resolve(p)}`.startsWith(`${common}${path.sep}`) && common !== path.dirname(common)) common = path.dirname(common);
  }
  return common;
}
