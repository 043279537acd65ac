import { SourceFormat } from './types';

/** The marker for a value the engine cannot know before deploy. Rules turn it into UNKNOWN, never a pass. */
export const UNRESOLVED: unique symbol = Symbol('unresolved');
/** The type of UNRESOLVED. */
export type Unresolved = typeof UNRESOLVED;

/** Whether a value is UNRESOLVED. */
export function isUnresolved(value: unknown): value is Unresolved {
  return value === UNRESOLVED;
}

/** Where a value sits: the file (for same-file look-ups, parameters, mappings) and its format. */
export interface ResolveContext {
  /** The file the value is in. */
  readonly sourceFile: string;
  /** The format of that file, which says how its values are written. */
  readonly format: SourceFormat;
}

/**
 * A value an input writes as a literal that its readers read differently: a plain YAML number
 * that YAML 1.1 (PyYAML, which cfn-lint and the AWS CLI read templates with) and YAML 1.2 (the
 * kit's parser) give two meanings (`0500` is 320 to one and 500 to the other). The CloudFormation
 * loader holds UNRESOLVED in its place, and says `why` on the resource's UNKNOWN findings.
 */
export interface MisreadableValue {
  /** Where it sits in the parsed document: keys and list indexes from the top. */
  readonly path: readonly (string | number)[];
  /** Whether it is a mapping key (which no marker can stand in for) rather than a value. */
  readonly isKey: boolean;
  /** `Days: 0500 at line 12 is 320 to YAML 1.1 (...) and 500 to YAML 1.2`. */
  readonly why: string;
}

/**
 * Key a loader adds to a resource's attributes: why values the input writes as literals are
 * UNRESOLVED (misreadable values of it, or of its template outside Resources), a list of lines the
 * runner adds to each UNKNOWN finding of the resource.
 */
export const UNRESOLVED_WHY_ATTRIBUTE = 'forensic-readiness:unresolved-why';

/** The misreadable values of each parsed document, recorded by the YAML parse (a JSON text has none). */
const MISREADABLE = new WeakMap<object, readonly MisreadableValue[]>();

/** Records the misreadable values of a parsed document (see MisreadableValue). */
export function recordMisreadable(doc: unknown, list: readonly MisreadableValue[]): void {
  if (list.length > 0 && doc !== null && typeof doc === 'object') MISREADABLE.set(doc, list);
}

/** The misreadable values the parse recorded of a document; none for a document not parsed from YAML. */
export function misreadableOf(doc: unknown): readonly MisreadableValue[] {
  return doc !== null && typeof doc === 'object' ? MISREADABLE.get(doc) ?? [] : [];
}
