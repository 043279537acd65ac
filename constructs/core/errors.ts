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
