/**
 * What makes the reason of an acknowledgement one an auditor can read, for the checks'
 * acknowledgements (policies/engine/suppressions.ts) and for acknowledgeKitWarning alike.
 */

/**
 * Letters and digits a reason must have besides the rule id. Only they count: spaces, punctuation
 * and invisible characters say nothing an auditor can read.
 */
export const MIN_REASON_LENGTH = 20;

/** What a reason must be, as the adapters' validation errors say it. */
export const REASON_EXPECTED = `at least ${MIN_REASON_LENGTH} characters besides the rule id (letters and digits), with no invisible character`;

/**
 * Format and control characters (zero-width spaces, bidirectional marks, C0 and C1 controls) but
 * tab and newline: a reason of them looks empty, or other than it is, in every report.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

/**
 * What is wrong with an acknowledgement, or undefined when it is acceptable: a rule id, and a
 * reason with no invisible character and at least MIN_REASON_LENGTH letters or digits once the rule
 * id is taken out of it (a reason that only repeats the id says nothing).
 */
export function acknowledgementProblem(ruleId: unknown, reason: unknown): string | undefined {
  if (typeof ruleId !== 'string' || ruleId.trim() === '') return `ruleId must be a non-empty string, got ${JSON.stringify(ruleId ?? null)}`;
  if (typeof reason !== 'string') return `reason for ${ruleId} must be a string, got ${JSON.stringify(reason ?? null)}`;
  const invisible = [...reason.matchAll(INVISIBLE)].filter((m) => m[0] !== '\t' && m[0] !== '\n');
  if (invisible.length > 0) {
    const first = invisible[0];
    const at = [...reason.slice(0, first.index)].length + 1;
    return `reason for ${ruleId} holds ${invisible.length === 1 ? 'an invisible character' : `${invisible.length} invisible characters`} (${codePoint(first[0])} at character ${at}): a reason may hold no format or control character but tab and newline, so that an auditor sees all of it`;
  }
  const rest = reason.split(ruleId.trim()).join(' ');
  const visible = rest.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  if (visible < MIN_REASON_LENGTH) {
    return `reason for ${ruleId} must be at least ${MIN_REASON_LENGTH} characters besides the rule id (letters and digits; it has ${visible}), got ${JSON.stringify(reason)}`;
  }
  return undefined;
}

/** `U+200B`. */
function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
