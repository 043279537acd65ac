/** What an evidence store guarantees: how long it keeps records and whether anyone can alter them. */
export interface StoreFacts {
  /** The address of the store. */
  readonly address: string;
  /** Its resource type. */
  readonly type: string;
  /** Its file, as reports show it. */
  readonly file: string;
  /** Days a record is kept at least; null when the template does not say (or the value is only known at deploy). `Infinity`: never expires. */
  readonly retentionDays: number | null;
  /** `locked`: nobody can alter or delete before expiry; `reversible`: a privileged principal can; `no`: ordinary permissions can; `unknown`: not resolvable. */
  readonly immutability: 'locked' | 'reversible' | 'no' | 'unknown';
}

/** The part of StoreFacts a cloud's facts module derives. */
export type StoreGuarantee = Pick<StoreFacts, 'retentionDays' | 'immutability'>;

/** A number as templates write it (CloudFormation numbers may be strings); null otherwise. */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** A boolean as templates write it; undefined otherwise. */
export function booleanOf(v: unknown): boolean | undefined {
  return v === true || v === 'true' || v === 'True' ? true : v === false || v === 'false' || v === 'False' ? false : undefined;
}
