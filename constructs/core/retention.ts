import { ForensicValidationError, isUnresolved } from './errors';
import { deepFreeze, freezeClass } from './freeze';

/** The retention floor the kit uses everywhere unless told otherwise: one year. */
export const DEFAULT_RETENTION_DAYS = 365;

/**
 * How long evidence is kept. One vocabulary for the three clouds: S3 Object Lock retention,
 * GCS retention policies, Azure immutability periods and log retention all take a Retention.
 */
export class Retention {
  /** Keep evidence for a number of days. */
  public static days(days: number): Retention {
    return new Retention(finiteDays('Retention.days', days, days));
  }

  /** Keep evidence for a number of years of 365 days. */
  public static years(years: number): Retention {
    if (isUnresolved(years)) {
      throw new ForensicValidationError('Retention.years', 'a deploy-time value', 'a literal number of years (give a deploy-time value as Retention.days(token))');
    }
    return new Retention(finiteDays('Retention.years', years, years * 365));
  }

  /** The kit's default: 365 days, long enough to outlive a typical investigation and its legal hold request. */
  public static default(): Retention {
    return new Retention(DEFAULT_RETENTION_DAYS);
  }

  private constructor(
    /** The retention in days (a year counts 365). */
    public readonly days: number,
  ) {
    Object.freeze(this);
  }

  /** Whole seconds, as GCS retention periods want them. */
  public toSeconds(): number {
    return this.days * 86_400;
  }

  /** `<days> days`, for messages. */
  public toString(): string {
    return `${this.days} days`;
  }
}

// Frozen: a Retention checked once cannot become another afterwards, nor its factories be replaced.
freezeClass(Retention);

/**
 * A retention is a finite number of days (a deploy-time number token is finite too); NaN,
 * Infinity and non-numbers are refused here, the range by the construct that uses it.
 */
function finiteDays(prop: string, given: unknown, days: number): number {
  if (typeof given !== 'number' || !Number.isFinite(given) || !Number.isFinite(days)) {
    throw new ForensicValidationError(prop, given, 'a finite number');
  }
  return days;
}

/** Allowed range of a retention setting of one service. */
export interface RetentionBounds {
  /** What the bound belongs to, for the error message (`S3 Object Lock`). */
  readonly service: string;
  /** The fewest days accepted (not checked when `allowedDays` is set: the set decides). */
  readonly minDays: number;
  /** The most days accepted (not checked when `allowedDays` is set: the set decides). */
  readonly maxDays: number;
  /** When the service takes only certain values (CloudWatch Logs), the allowed set. */
  readonly allowedDays?: readonly number[];
}

/** Bounds of each service, from the service documentation. */
export const RETENTION_BOUNDS = {
  /** S3 Object Lock default retention: 1 day to 100 years. */
  s3ObjectLock: {
    /** The service, as error messages name it. */
    service: 'S3 Object Lock',
    /** The shortest accepted: one day. */
    minDays: 1,
    /** The longest accepted: 100 years of 365 days. */
    maxDays: 36_500,
  },
  /** AWS Config retention of configuration items (PutRetentionConfiguration): 30 to 2,557 days. */
  awsConfig: {
    /** The service, as error messages name it. */
    service: 'AWS Config retention',
    /** The shortest accepted: 30 days. */
    minDays: 30,
    /** The longest accepted: 2,557 days (seven years), the default of ConfigurationHistory. */
    maxDays: 2_557,
  },
  /** CloudWatch Logs retentionInDays takes a fixed set of values. */
  cloudWatchLogs: {
    /** The service, as error messages name it. */
    service: 'CloudWatch Logs',
    /** The shortest allowed value; allowedDays decides. */
    minDays: 1,
    /** The longest allowed value, 10 years; allowedDays decides. */
    maxDays: 3_653,
    /** The values retentionInDays accepts, shortest first. */
    allowedDays: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
  },
  /** GCS bucket retention policy: up to 3,155,760,000 seconds (100 years). */
  gcsRetentionPolicy: {
    /** The service, as error messages name it. */
    service: 'GCS retention policy',
    /** The shortest accepted: one day. */
    minDays: 1,
    /** The longest accepted: 100 years of 365.25 days (3,155,760,000 seconds). */
    maxDays: 36_525,
  },
  /** Cloud Logging bucket retention: 1 to 3,650 days. */
  cloudLoggingBucket: {
    /** The service, as error messages name it. */
    service: 'Cloud Logging bucket',
    /** The shortest accepted: one day. */
    minDays: 1,
    /** The longest accepted: 3,650 days, about 10 years. */
    maxDays: 3_650,
  },
  /** Azure Blob time-based immutability: 1 to 146,000 days. */
  azureImmutability: {
    /** The service, as error messages name it. */
    service: 'Azure Blob immutability policy',
    /** The shortest accepted: one day. */
    minDays: 1,
    /** The longest accepted: 146,000 days, 400 years. */
    maxDays: 146_000,
  },
  /** Log Analytics interactive retention: 30 to 730 days. */
  logAnalyticsInteractive: {
    /** The service, as error messages name it. */
    service: 'Log Analytics interactive retention',
    /** The shortest accepted: 30 days. */
    minDays: 30,
    /** The longest accepted: 730 days, two years. */
    maxDays: 730,
  },
  /** Log Analytics total retention (with long-term retention): up to 4,383 days (12 years). */
  logAnalyticsTotal: {
    /** The service, as error messages name it. */
    service: 'Log Analytics total retention',
    /** The shortest accepted: 30 days. */
    minDays: 30,
    /** The longest accepted: 4,383 days, 12 years. */
    maxDays: 4_383,
  },
  /** Azure storage change feed retention: 1 to 146,000 days. */
  azureChangeFeed: {
    /** The service, as error messages name it. */
    service: 'Azure change feed',
    /** The shortest accepted: one day. */
    minDays: 1,
    /** The longest accepted: 146,000 days, 400 years. */
    maxDays: 146_000,
  },
  /** Azure blob and container soft delete: 1 to 365 days. */
  azureSoftDelete: {
    /** The service, as error messages name it. */
    service: 'Azure soft delete',
    /** The shortest accepted: one day. */
    minDays: 1,
    /** The longest accepted: 365 days, the default of EvidenceStorage. */
    maxDays: 365,
  },
  /** GCS soft delete: 7 to 90 days (or 0 to switch it off, which the kit never does). */
  gcsSoftDelete: {
    /** The service, as error messages name it. */
    service: 'GCS soft delete',
    /** The shortest accepted: 7 days; 0 (off) is refused. */
    minDays: 7,
    /** The longest accepted: 90 days, the default of the GCP EvidenceBucket. */
    maxDays: 90,
  },
  /** Network Watcher flow log retention in the storage account: 0 (forever) to 365 days. */
  azureFlowLogRetention: {
    /** The service, as error messages name it. */
    service: 'Network Watcher flow log retention',
    /** The shortest accepted: one day; the service's 0 (keep forever) is refused. */
    minDays: 1,
    /** The longest accepted: 365 days, the default of the Azure FlowLogs. */
    maxDays: 365,
  },
} as const satisfies Record<string, RetentionBounds>;
deepFreeze(RETENTION_BOUNDS);

/** CloudWatch Logs bounds for a retention the kit rounds up to the next allowed value. */
export const CLOUDWATCH_ROUNDED_UP: RetentionBounds = deepFreeze({ service: 'CloudWatch Logs', minDays: 1, maxDays: 3_653 });

/**
 * The smallest allowed CloudWatch Logs retention that keeps at least `days` (never shorter than
 * asked). A deploy-time number token is returned unchanged: the service judges it.
 */
export function cloudWatchRetentionAtLeast(days: number): number {
  if (isUnresolved(days)) return days;
  const allowed = RETENTION_BOUNDS.cloudWatchLogs.allowedDays;
  const match = allowed.find((d) => d >= days);
  if (match === undefined) {
    throw new ForensicValidationError('retention', `${days} days`, `at most ${allowed[allowed.length - 1]} days (CloudWatch Logs)`);
  }
  return match;
}
