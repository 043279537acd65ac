import { ExportInput } from './model';
import { SourceLocator } from './parse';
import { Resource, SourceFormat } from './types';

/**
 * One template file after loading: its resources in the common shape, and what else of it the
 * model needs (CloudFormation exports, parameter defaults, mappings). A folder input (cdk.out,
 * cdktf.out) gives one of these per template.
 */
export interface LoadedTemplate {
  /** The file as reports show it (relative to the working folder when inside it). */
  readonly file: string;
  /** The format it was recognised as. */
  readonly format: SourceFormat;
  /** Its resources, in the common shape. */
  readonly resources: readonly Resource[];
  /** Its CloudFormation exports (`Outputs.X.Export`); none for Terraform. */
  readonly exports: readonly ExportInput[];
  /** The `Default` of each CloudFormation parameter that has one, by name; empty for Terraform. */
  readonly parameters: ReadonlyMap<string, unknown>;
  /**
   * CloudFormation: the parameters of `parameters` whose default the deploy may replace (every one
   * but a parameter whose AllowedValues hold one value): a verdict that rests on their defaults
   * must also hold without them (the runner's worlds). @default none
   */
  readonly deployParameters?: readonly string[];
  /** CloudFormation: the conditions of `conditions` known only through those defaults (Fn::If picks no branch by them in that world). @default none */
  readonly deployConditions?: readonly string[];
  /** Its CloudFormation `Mappings`, where it has them. */
  readonly mappings?: Record<string, unknown>;
  /** Its CloudFormation conditions whose value the template states, by name (`Fn::If` picks its branch by them). @default none */
  readonly conditions?: ReadonlyMap<string, boolean>;
  /** Line look-up for reports; absent for templates built in memory. */
  readonly locator?: SourceLocator;
  /** The key chain of a resource in the source text, for `locator.lineOf`. */
  readonly keyPath: (resource: Resource) => readonly string[];
  /**
   * Where a resource is named by a value rather than a key (a plan's resources are objects whose
   * `address` is the resource's address): the key, and the chain it is found after, for
   * `locator.lineOfValue`. Tried before keyPath. @default none
   */
  readonly addressValue?: {
    /** The chain of keys the value is looked for after (`planned_values`). */
    readonly within: readonly string[];
    /** The key whose string value is the resource's address (`address`). */
    readonly key: string;
  };
  /** Terraform module calls of the file, followed or not; none for CloudFormation. @default none */
  readonly moduleCalls?: readonly ModuleCall[];
  /** Resources the input declares that it says are not created (a false Condition, `count = 0`): judged as absent. @default none */
  readonly notCreated?: readonly NotCreated[];
  /**
   * The configuration the template is part of, as reports show it: Terraform resolves references
   * (and merges override files) within one, never across two. The `*.tf.json` files of one folder
   * are one (named by the folder, `cfg/`), whether a folder walk finds them, one of them is given
   * alone or named by a cdktf.out; any other template (a Terraform JSON file not named `*.tf.json`
   * given alone, a plan) is one by itself. @default its file
   */
  readonly configuration?: string;
  /** Terraform JSON: the `provider` blocks of the file (a resource without `project` takes its provider's). @default none */
  readonly providers?: readonly TerraformProvider[];
  /** Terraform JSON: every `resource` block as written (created or not), for the override merge of its configuration. @default none */
  readonly blocks?: readonly TerraformBlock[];
  /** Terraform JSON: its `module`, `data`, `variable`, `output` blocks and `locals` values, as written (merged with the override files of its configuration). @default none */
  readonly namedBlocks?: readonly TerraformNamedBlock[];
  /** Its CloudFormation nested stacks, read or not. @default none */
  readonly nestedStacks?: readonly NestedStack[];
  /** Terraform JSON: the `terraform.backend` (and `terraform.cloud`) blocks of the file, as written. @default none */
  readonly backends?: readonly TerraformBackend[];
  /** A cdktf.out stack's `cdk.tf.json`: the stack, as the folder's manifest.json names it. @default not a stack of a cdktf.out */
  readonly cdktfStack?: CdktfStack;
  /** Its CloudFormation `Outputs`: each output's `Value` as written, by output name (a parent's `Fn::GetAtt [Stack, Outputs.Name]` reads it). @default none */
  readonly outputs?: ReadonlyMap<string, unknown>;
  /** CloudFormation: the nested stacks whose template this is (the loader links them once every input is read). @default none: a template no input nests */
  readonly nestedIn?: NestedIn;
}

/** One `terraform.backend` block of a Terraform JSON file (or its `terraform.cloud` block, type `cloud`). */
export interface TerraformBackend {
  /** The backend type: `local`, `s3`, `gcs`, `azurerm`, `remote`; `cloud` for a `terraform.cloud` block. */
  readonly type: string;
  /** Its arguments as written. */
  readonly config: unknown;
}

/** A stack of a cdktf.out folder: the manifest.json of the folder names it, at the file read. */
export interface CdktfStack {
  /** The cdktf.out folder, an absolute path: two stacks are of one app when it is the same. */
  readonly assembly: string;
  /** The stack's name (its key under `stacks` in manifest.json). */
  readonly name: string;
  /** The folder of its cdk.tf.json, an absolute path: where Terraform runs for it (a relative local state path is relative to it). */
  readonly directory: string;
}

/** A nested stack (an `AWS::CloudFormation::Stack` resource) as the parent holds it. */
export interface NestingStack {
  /** The parent's file, as reports show it. */
  readonly parent: string;
  /** The stack's logical id in the parent. */
  readonly stack: string;
}

/**
 * The nested stacks (`AWS::CloudFormation::Stack` resources of other inputs) whose template a
 * template is: the values the parent passes in its `Parameters` are the values of the template's
 * parameters. With one parent, a parameter it passes as a literal is loaded as that value (not the
 * Default, and not one the deploy may set), one it passes as any other value is resolved in the
 * parent's file (`passed`), and one it does not pass keeps its Default. With several parents, or
 * a template that nests itself, which values it is passed is not guessed (`ambiguous`): every
 * parameter a parent passes is unknown.
 */
export interface NestedIn {
  /** Each nested stack whose template this is. */
  readonly stacks: readonly NestingStack[];
  /** The values the one parent passes that are no literal, by parameter name, as the parent writes them (resolved in the parent's file). */
  readonly passed: Readonly<Record<string, unknown>>;
  /** Why the values passed are not known (several parents, a cycle). @default known */
  readonly ambiguous?: string;
}

/** One `resource` block of a Terraform JSON file, as written. */
export interface TerraformBlock {
  /** `type.name`. */
  readonly address: string;
  /** The resource type. */
  readonly type: string;
  /** The block's body as written (an object, or the one-element list Terraform JSON allows). */
  readonly body: unknown;
}

/**
 * One named top-level object of a Terraform JSON file other than a resource or a provider: a module
 * call, a data source, an input variable, an output or a local value.
 */
export interface TerraformNamedBlock {
  /** What it is. */
  readonly kind: 'module' | 'data' | 'variable' | 'output' | 'local';
  /** Its address as Terraform writes it: `module.net`, `data.google_project.p`, `var.region`, `output.id`, `local.name`. */
  readonly name: string;
  /** Its body as written (an object, or the one-element list Terraform JSON allows; a local's value). */
  readonly body: unknown;
}

/** One `provider` block of a Terraform JSON file. */
export interface TerraformProvider {
  /** How resources name it in `provider`: `google`, or `google.west` for `alias = "west"`. */
  readonly name: string;
  /** Its arguments as written (`project`, `region`, ...), `alias` included. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The file that states it (an override file's arguments are merged into the block they override). */
  readonly file: string;
}

/**
 * A CloudFormation nested stack of an input (`AWS::CloudFormation::Stack`, or a SAM
 * `AWS::Serverless::Application`), and whether the kit reads its template. It does when the
 * template is a file: CDK's `aws:asset:path` beside the parent, or a local `TemplateURL` (SAM:
 * `Location`), relative to the parent's folder as `aws cloudformation package` reads it. A remote
 * one (`https://`, `s3://`, a Serverless Application Repository application) or one only the
 * deploy knows (a `Ref`, a `Fn::Sub`) is not read: nothing inside it is judged, and every report
 * names it.
 */
export interface NestedStack {
  /** Its logical id in the parent. */
  readonly name: string;
  /** What names its template: `aws:asset:path`, `TemplateURL` or `Location`. */
  readonly by: 'aws:asset:path' | 'TemplateURL' | 'Location';
  /** The template as written: a path or URL, an application id, or `a value known only at deploy`. */
  readonly template: string;
  /** Whether its template is read: a file (the loader reads it, or names it as not read). */
  readonly followed: boolean;
}

/** A resource an input declares and says is not created. */
export interface NotCreated {
  /** Its address (logical id). */
  readonly address: string;
  /** What says so: `Condition IsProd is false`, `count = 0`, `for_each is empty`. */
  readonly why: string;
}

/** One Terraform module call of an input, and whether its resources were loaded. */
export interface ModuleCall {
  /** Its address: `module.net`, `module.net.module.subnets`. */
  readonly name: string;
  /** Its `source`, where the input states it. */
  readonly source?: string;
  /**
   * Whether the module's resources are in the model: a plan's child modules are; a Terraform
   * JSON `module` block is not (its source is not read), so nothing inside it is judged.
   */
  readonly followed: boolean;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
