import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';
import { kitWarning } from '../cdktf/warnings';
import { EvidenceSourceId, evidenceTags, PropCheck, WarningId } from '../core';
import { checkFraction, checkLabels, gcpCheck, MEMBER, RFC1035 } from './names';

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

/**
 * The kit's labels plus the caller's, validated as GCP labels (lower-case letters, international
 * ones too, digits, `_` and `-`, at most 63 characters; at most 64 labels). `where` is the
 * construct path for messages, or the construct's PropCheck.
 */
export function gcpLabels(source: EvidenceSourceId, store: boolean, extra: unknown = {}, where: string | PropCheck = ''): Record<string, string> {
  const check = typeof where === 'string' ? gcpCheck(where) : where;
  return evidenceTags(source, store, checkLabels(check, 'tags', extra, store ? 3 : 2));
}

/** Asserts an IAM member such as `serviceAccount:x@p.iam.gserviceaccount.com`; tokens pass. */
export function requireMember(prop: string, member: unknown, where: string | PropCheck = ''): void {
  const check = typeof where === 'string' ? gcpCheck(where) : where;
  check.string(prop, member, MEMBER);
}

/** RFC 1035 names, as Compute Engine, DNS and router resources want them. */
export const RFC1035_NAME = RFC1035.pattern!;
/** What RFC1035_NAME expects, as a validation error words it. */
export const RFC1035_EXPECTED = RFC1035.expected!;

/** Asserts a sampling fraction in (0, 1]; tokens pass. */
export function requireFraction(prop: string, value: unknown, where: string | PropCheck = ''): void {
  const check = typeof where === 'string' ? gcpCheck(where) : where;
  checkFraction(check, prop, value, 1);
}
