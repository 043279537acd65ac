import { Construct } from 'constructs';
import {
  acknowledgeKitWarning,
  EVIDENCE_SOURCES,
  evidenceSource,
  evidenceTags,
  Immutability,
  isKitWarningAcknowledged,
  TAG_KEYS,
  WARNINGS,
} from '../../constructs/core';
import { isGcpLabel } from '../../constructs/gcp/names';

describe('Immutability', () => {
  test('LOCKED maps to the irreversible mode of each cloud', () => {
    expect(Immutability.LOCKED.isLocked).toBe(true);
    expect(Immutability.LOCKED.s3Mode).toBe('COMPLIANCE');
    expect(Immutability.LOCKED.azureState).toBe('Locked');
  });
  test('SOAK maps to the reversible mode of each cloud', () => {
    expect(Immutability.SOAK.isLocked).toBe(false);
    expect(Immutability.SOAK.s3Mode).toBe('GOVERNANCE');
    expect(Immutability.SOAK.azureState).toBe('Unlocked');
  });
});

describe('evidence source catalog', () => {
  test('has the eleven sources, each described for every cloud', () => {
    expect(EVIDENCE_SOURCES.map((s) => s.id)).toEqual([
      'control-plane-audit',
      'storage-data-access',
      'ml-inference',
      'ml-training-lifecycle',
      'model-registry',
      'network-flow',
      'dns',
      'identity-sign-in',
      'configuration-history',
      'evidence-immutability',
      'log-integrity',
    ]);
    for (const s of EVIDENCE_SOURCES) {
      expect(s.aws.length).toBeGreaterThan(10);
      expect(s.gcp.length).toBeGreaterThan(10);
      expect(s.azure.length).toBeGreaterThan(10);
    }
  });
  test('throws on an unknown id', () => {
    expect(() => evidenceSource('nope' as never)).toThrow(/unknown evidence source/);
  });
});

describe('tags', () => {
  test('are valid GCP labels, so one vocabulary serves three clouds', () => {
    for (const [k, v] of Object.entries(evidenceTags('network-flow', true))) {
      expect(isGcpLabel(k, v)).toBe(true);
    }
  });
  test('mark stores only when asked', () => {
    expect(evidenceTags('dns')).not.toHaveProperty(TAG_KEYS.evidenceStore);
    expect(evidenceTags('dns', true)[TAG_KEYS.evidenceStore]).toBe('true');
  });
  test('GCP labels as GCP defines them: international lower-case letters pass, upper case does not', () => {
    expect(isGcpLabel('équipe', 'données')).toBe(true);
    expect(isGcpLabel('Owner', 'x')).toBe(false);
  });
});

describe('acknowledgeKitWarning', () => {
  // A construct of its own: constructs/core imports no cloud framework.
  const scope = (): Construct => new Construct(new Construct(undefined as never, ''), 'Scope');

  test.each([
    ['twenty spaces and punctuation', `${' '.repeat(20)}- - - - - - - - - -`, /must be at least 20 characters besides the rule id \(letters and digits; it has 0\)/],
    ['zero-width spaces between letters', `trial${'\u200b'.repeat(20)}account`, /holds 20 invisible characters \(U\+200B at character 6\)/],
    ['the warning id repeated', `${WARNINGS.SOAK_MODE} ${WARNINGS.SOAK_MODE}`, /must be at least 20 characters besides the rule id/],
  ])('refuses %s, naming what a reason must be', (_, reason, message) => {
    expect(() => acknowledgeKitWarning(scope(), WARNINGS.SOAK_MODE, reason)).toThrow(message);
    expect(() => acknowledgeKitWarning(scope(), WARNINGS.SOAK_MODE, reason)).toThrow(/^acknowledgeKitWarning: reason for forensic-readiness:soak-immutability /);
  });

  test('records a readable reason, and the scope and those below it count as acknowledged', () => {
    const s = scope();
    acknowledgeKitWarning(s, WARNINGS.SOAK_MODE, 'trial account, torn down after the pilot');
    expect(isKitWarningAcknowledged(new Construct(s, 'Child'), WARNINGS.SOAK_MODE)).toBe(true);
    expect(isKitWarningAcknowledged(s, WARNINGS.WEAKENED_DEFAULT)).toBe(false);
  });
});
