/**
 * The one validation error of the kit. Every bad prop, in every cloud, fails at construction
 * with this error, so a template never carries a value the kit knows to be wrong.
 */
export class ForensicValidationError extends Error {
  /** The prop that was rejected, as the caller wrote it (`retention`, `dataCapture.samplingPercentage`). */
  public readonly prop: string;
  /** The value received, rendered for a human. */
  public readonly received: string;
  /** What was expected: an allowed range or set. */
  public readonly expected: string;

  constructor(prop: string, received: unknown, expected: string, where?: string) {
    const shown = renderValue(received);
    super(`${where ? `${where}: ` : ''}${prop} must be ${expected}, got ${shown}`);
    this.name = 'ForensicValidationError';
    this.prop = prop;
    this.received = shown;
    this.expected = expected;
  }
}

/**
 * A key a props bag does not declare (a typo: `retentionDays` for `retention`, `s3buckets` for
 * `s3Buckets`). Refused at construction, never ignored: an ignored typo deploys the default with
 * no word. One line: `<Construct> <path>: unknown prop "<key>" in <bag> (expected one of: ...; did
 * you mean "<nearest>"?)`.
 */
export class UnknownPropError extends ForensicValidationError {
  /** The unknown key, as given. */
  public readonly key: string;
  /** The nearest known key, when one is close. */
  public readonly suggestion?: string;

  constructor(bag: string, key: string, known: readonly string[], where?: string, construct?: string) {
    const list = known.length > 0 ? known.join(', ') : 'no props';
    super(bag === 'props' || bag === 'options' ? key : `${bag}.${key}`, key, `one of: ${list}`, where);
    this.name = 'ForensicValidationError';
    this.key = key;
    this.suggestion = nearest(key, known);
    const prefix = [construct, where].filter((p) => p !== undefined && p !== '').join(' ');
    const hint = this.suggestion === undefined ? '' : `; did you mean "${this.suggestion}"?`;
    this.message = `${prefix ? `${prefix}: ` : ''}unknown prop ${JSON.stringify(key)} in ${bag} (expected one of: ${list}${hint})`;
  }
}

/**
 * The known key nearest to `key` (case ignored), or undefined when none is close: a key that
 * `key` begins with or that begins with `key` (`retentionDays`, `isolation`) first, then the
 * smallest edit distance, a longer common prefix breaking ties. Close is an edit distance of at
 * most a third of the longer key (at least 2), or a common prefix of 60 % of the shorter.
 */
function nearest(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: { candidate: string; rank: [number, number, number] } | undefined;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const d = editDistance(k, c);
    const common = commonPrefix(k, c);
    const shorter = Math.min(k.length, c.length);
    const prefix = shorter >= 4 && common === shorter;
    const close = prefix || d <= Math.max(2, Math.floor(Math.max(k.length, c.length) / 3)) || (common >= 4 && common >= 0.6 * shorter);
    if (!close) continue;
    const rank: [number, number, number] = [prefix ? 0 : 1, d, -common];
    if (best === undefined || before(rank, best.rank)) best = { candidate, rank };
  }
  return best?.candidate;
}

/** Whether rank `a` comes before rank `b`, comparing term by term. */
function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The length of the common prefix of two strings. */
function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

function renderValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * Tokens (CDK `${Token[...]}`, CDKTF `${TfToken[...]}`, a Terraform `${...}` expression) are
 * resolved at deploy time; the kit validates only what is known at construction and leaves tokens
 * to the service. Constructs test with their framework's own `Token.isUnresolved` (see PropCheck);
 * this framework-free test knows the same encodings: number tokens are doubles whose top 16 bits
 * carry a marker (0xFBFF in aws-cdk-lib, 0xFDFF in cdktf), never a magnitude such as `-Infinity`.
 */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${Token[') || value.includes('${TfToken[') || /^\$\{.+\}$/.test(value);
  if (typeof value === 'number') return isNumberToken(value);
  return false;
}

const NUMBER_TOKEN_MARKERS = [0xfbff, 0xfdff];

function isNumberToken(value: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return NUMBER_TOKEN_MARKERS.includes(view.getUint16(0));
}
