import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { EvidenceSourceId, PropKeys, WARNINGS } from '../core';
import { KMS_KEY_ROTATION_MAX_DAYS } from '../core/catalogs';
import { gcpLabels, requireMember, warn } from './annotations';
import { checkEvidenceSource, KMS_LOCATION, PROJECT_ID } from './names';

/** The kit's rotation period: 90 days (constructs/core/catalogs.ts, the rule's limit too). A longer one warns. */
export const DEFAULT_ROTATION_DAYS = KMS_KEY_ROTATION_MAX_DAYS;

const KMS_NAME = { pattern: /^[a-zA-Z0-9_-]{1,63}$/, expected: '1 to 63 letters, digits, underscores and hyphens' };

/**
 * A Cloud KMS key the kit encrypts evidence with. A `KmsCryptoKey` satisfies it, and so does
 * `{ id: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' }` for a key managed elsewhere.
 * The key must be in the location of what it encrypts (GCS, log buckets, Vertex AI and BigQuery
 * all require it).
 */
export interface IEncryptionKey {
  /** The key's full resource name: `projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys/{k}`. */
  readonly id: string;
}

/** The props of a ForensicKey: its location and project, the names of the key ring and key, and the rotation period. */
export interface ForensicKeyProps {
  /** The KMS location: a region (`us-central1`), a multi-region (`us`) or `global`; it must match the data's. */
  readonly location: string;
  /** The project of the key ring. @default - the provider's project */
  readonly project?: string;
  /** The key ring name, unique per project and location. @default 'forensic-readiness' */
  readonly keyRingName?: string;
  /** The key name. @default 'evidence' */
  readonly keyName?: string;
  /**
   * Days between automatic rotations (a new primary version; old versions still decrypt): an
   * integer from 2 to 36500 (a number token passes). Above 90 warns.
   * @default 90
   */
  readonly rotationDays?: number;
  /** The evidence source the key protects, for labels. @default 'evidence-immutability' */
  readonly evidenceSource?: EvidenceSourceId;
  /** Extra labels. @default - the kit's labels only */
  readonly tags?: Record<string, string>;
}

/** The props ForensicKeyProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const FORENSIC_KEY_PROPS_KEYS = { location: true, project: true, keyRingName: true, keyName: true, rotationDays: true, evidenceSource: true, tags: true } as const satisfies PropKeys<ForensicKeyProps>;

/**
 * A key ring and a symmetric ENCRYPT_DECRYPT key with automatic rotation, both with
 * `prevent_destroy`: destroying the key would make every object it encrypted unreadable, which
 * is deletion of evidence by other means. Cloud KMS never deletes key rings or keys anyway (only
 * key versions, after the scheduled-destruction period), so the names stay taken forever.
 */
export class ForensicKey extends Construct implements IEncryptionKey {
  /** The key ring (prevent_destroy). */
  public readonly keyRing: KmsKeyRing;
  /** The symmetric ENCRYPT_DECRYPT key with automatic rotation (prevent_destroy). */
  public readonly key: KmsCryptoKey;
  /** Days between automatic rotations (a number token when given as one). */
  public readonly rotationDays: number;
  private readonly grants = new Map<string, KmsCryptoKeyIamMember>();

  constructor(scope: Construct, id: string, props: ForensicKeyProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    props = check.props<ForensicKeyProps>('props', props, FORENSIC_KEY_PROPS_KEYS, 'ForensicKeyProps');
    // Cloud KMS wants a rotation period of more than one day.
    const rotationDays = check.integer('rotationDays', props.rotationDays, { min: 2, max: 36_500 }, DEFAULT_ROTATION_DAYS);
    const location = check.string('location', props.location, KMS_LOCATION);
    const project = check.optionalString('project', props.project, PROJECT_ID);
    const keyRingName = check.string('keyRingName', props.keyRingName ?? 'forensic-readiness', KMS_NAME);
    const keyName = check.string('keyName', props.keyName ?? 'evidence', KMS_NAME);
    const source = checkEvidenceSource(check, props.evidenceSource, 'evidence-immutability');
    const labels = gcpLabels(source, false, props.tags, check);
    this.rotationDays = rotationDays;

    this.keyRing = new KmsKeyRing(this, 'KeyRing', {
      name: keyRingName,
      location,
      project,
      lifecycle: { preventDestroy: true },
    });
    // A deploy-time number of days stays a Terraform expression: `${(var.days * 86400)}s`.
    const seconds = check.isToken(rotationDays) ? Token.asString(Op.mul(rotationDays, 86_400)) : String(rotationDays * 86_400);
    this.key = new KmsCryptoKey(this, 'Resource', {
      name: keyName,
      keyRing: this.keyRing.id,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod: `${seconds}s`,
      labels,
      lifecycle: { preventDestroy: true },
    });
    if (!check.isToken(rotationDays) && rotationDays > DEFAULT_ROTATION_DAYS) {
      warn(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}: the key rotates every ${rotationDays} days, longer than the kit's ${DEFAULT_ROTATION_DAYS}; a leaked key version protects more evidence for longer.`,
      );
    }
  }


  /** The key's full resource name. */
  public get id(): string {
    return this.key.id;
  }

  /**
   * Lets a service agent encrypt and decrypt with this key (roles/cloudkms.cryptoKeyEncrypterDecrypter),
   * as CMEK requires of the agent of each service that writes data under it. Idempotent per member.
   */
  public grantEncryptDecrypt(member: string, id: string): KmsCryptoKeyIamMember {
    return grantKeyUse(this, this.id, member, id, this.grants);
  }
}

/**
 * Grants roles/cloudkms.cryptoKeyEncrypterDecrypter on any key (the kit's or one given by id).
 * The grant is a `google_kms_crypto_key_iam_member`: additive, it never removes other members.
 */
export function grantKeyUse(
  scope: Construct,
  keyId: string,
  member: string,
  id: string,
  cache?: Map<string, KmsCryptoKeyIamMember>,
): KmsCryptoKeyIamMember {
  requireMember('member', member, scope.node.path);
  propCheck(scope).string('keyId', keyId, { expected: 'a key name projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys/{k}' });
  const existing = cache?.get(member);
  if (existing) return existing;
  const grant = new KmsCryptoKeyIamMember(scope, id, {
    cryptoKeyId: keyId,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member,
  });
  cache?.set(member, grant);
  return grant;
}
