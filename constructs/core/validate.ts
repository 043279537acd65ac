/**
 * The one validation layer every prop of every construct passes through.
 *
 * A construct makes one `PropCheck` in its constructor, naming its construct path and its
 * framework's own token test (`Token.isUnresolved` of aws-cdk-lib or of cdktf: their number
 * tokens have different bit patterns, and no magnitude test tells a token from `-1e289`). Every
 * check either returns the value (or the default when the prop is absent) or throws one
 * `ForensicValidationError` naming the prop, the value and what was expected. A token is passed
 * through untouched: it reaches the template as written and the rules judge it UNKNOWN.
 *
 * Core imports no framework: constructs/aws and the CDKTF constructs each bind their own token test.
 */
import { ForensicValidationError, UnknownPropError } from './errors';
import { freezeClass } from './freeze';
import { Immutability } from './immutability';
import { Retention, RetentionBounds } from './retention';
import { snapshot, snapshotBag } from './snapshot';

/** A framework's test for a value known only at deploy time (`Token.isUnresolved`). */
export type TokenTest = (value: unknown) => boolean;

/** Bounds of an integer prop. */
export interface IntegerBounds {
  /** The smallest value accepted. */
  readonly min: number;
  /** The largest value accepted. */
  readonly max: number;
  /** A unit for the message (`days`, `%`). @default none */
  readonly unit?: string;
}

/** What a string prop must look like. */
export interface StringRule {
  /** The pattern the whole value must match. @default any non-empty string */
  readonly pattern?: RegExp;
  /** What the value must be, for the message (`an S3 bucket name`). @default 'a non-empty string' */
  readonly expected?: string;
  /** A further test returning why a value is refused, or undefined (cloud naming rules). @default none */
  readonly refuse?: (value: string) => string | undefined;
}

/**
 * The keys a props interface declares, each `true`: one object per props type, written
 * `{ ... } as const satisfies PropKeys<XProps>` so that a key of the interface missing from it, or
 * an extra key in it, is a compile error (the list cannot drift from the interface).
 */
export type PropKeys<T> = { readonly [K in keyof Required<T>]: true };

/** The validator of one construct's props. */
export class PropCheck {
  /**
   * @param where the construct path, prefixed to every message
   * @param tokenTest the framework's own `Token.isUnresolved`
   */
  constructor(
    /** The construct path, prefixed to every message. */
    public readonly where: string,
    private readonly tokenTest: TokenTest,
    /** The construct's class name (`EvidenceBucket`), for the unknown-prop message. @default none */
    public readonly construct?: string,
  ) {}

  /** Whether a value is a token of this construct's framework (known only at deploy). */
  public isToken(value: unknown): boolean {
    if (value === undefined || value === null) return false;
    try {
      return this.tokenTest(value);
    } catch {
      return false;
    }
  }

  /** Throws the one validation error for `prop`. */
  public fail(prop: string, value: unknown, expected: string): never {
    throw new ForensicValidationError(prop, value, expected, this.where);
  }

  /** A boolean prop: `true`, `false`, or absent (the default). */
  public bool(prop: string, value: unknown, defaultValue: boolean): boolean {
    if (value === undefined) return defaultValue;
    if (typeof value !== 'boolean') this.fail(prop, value, 'true or false');
    return value;
  }

  /** A required string prop (tokens pass untouched). */
  public string(prop: string, value: unknown, rule: StringRule = {}): string {
    const expected = rule.expected ?? 'a non-empty string';
    if (typeof value !== 'string') this.fail(prop, value, expected);
    if (this.isToken(value)) return value;
    if (value.length === 0 || (rule.pattern !== undefined && !rule.pattern.test(value))) this.fail(prop, value, expected);
    const why = rule.refuse?.(value);
    if (why !== undefined) this.fail(prop, value, `${expected} (${why})`);
    return value;
  }

  /** An optional string prop: undefined when absent, else as `string`. */
  public optionalString(prop: string, value: unknown, rule: StringRule = {}): string | undefined {
    return value === undefined ? undefined : this.string(prop, value, rule);
  }

  /** An integer prop inside bounds, or the default when absent (number tokens pass untouched). */
  public integer(prop: string, value: unknown, bounds: IntegerBounds, defaultValue?: number): number {
    if (value === undefined && defaultValue !== undefined) return defaultValue;
    const unit = bounds.unit ? ` ${bounds.unit}` : '';
    const expected = `an integer from ${bounds.min} to ${bounds.max}${unit}`;
    if (typeof value !== 'number') this.fail(prop, value, expected);
    if (this.isToken(value)) return value;
    if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) this.fail(prop, value, expected);
    return value;
  }

  /** One of an allowed set, or the default when absent (tokens pass untouched). */
  public oneOf<T extends string | number>(prop: string, value: unknown, allowed: readonly T[], defaultValue?: T): T {
    if (value === undefined && defaultValue !== undefined) return defaultValue;
    if (this.isToken(value)) return value as T;
    if (!allowed.includes(value as T)) this.fail(prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return value as T;
  }

  /**
   * An immutability mode: exactly `Immutability.LOCKED` or `Immutability.SOAK`, LOCKED when
   * absent. Anything else (`'locked'`, `{ mode: 'locked' }`, `true`) is refused, never mapped to
   * the weaker mode.
   */
  public immutability(prop: string, value: unknown): Immutability {
    if (value === undefined) return Immutability.LOCKED;
    if (value === Immutability.LOCKED) return Immutability.LOCKED;
    if (value === Immutability.SOAK) return Immutability.SOAK;
    this.fail(prop, value, 'Immutability.LOCKED or Immutability.SOAK');
  }

  /**
   * A retention: a `Retention` (not a bare number) inside a service's bounds, or the default
   * when absent. A token number of days passes untouched.
   */
  public retention(prop: string, value: unknown, bounds: RetentionBounds, defaultValue?: Retention): Retention {
    if (value === undefined && defaultValue !== undefined) return defaultValue;
    if (!(value instanceof Retention)) this.fail(prop, value, 'a Retention (Retention.days(n) or Retention.years(n))');
    const days = value.days;
    if (this.isToken(days)) return value;
    if (bounds.allowedDays) {
      if (!bounds.allowedDays.includes(days)) this.fail(prop, `${days} days`, `one of ${bounds.allowedDays.join(', ')} days (${bounds.service})`);
      return value;
    }
    if (!Number.isInteger(days) || days < bounds.minDays || days > bounds.maxDays) {
      this.fail(prop, `${days} days`, `${bounds.minDays} to ${bounds.maxDays} days (${bounds.service})`);
    }
    return value;
  }

  /** A list prop (an array, or the default when absent); `nonEmpty` refuses `[]`, `unique` refuses repeats. */
  public list<T>(prop: string, given: unknown, options: { nonEmpty?: boolean; unique?: boolean; expected?: string } = {}, defaultValue?: readonly T[]): readonly T[] {
    if (given === undefined && defaultValue !== undefined) return defaultValue;
    // Checked and returned as one copy: a list whose items change between reads cannot pass one and build another.
    const value = snapshot(given);
    const expected = options.expected ?? (options.nonEmpty ? 'a non-empty list' : 'a list');
    if (this.isToken(value)) return value as readonly T[];
    if (!Array.isArray(value)) this.fail(prop, value, expected);
    if (options.nonEmpty && value.length === 0) this.fail(prop, value, expected);
    if (options.unique) {
      const seen = new Set<unknown>();
      for (const item of value) {
        if (seen.has(item)) this.fail(prop, item, /without (repeats|duplicates)/.test(expected) ? expected : `${expected} without repeats`);
        seen.add(item);
      }
    }
    return value as readonly T[];
  }

  /**
   * An object prop: not an array, not null, not absent. A plain object comes back as a snapshot
   * (see `snapshot`: each property read once); a class instance (a construct, an IKey) unchanged.
   */
  public object<T extends object>(prop: string, value: unknown, expected = 'an object'): T {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(prop, value, expected);
    return snapshot(value) as T;
  }

  /**
   * A props bag: a construct's props, an `add*` method's options, or a nested options object of
   * the kit's own interfaces. Not an array, not null, not absent; it comes back as a snapshot in
   * which every prop was read exactly once (see `snapshotBag`), and the construct reads only that.
   * A key of the snapshot that `known` does not list (a typo, a prop of another construct) is
   * refused: ignored, it would deploy the default with no word.
   */
  public props<T extends object>(prop: string, value: unknown, known: PropKeys<T>, expected = 'an object'): T {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(prop, value, expected);
    const bag = snapshotBag(value);
    const allowed = Object.keys(known);
    for (const key of Object.keys(bag)) {
      if (!Object.prototype.hasOwnProperty.call(known, key)) throw new UnknownPropError(prop, key, allowed, this.where, this.construct);
    }
    return bag as T;
  }

  /**
   * Construct ids derived from props must not collide (two subnets of one name, two VPCs whose
   * derived ids are equal): the second would otherwise fail with the framework's own error.
   */
  public uniqueIds(prop: string, ids: readonly string[]): void {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) this.fail(prop, id, 'entries that are all different (each becomes a construct of its own)');
      seen.add(id);
    }
  }
}

// Frozen: no caller can replace a check (`PropCheck.prototype.immutability = ...`) for every construct of the process.
freezeClass(PropCheck);
