import { isUnresolved } from './errors';
import { deepFreeze, freezeClass } from './freeze';

/**
 * Whether an evidence store can be unlocked again.
 *
 * LOCKED is the kit's default and its purpose: S3 Object Lock in COMPLIANCE mode, a locked GCS
 * retention policy, a locked Azure immutability policy. Nobody, not even the account root, can
 * shorten the retention or delete a protected object before it expires.
 *
 * SOAK is for trying the kit: S3 GOVERNANCE mode, an unlocked GCS retention policy, an unlocked
 * Azure policy. It can be undone by a privileged principal, so an attacker holding that privilege
 * can also undo it; synth warns while it is on.
 */
export class Immutability {
  /** Irreversible lock: the forensic default. */
  public static readonly LOCKED = new Immutability('locked');
  /** Reversible: for trying the kit only. Synth warns loudly. */
  public static readonly SOAK = new Immutability('soak');

  private constructor(
    /** `locked` or `soak`. */
    public readonly mode: 'locked' | 'soak',
  ) {
    Object.freeze(this);
  }

  /** Whether this is LOCKED, the irreversible mode. */
  public get isLocked(): boolean {
    return this.mode === 'locked';
  }

  /** The S3 Object Lock mode this maps to. */
  public get s3Mode(): 'COMPLIANCE' | 'GOVERNANCE' {
    return this.isLocked ? 'COMPLIANCE' : 'GOVERNANCE';
  }

  /** The Azure immutability policy state this maps to. */
  public get azureState(): 'Locked' | 'Unlocked' {
    return this.isLocked ? 'Locked' : 'Unlocked';
  }

  /** The mode, `locked` or `soak`, for messages. */
  public toString(): string {
    return this.mode;
  }
}

// Frozen: `(Immutability.LOCKED as any).mode = 'soak'` would otherwise weaken every default store.
freezeClass(Immutability);

/** The warning ids the kit raises; each can be acknowledged by id where the framework allows. */
export const WARNINGS = {
  /** A reversible (soak) immutability mode is on. */
  SOAK_MODE: 'forensic-readiness:soak-immutability',
  /** Retention below the kit's floor. */
  SHORT_RETENTION: 'forensic-readiness:retention-below-floor',
  /** A data-capture or request-logging sampling below 100 %. */
  PARTIAL_SAMPLING: 'forensic-readiness:partial-sampling',
  /** An audit-log exemption or a narrowed set of audited services. */
  AUDIT_EXEMPTION: 'forensic-readiness:audit-exemption',
  /** A forensic default was switched off explicitly. */
  WEAKENED_DEFAULT: 'forensic-readiness:weakened-default',
  /** Placeholder identifiers that must be replaced before deploying. */
  PLACEHOLDER_IDS: 'forensic-readiness:placeholder-ids',
  /** A setting that cannot be applied in the same deploy (two-phase lock and the like). */
  TWO_PHASE: 'forensic-readiness:two-phase-setting',
  /** A lock that can never be undone is being deployed. */
  IRREVERSIBLE_LOCK: 'forensic-readiness:irreversible-lock',
} as const;
deepFreeze(WARNINGS);

/** The id of one kit warning: one of the values of WARNINGS. */
export type WarningId = (typeof WARNINGS)[keyof typeof WARNINGS];

/** The soak-mode warning text, the same in every cloud. */
export function soakWarning(what: string): string {
  return `${what} uses the reversible SOAK immutability mode: a privileged principal (and so an attacker holding that privilege) can shorten retention or remove the lock, and evidence stored there may not stand as unaltered. Use Immutability.LOCKED for anything but a trial.`;
}

/** The notice printed when an irreversible lock is synthesized, the same in every cloud. */
export function lockNotice(what: string, days: number): string {
  const period = isUnresolved(days) ? 'the number of days given at deploy' : `${days} days`;
  return `${what} is locked for ${period}: once deployed, neither the retention nor the lock can be reduced or removed by anyone, and the store cannot be deleted while it holds protected evidence.`;
}
