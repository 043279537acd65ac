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
