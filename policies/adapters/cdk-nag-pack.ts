import * as path from 'path';
import { Aspects, CfnResource, IPolicyValidationContext, PolicyValidationPluginReport, PolicyViolation, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { loadDocument, loadPaths } from '../engine/loader';
import { Finding, Rule } from '../engine/types';
import { LoadedTemplate } from '../engine/template';
import { AWS_RULES } from '../rules/aws';
import { MirrorCdkAcknowledgements } from './cdk-acknowledge';
import { InSynthCheckOptions, defaultLog, failsSynth, findingText, internalFailureText, logAcknowledged, runInSynth } from './in-synth';

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
 * the template the same way when the pack is given a scope.
 */
export class ForensicReadinessChecks extends NagPack {
  /** The plugin's name, as CDK's policy validation reports it. */
  public readonly name = 'ForensicReadiness';
  /** The ids of the rules it runs. */
  public readonly ruleIds: string[];
  private readonly rules: readonly Rule[];
  private readonly options: ForensicReadinessChecksProps;

  constructor(scope?: IConstruct, props: ForensicReadinessChecksProps = {}) {
    super(scope, props);
    this.packName = 'ForensicReadiness';
    this.rules = props.rules ?? AWS_RULES;
    this.ruleIds = this.rules.map((r) => r.id);
    this.options = props;
    if (scope) Aspects.of(scope).add(new MirrorCdkAcknowledgements(this.packName));
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
      const absolutePaths = context.templatePaths.map((p) => path.resolve(p));
      const cwd = commonFolder(absolutePaths);
      const { templates } = loadPaths(absolutePaths.map((p) => path.relative(cwd, p)), { cwd });
      const absolute = new Map(templates.map((t) => [t.file, path.resolve(cwd, t.file)]));
      const report = this.report(templates, (f) => ({ resourceLogicalId: f.address, templatePath: absolute.get(f.file) ?? f.file, locations: ['Properties'] }), (f) => `${absolute.get(f.file) ?? f.file} ${f.address}`);
      if (!report.success && !frameworkReportsValidationToCli()) this.failProcess(report);
      return report;
    } catch (err) {
      return this.internalFailure(err, context.templatePaths);
    }
  }

  /** Judge the stacks in (or around) a scope from the construct tree, without synthesizing the app. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    const stacks = new Set<Stack>(scope.node.findAll().filter((c): c is Stack => Stack.isStack(c)));
    const outer = Stack.isStack(scope) ? undefined : tryStackOf(scope);
    if (outer) stacks.add(outer);
    const paths = new Map<string, string>();
    const templates: LoadedTemplate[] = [];
    for (const stack of stacks) {
      const file = `${stack.artifactId}.template.json`;
      // Stack._toCloudFormation is what synthesis itself calls to render the template.
      const template = (stack as unknown as { _toCloudFormation(): unknown })._toCloudFormation();
      templates.push(loadDocument(template, file));
      for (const c of stack.node.findAll()) {
        if (CfnResource.isCfnResource(c) && Stack.of(c) === stack) paths.set(`${file}\u0000${stack.resolve(c.logicalId)}`, c.node.path);
      }
    }
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
  ): PolicyValidationPluginReport {
    const result = runInSynth(templates, this.rules, this.options);
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
        description: findingText(f, rule, false),
        fix: rule?.fix ?? 'see RULES.md',
        severity: fails ? 'error' : 'warning',
        violatingResources: [where],
        ruleMetadata: { evidenceSource: rule?.evidenceSource ?? '', resource: `${f.address} (${f.resourceType})` },
      });
    }
    return { success, violations };
  }

  /**
   * Fails the app process itself, for an aws-cdk-lib that cannot carry a failing report to the CDK
   * CLI: those versions write policy-validation-report.json, the CLI tells the app not to fail
   * synth (`@aws-cdk/core:failSynthOnValidationErrors: false`) and reads only
   * validation-report.json, so without this `cdk synth` would pass a failing stack.
   */
  private failProcess(report: PolicyValidationPluginReport): void {
    const log = this.options.log ?? defaultLog;
    for (const v of report.violations) {
      if (v.severity !== 'error') continue;
      const where = v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId).join(', ');
      log(`forensic-readiness: [${where}] ${v.description}. Fix: ${v.fix}`);
    }
    log(`forensic-readiness: synth fails on the findings above (this aws-cdk-lib does not pass validation failures to the CDK CLI)`);
    process.exitCode = 1;
  }

  /** A failing report CDK prints and fails synth on, plus a line on stderr and exit code 1. */
  private internalFailure(err: unknown, templatePaths: readonly string[]): PolicyValidationPluginReport {
    const text = internalFailureText(err);
    (this.options.log ?? defaultLog)(text);
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
 * Whether this aws-cdk-lib writes validation-report.json, which the CDK CLI reads and fails on.
 * Older 2.x versions (before the name appears in cx-api) write only policy-validation-report.json.
 */
export function frameworkReportsValidationToCli(): boolean {
  return typeof (cxapi as { VALIDATION_REPORT_FILE?: unknown }).VALIDATION_REPORT_FILE === 'string';
}

function tryStackOf(scope: IConstruct): Stack | undefined {
  try {
    return Stack.of(scope);
  } catch {
    return undefined;
  }
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
