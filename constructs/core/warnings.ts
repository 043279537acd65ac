import { IConstruct } from 'constructs';
import { WarningId } from './immutability';

const ACK_KEY = 'forensic-readiness:acknowledged-warning';

/** The text of a kit warning: the id first, so it can be found and acknowledged. */
export function formatWarning(id: WarningId, message: string): string {
  return `[${id}] ${message}`;
}

/**
 * Acknowledge a kit warning on a scope and everything below it, with a reason an auditor can read.
 * The acknowledgement is recorded in the construct metadata. CDK stacks can also use
 * `Annotations.of(scope).acknowledgeWarning(id, reason)`; this works for CDKTF too.
 */
export function acknowledgeKitWarning(scope: IConstruct, id: WarningId, reason: string): void {
  if (!reason || reason.trim().length < 20) {
    throw new Error(`acknowledgeKitWarning: reason must be at least 20 characters, got ${JSON.stringify(reason ?? '')}`);
  }
  scope.node.addMetadata(ACK_KEY, { id, reason });
}

/** Whether a kit warning was acknowledged on this scope or one of its ancestors. */
export function isKitWarningAcknowledged(scope: IConstruct, id: WarningId): boolean {
  for (const s of scope.node.scopes) {
    if (s.node.metadata.some((m) => m.type === ACK_KEY && (m.data as { id?: string }).id === id)) return true;
  }
  return false;
}
