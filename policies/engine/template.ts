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
  /** Its CloudFormation `Mappings`, where it has them. */
  readonly mappings?: Record<string, unknown>;
  /** Line look-up for reports; absent for templates built in memory. */
  readonly locator?: SourceLocator;
  /** The key chain of a resource in the source text, for `locator.lineOf`. */
  readonly keyPath: (resource: Resource) => readonly string[];
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
