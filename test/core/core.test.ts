import {
  EVIDENCE_SOURCES,
  evidenceSource,
  evidenceTags,
  Immutability,
  TAG_KEYS,
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
