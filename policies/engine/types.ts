import { INTERACTIVE_RETENTION_FLOOR_DAYS } from '../../constructs/core/catalogs';
import type { EvidenceSourceId } from '../../constructs/core/evidence-sources';
import { DEFAULT_RETENTION_DAYS } from '../../constructs/core/retention';

/** The cloud a resource belongs to, from its type. */
export type Cloud = 'aws' | 'gcp' | 'azure' | 'other';

/** The format an input was detected as. */
export type SourceFormat = 'cloudformation' | 'terraform-json' | 'terraform-plan';

/** A rule's verdict on one resource. UNKNOWN (a value the engine cannot resolve) is never a pass. */
export type Verdict = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'UNKNOWN';

/** How a finding counts: an `error` fails the run by default, a `warning` only with `--fail-on warning`. */
export type Severity = 'error' | 'warning';

/** NIST SP 800-86 phases. */
export type NistPhase = 'Collection' | 'Examination' | 'Analysis' | 'Reporting';

/** An acknowledgement of one rule on one resource, recorded in the template. */
export interface Suppression {
  /** The id of the rule acknowledged. */
  readonly ruleId: string;
  /** Why it is acknowledged, in words an auditor can read. */
  readonly reason: string;
  /** Where it was recorded: the template (CloudFormation Metadata, Terraform `//`) or a suppressions file. */
  readonly source?: 'template' | 'file';
}

/**
 * One resource of any input, in one shape for every format.
 * - CloudFormation: address is the logical id, type `AWS::S3::Bucket`, properties its `Properties`,
 *   attributes its `DeletionPolicy`, `UpdateReplacePolicy`, `Metadata`, `DependsOn`, `Condition`.
 * - Terraform (cdk.tf.json or plan): address `type.name` (prefixed `module.x.` inside child modules),
 *   type `google_storage_bucket`, properties the resource body without meta-arguments, attributes
 *   holding `lifecycle`, `depends_on`, `count`, `for_each`, `provider` and the `//` metadata.
 */
export interface Resource {
  /** The CloudFormation logical id or the Terraform address. */
  readonly address: string;
  /** The resource type, as the template names it. */
  readonly type: string;
  /** The resource's configuration; read its values through the model, which resolves them. */
  readonly properties: Record<string, unknown>;
  /** Everything else the input says of it: CloudFormation resource attributes, Terraform meta-arguments, a plan's references. */
  readonly attributes: Record<string, unknown>;
  /** The file it was loaded from, as reports show it. */
  readonly sourceFile: string;
  /** The format of that file. */
  readonly format: SourceFormat;
  /** The cloud of its type. */
  readonly cloud: Cloud;
  /** The CDK / CDKTF construct path, where the template records it. */
  readonly constructPath?: string;
  /** Acknowledged rules on this resource. */
  readonly suppressions: readonly Suppression[];
  /**
   * Set on a resource the engine made by translating another dialect into the shape the rules
   * judge (hashicorp/aws Terraform judged by the AWS rules): the type the input wrote and the
   * addresses of every input resource merged into it. Findings name this type.
   */
  readonly translatedFrom?: TranslatedFrom;
}

/** The input resources a translated resource stands for. */
export interface TranslatedFrom {
  /** The type the input wrote (`aws_s3_bucket`). */
  readonly type: string;
  /** Addresses of every input resource merged into it, the primary first. */
  readonly members: readonly string[];
  /** The input's names of the properties rules read (`IsLogging` -> `enable_logging`), for findings. @default none */
  readonly names?: Readonly<Record<string, string>>;
  /** The settings several input resources state, applied in no set order (the last applied takes effect): what a finding about one names. @default none */
  readonly competing?: readonly Competition[];
}

/** One setting of a translated resource that several input resources state, with no order between them. */
export interface Competition {
  /** The translated property (`ObjectLockConfiguration`). */
  readonly setting: string;
  /** The words of a reason that speak of it (a finding whose reason holds one names the competition). */
  readonly words: readonly string[];
  /** The input resources stating it, in address order. */
  readonly by: readonly string[];
  /** What each stated, translated, in the order they were found (not the order of `by`). */
  readonly values: readonly unknown[];
  /** Whether the translation holds the weakest of them (else UNRESOLVED: none is weaker in every respect). */
  readonly weakest: boolean;
}

/**
 * The attribute a translator sets on an input resource it merged into a translated one (an
 * `aws_s3_bucket_versioning` merged into its bucket): the translated resource's address. The
 * coverage of the input counts such a resource as judged when its translated resource was.
 */
export const MERGED_INTO_ATTRIBUTE = 'forensic-readiness:merged-into';

/**
 * The attribute the loader sets on a Terraform resource that override files of its configuration
 * (`override.tf.json`, `*_override.tf.json`) were merged into: those files, in the order merged.
 * Findings on it name them.
 */
export const OVERRIDDEN_BY_ATTRIBUTE = 'forensic-readiness:overridden-by';

/** A rule's judgement of one resource. */
export interface Judgement {
  /** What the rule decided. */
  readonly verdict: Verdict;
  /** Why: names the property and the value found (or that it could not be resolved). */
  readonly reason: string;
}

/** Thresholds a user may change; every rule documents which it reads. */
export interface Thresholds {
  /** Minimum retention, in days, of every evidence store and log. */
  readonly retentionFloorDays: number;
  /** Minimum Log Analytics interactive retention, in days. */
  readonly interactiveRetentionFloorDays: number;
  /** Minimum SageMaker data capture sampling percentage below which a warning is raised. */
  readonly fullSamplingPercentage: number;
}

/** What a run is judged against: the thresholds, and the evidence declared outside the inputs. */
export interface RuleConfig extends Thresholds {
  /** Evidence produced outside the inputs (an organization trail, central collection and stores). @default none */
  readonly context?: import('./context').EvidenceContext;
  /** A run in which no rule judged any resource passes (exit 0), still reported as NOTHING JUDGED. @default false, such a run fails */
  readonly allowEmpty?: boolean;
}

/** The thresholds of a run that sets none. */
export const DEFAULT_RULE_CONFIG: RuleConfig = {
  retentionFloorDays: DEFAULT_RETENTION_DAYS,
  interactiveRetentionFloorDays: INTERACTIVE_RETENTION_FLOOR_DAYS,
  fullSamplingPercentage: 100,
};

/** What a rule may read besides the resource it judges. */
export interface RuleContext {
  /** Every resource of the run, to follow references and resolve values. */
  readonly model: import('./model').ResourceModel;
  /** The thresholds of the run: the defaults, with the user's overrides. */
  readonly config: RuleConfig;
}

/**
 * One forensic-readiness rule. Pure: it reads the resource model and returns a judgement for one
 * resource of one of its `appliesTo` types. The engine calls it once per such resource.
 */
export interface Rule {
  /** `AWS.S3.ObjectLockCompliance`, `GCP.Storage.RetentionLocked`, ... */
  readonly id: string;
  /** The cloud whose resources it judges. */
  readonly cloud: Exclude<Cloud, 'other'>;
  /** How a NON_COMPLIANT verdict counts (an UNKNOWN one is always a warning). */
  readonly severity: Severity;
  /** Resource types the rule judges. */
  readonly appliesTo: readonly string[];
  /** What is wrong when the rule fires, in one sentence. */
  readonly description: string;
  /** Why an investigator cares. */
  readonly rationale: string;
  /** How to fix it (a construct prop or a template property). */
  readonly fix: string;
  /** The evidence source it protects. */
  readonly evidenceSource: EvidenceSourceId;
  /** Its NIST SP 800-86 phase. */
  readonly nist: NistPhase;
  /** MITRE ATT&CK technique ids whose traces this evidence reveals. */
  readonly attack: readonly string[];
  /** MITRE ATLAS technique ids. */
  readonly atlas: readonly string[];
  /** Config keys the rule reads (for docs). */
  readonly thresholds?: readonly (keyof Thresholds)[];
  /**
   * Narrows `appliesTo` (e.g. only buckets that a log producer writes into). Returning false gives
   * NOT_APPLICABLE for that resource.
   */
  readonly isApplicable?: (resource: Resource, ctx: RuleContext) => boolean;
  /** Judges one resource of an `appliesTo` type, once isApplicable (when set) has accepted it. */
  readonly check: (resource: Resource, ctx: RuleContext) => Judgement;
}

/** A rule's judgement of one resource, as reports show it. */
export interface Finding {
  /** The rule that fired. */
  readonly ruleId: string;
  /** The rule's severity; UNKNOWN verdicts are reported as warnings. */
  readonly severity: Severity;
  /** NON_COMPLIANT or UNKNOWN: the verdicts that make a finding. */
  readonly verdict: Verdict;
  /** The address of the resource judged. */
  readonly address: string;
  /** Its resource type. */
  readonly resourceType: string;
  /** The file it is in, as reports show it. */
  readonly file: string;
  /** Its CDK / CDKTF construct path, where the template records it. */
  readonly constructPath?: string;
  /** The reason of the rule's judgement. */
  readonly message: string;
  /** Set when the finding is acknowledged; it then fails nothing but is still listed. */
  readonly suppressed?: Suppression;
  /** 1-based line of the resource in its file, where the report asked for it. */
  readonly line?: number;
}

/** A COMPLIANT judgement, with its reason. */
export const compliant = (reason: string): Judgement => ({ verdict: 'COMPLIANT', reason });
/** A NON_COMPLIANT judgement, with its reason. */
export const nonCompliant = (reason: string): Judgement => ({ verdict: 'NON_COMPLIANT', reason });
/** A NOT_APPLICABLE judgement, with its reason. */
export const notApplicable = (reason: string): Judgement => ({ verdict: 'NOT_APPLICABLE', reason });
/** An UNKNOWN judgement (a value the engine cannot resolve), with its reason. */
export const unknown = (reason: string): Judgement => ({ verdict: 'UNKNOWN', reason });

/**
 * Key the plan loader adds to a resource's attributes when the plan destroys it: its change's
 * actions (`["delete"]`, or a replace `["delete", "create"]` / `["create", "delete"]`). Terraform
 * refuses to plan the destroy of an instance with lifecycle.prevent_destroy, so such a plan shows
 * it has none.
 */
export const PLAN_DESTROYS_ATTRIBUTE = 'forensic-readiness:plan-destroys';

/** The actions of the plan's change that destroys a resource (PLAN_DESTROYS_ATTRIBUTE), or undefined. */
export function planDestroys(resource: Resource): readonly string[] | undefined {
  const actions = resource.attributes[PLAN_DESTROYS_ATTRIBUTE];
  return Array.isArray(actions) ? (actions as string[]) : undefined;
}
