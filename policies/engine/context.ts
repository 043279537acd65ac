/**
 * The evidence context: evidence produced outside the checked inputs, declared by the user. In an
 * organization the trail is an organization trail in a management or logging account, flow logs
 * and DNS query logs are collected centrally and the evidence stores live in a central account; a
 * workload stack checked alone would otherwise get absence findings for evidence that exists.
 * Declared producers and stores enter the judgement as stated, and every report says which
 * context was assumed, so a reviewer can see what the verdict rests on.
 */
import { InputError } from './errors';

/** An organization trail that records this workload's accounts (declared, not in the inputs). */
export interface DeclaredOrganizationTrail {
  /** The trail's ARN, as reports name it. */
  readonly trailArn: string;
  /**
   * Buckets whose S3 data events (object reads and writes, every object) it records: `all`, or
   * bucket ARNs (`arn:aws:s3:::training-data`, or with a trailing `/`).
   * @default none
   */
  readonly s3DataEvents?: 'all' | readonly string[];
  /** Whether it records SageMaker endpoint data events (InvokeEndpoint). @default false */
  readonly sageMakerDataEvents?: boolean;
}

/** Evidence collected centrally for every VPC of the accounts checked (declared, not in the inputs). */
export interface DeclaredCollection {
  /** Who collects it and how, as reports print it (`org-wide flow logs by the network account's automation`). */
  readonly collectedBy: string;
}

/** A central evidence store of another account, with its lock as its owner states it. */
export interface DeclaredStore {
  /** The bucket's ARN (`arn:aws:s3:::org-evidence`) or log group's ARN. */
  readonly arn: string;
  /** Its Object Lock default retention mode: COMPLIANCE, GOVERNANCE or none. */
  readonly lock: 'COMPLIANCE' | 'GOVERNANCE' | 'none';
  /** Its default retention, in days. */
  readonly retentionDays: number;
}

/** What an AWS organization provides outside the checked inputs. */
export interface AwsEvidenceContext {
  /** An organization trail. @default none */
  readonly organizationTrail?: DeclaredOrganizationTrail;
  /** Central collection of VPC flow logs (every VPC). @default none */
  readonly flowLogs?: DeclaredCollection;
  /** Central Route 53 Resolver query logging (every VPC). @default none */
  readonly dnsQueryLogs?: DeclaredCollection;
  /** Central evidence stores that producers of the inputs write into. @default none */
  readonly evidenceStores?: readonly DeclaredStore[];
}

/** The evidence context of a run: what the user declares exists outside the inputs. */
export interface EvidenceContext {
  /** AWS organization evidence. @default none */
  readonly aws?: AwsEvidenceContext;
}

/** A plain-language line per declaration, for reports: empty when nothing is declared. */
export function describeContext(context: EvidenceContext | undefined): string[] {
  const aws = context?.aws;
  if (!aws) return [];
  const lines: string[] = [];
  const t = aws.organizationTrail;
  if (t) {
    const s3 = t.s3DataEvents === 'all' ? 'S3 data events of every bucket' : t.s3DataEvents?.length ? `S3 data events of ${t.s3DataEvents.join(', ')}` : 'no S3 data events';
    lines.push(`AWS organization trail ${t.trailArn}: management events, ${s3}${t.sageMakerDataEvents ? ', SageMaker endpoint data events' : ''}`);
  }
  if (aws.flowLogs) lines.push(`AWS VPC flow logs collected by ${aws.flowLogs.collectedBy}`);
  if (aws.dnsQueryLogs) lines.push(`AWS Route 53 Resolver query logs collected by ${aws.dnsQueryLogs.collectedBy}`);
  for (const s of aws.evidenceStores ?? []) lines.push(`AWS evidence store ${s.arn}: ${s.lock === 'none' ? 'no Object Lock' : `Object Lock ${s.lock}`}, ${s.retentionDays} day${s.retentionDays === 1 ? '' : 's'}`);
  return lines;
}

/**
 * The declared store a destination of that kind names, if any: a bucket by its name, s3:// URI or
 * ARN; a log group by its ARN only (a bare name says neither account nor region, and a bucket's
 * declaration never stands for a log group of the same name). Partitions other than `aws` are
 * compared as `aws`.
 */
export function declaredStore(context: EvidenceContext | undefined, destination: string, kind: 'bucket' | 'log-group'): DeclaredStore | undefined {
  const stores = context?.aws?.evidenceStores;
  if (!stores || stores.length === 0) return undefined;
  const norm = storeIdentity;
  const d = norm(destination);
  if (kind === 'log-group') return /^arn:aws:logs:/.test(d) ? stores.find((s) => norm(s.arn) === d) : undefined;
  const bucket = /^arn:aws:s3:::([^/]+)/.exec(d)?.[1] ?? /^s3:\/\/([^/]+)/.exec(d)?.[1] ?? (d.includes(':') || d.includes('/') ? undefined : d);
  if (bucket === undefined) return undefined;
  return stores.find((s) => /^arn:aws:s3:::([^/]+)$/.exec(norm(s.arn))?.[1] === bucket);
}

/** One store's identity as declarations and destinations name it: partitions as `aws`, no trailing `:*`. */
function storeIdentity(arn: string): string {
  return arn.replace(/^arn:aws(?:-[a-z-]+)?:/, 'arn:aws:').replace(/:\*$/, '');
}

/**
 * Whether the declared organization trail records S3 data events of a bucket (by its name):
 * true, false, or 'unknown' when the bucket's name is only known at deploy and the trail records
 * listed buckets.
 */
export function orgTrailRecordsBucket(context: EvidenceContext | undefined, bucketName: string | undefined): boolean | 'unknown' {
  const events = context?.aws?.organizationTrail?.s3DataEvents;
  if (events === undefined) return false;
  if (events === 'all') return true;
  if (events.length === 0) return false;
  if (bucketName === undefined) return 'unknown';
  // Only whole buckets are declared (parseEvidenceContext refuses object prefixes): a trail that
  // records part of a bucket leaves the rest unrecorded, which a declaration must not hide.
  const arn = `arn:aws:s3:::${bucketName}`;
  return events.some((e) => e.replace(/^arn:aws(?:-[a-z-]+)?:/, 'arn:aws:').replace(/\/$/, '') === arn);
}

/**
 * Check a context as a config file or in-synth option states it: known keys only, the right
 * types, ARNs where ARNs are asked for. `where` names the source in the one-line error.
 */
export function parseEvidenceContext(raw: unknown, where: string): EvidenceContext {
  const obj = (v: unknown, at: string): Record<string, unknown> => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InputError(`${where}: ${at} must be an object, got ${shown(v)}`);
    return v as Record<string, unknown>;
  };
  const keys = (v: Record<string, unknown>, at: string, known: readonly string[]) => {
    for (const k of Object.keys(v)) if (!known.includes(k)) throw new InputError(`${where}: unknown key ${JSON.stringify(k)} in ${at} (known: ${known.join(', ')})`);
  };
  const text = (v: unknown, at: string, pattern?: RegExp, what = 'a non-empty string'): string => {
    if (typeof v !== 'string' || v.trim() === '' || (pattern && !pattern.test(v))) throw new InputError(`${where}: ${at} must be ${what}, got ${shown(v)}`);
    return v;
  };
  // An ARN names one trail, bucket or log group: a wildcard (`arn:aws:s3:::*`) or a malformed one
  // matches no destination, so accepted it would declare nothing, silently. `hint` says why a refused one is not one.
  const arn = (v: unknown, at: string, pattern: RegExp, what: string, hint: (s: string) => string | undefined): string => {
    if (typeof v === 'string' && pattern.test(v)) return v;
    const why = typeof v === 'string' ? hint(v) : undefined;
    throw new InputError(`${where}: ${at} must be ${what}, got ${shown(v)}${why ? `: ${why}` : ''}`);
  };
  const wildcard = (s: string): boolean => /[*?]/.test(s);
  const bool = (v: unknown, at: string): boolean | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new InputError(`${where}: ${at} must be true or false, got ${shown(v)}`);
    return v;
  };
  const root = obj(raw, 'context');
  keys(root, 'context', ['aws']);
  if (root.aws === undefined) return {};
  const aws = obj(root.aws, 'context.aws');
  keys(aws, 'context.aws', ['organizationTrail', 'flowLogs', 'dnsQueryLogs', 'evidenceStores']);
  const out: { -readonly [K in keyof AwsEvidenceContext]: AwsEvidenceContext[K] } = {};
  if (aws.organizationTrail !== undefined) {
    const at = 'context.aws.organizationTrail';
    const t = obj(aws.organizationTrail, at);
    keys(t, at, ['trailArn', 's3DataEvents', 'sageMakerDataEvents']);
    const trailArn = arn(t.trailArn, `${at}.trailArn`, new RegExp(`^${PARTITION}:cloudtrail:${REGION}:\\d{12}:trail\\/[A-Za-z0-9][A-Za-z0-9._-]*$`), 'a CloudTrail trail ARN (arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME)', (v) =>
      wildcard(v) ? 'a wildcard names no trail' : undefined,
    );
    let s3DataEvents: 'all' | string[] | undefined;
    if (t.s3DataEvents === 'all') s3DataEvents = 'all';
    else if (t.s3DataEvents !== undefined) {
      if (!Array.isArray(t.s3DataEvents)) throw new InputError(`${where}: ${at}.s3DataEvents must be "all" or a list of bucket ARNs, got ${shown(t.s3DataEvents)}`);
      const every = 'a trail that records the data events of every bucket is declared s3DataEvents: "all"';
      s3DataEvents = t.s3DataEvents.map((e, i) =>
        arn(e, `${at}.s3DataEvents[${i}]`, new RegExp(`^${PARTITION}:s3:::${BUCKET}\\/?$`), 'a bucket ARN (arn:aws:s3:::NAME or arn:aws:s3:::NAME/)', (v) =>
          // `arn:aws:s3` and `arn:aws:s3:::` are how CloudTrail's event selectors spell every bucket.
          wildcard(v) ? `a wildcard names no bucket; ${every}` : new RegExp(`^${PARTITION}:s3(?::::?)?\\/?$`).test(v) ? every : undefined,
        ),
      );
    }
    out.organizationTrail = { trailArn, s3DataEvents, sageMakerDataEvents: bool(t.sageMakerDataEvents, `${at}.sageMakerDataEvents`) };
  }
  for (const k of ['flowLogs', 'dnsQueryLogs'] as const) {
    if (aws[k] === undefined) continue;
    const at = `context.aws.${k}`;
    const c = obj(aws[k], at);
    keys(c, at, ['collectedBy']);
    out[k] = { collectedBy: text(c.collectedBy, `${at}.collectedBy`) };
  }
  if (aws.evidenceStores !== undefined) {
    const at = 'context.aws.evidenceStores';
    if (!Array.isArray(aws.evidenceStores)) throw new InputError(`${where}: ${at} must be a list, got ${shown(aws.evidenceStores)}`);
    out.evidenceStores = aws.evidenceStores.map((s, i) => {
      const sat = `${at}[${i}]`;
      const o = obj(s, sat);
      keys(o, sat, ['arn', 'lock', 'retentionDays']);
      const storeArn = arn(
        o.arn,
        `${sat}.arn`,
        new RegExp(`^${PARTITION}:(?:s3:::${BUCKET}|logs:${REGION}:\\d{12}:log-group:${LOG_GROUP}(?::\\*)?)$`),
        'an S3 bucket ARN or a log group ARN (arn:aws:s3:::NAME, arn:aws:logs:REGION:ACCOUNT:log-group:NAME)',
        // A trailing `:*` (every stream of one log group, as IAM and the console write it) is no wildcard of stores.
        (v) => (wildcard(v.replace(/(:log-group:[^:]+):\*$/, '$1')) ? 'a wildcard declares no store; declare each central store by its own ARN' : undefined),
      );
      if (o.lock !== 'COMPLIANCE' && o.lock !== 'GOVERNANCE' && o.lock !== 'none') throw new InputError(`${where}: ${sat}.lock must be COMPLIANCE, GOVERNANCE or none, got ${shown(o.lock)}`);
      const days = o.retentionDays;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 36_500) throw new InputError(`${where}: ${sat}.retentionDays must be an integer from 1 to 36500, got ${shown(days)}`);
      return { arn: storeArn, lock: o.lock, retentionDays: days };
    });
    // declaredStore takes the first a destination matches: a second declaration of one store,
    // whatever it states, would be ignored unseen (and swapping the two would flip the verdict).
    const first = new Map<string, number>();
    out.evidenceStores.forEach((s, i) => {
      const id = storeIdentity(s.arn);
      const prior = first.get(id);
      if (prior !== undefined) throw new InputError(`${where}: ${at}[${i}].arn declares ${s.arn} again (first at ${at}[${prior}]); declare each store once`);
      first.set(id, i);
    });
  }
  return { aws: out };
}

/** An ARN's partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b... */
const PARTITION = 'arn:aws(?:-[a-z]+)*';
/** A region (us-east-1, us-gov-west-1, cn-north-1). */
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
/** A bucket name: letters, digits, dots, hyphens and (legacy us-east-1 names) underscores; no wildcard, no colon or slash. */
const BUCKET = '[A-Za-z0-9][A-Za-z0-9._-]*';
/** A log group name, as CloudWatch Logs allows it: letters, digits, `_ - / . #`. */
const LOG_GROUP = '[A-Za-z0-9_\\-/.#]+';

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  // JSON and YAML read 1e400 as Infinity (YAML also .inf and .nan), which JSON.stringify writes as null.
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : `${String(v)} (a number out of range)`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
