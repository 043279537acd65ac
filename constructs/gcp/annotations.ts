import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { kitWarning } from '../cdktf/warnings';
import { EvidenceSourceId, evidenceTags, ForensicValidationError, isUnresolved, isValidGcpLabel, WarningId } from '../core';

export { PRINT_WARNINGS_CONTEXT, PRINT_WARNINGS_ENV, shouldPrintKitWarnings } from '../cdktf/warnings';

/**
 * A kit warning at synth, unless the id was acknowledged on this scope or an ancestor with
 * `acknowledgeKitWarning(scope, id, reason)`. The acknowledgement must be made before the
 * construct is created: the check runs in the constructor, as in the AWS constructs. The
 * warning lands in the manifest and is printed on stderr at `app.synth()` (constructs/cdktf/warnings.ts).
 */
export function warn(scope: IConstruct, id: WarningId, message: string): void {
  kitWarning(scope, id, message);
}

/** An informational note at synth (irreversible locks and the like). */
export function inform(scope: IConstruct, message: string): void {
  Annotations.of(scope).addInfo(message);
}

/** The kit's labels plus the caller's, validated as GCP labels (lower-case, at most 63 characters). */
export function gcpLabels(source: EvidenceSourceId, store: boolean, extra: Record<string, string> = {}, where?: string): Record<string, string> {
  for (const [k, v] of Object.entries(extra)) {
    if (isUnresolved(k) || isUnresolved(v)) continue;
    if (!isValidGcpLabel(k, v)) {
      throw new ForensicValidationError(`tags.${k}`, v, 'a GCP label: key [a-z][a-z0-9_-]{0,62}, value [a-z0-9_-]{0,63}', where);
    }
  }
  return evidenceTags(source, store, extra);
}

/** IAM members the kit accepts in a grant; public principals are never accepted for evidence. */
const MEMBER = /^(user|serviceAccount|group|domain|principal|principalSet):\S+$/;

/** Asserts an IAM member such as `serviceAccount:x@p.iam.gserviceaccount.com`; tokens pass. */
export function requireMember(prop: string, member: string, where?: string): void {
  if (isUnresolved(member)) return;
  if (typeof member !== 'string' || !MEMBER.test(member)) {
    throw new ForensicValidationError(
      prop,
      member,
      'an IAM member user:, serviceAccount:, group:, domain:, principal: or principalSet: (allUsers and allAuthenticatedUsers are never granted evidence)',
      where,
    );
  }
}

/** RFC 1035 names, as Compute Engine, DNS and router resources want them. */
export const RFC1035_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** What RFC1035_NAME expects, as a validation error words it. */
export const RFC1035_EXPECTED = 'an RFC 1035 name: 1 to 63 lower-case letters, digits and hyphens, starting with a letter';

/** Asserts a sampling fraction in (0, 1]; tokens pass. */
export function requireFraction(prop: string, value: number, where?: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || value > 1) {
    throw new ForensicValidationError(prop, value, 'a fraction greater than 0 and at most 1', where);
  }
}
