import { readdirSync } from 'fs';
import { join } from 'path';
import { EVIDENCE_SOURCES } from '../../../../constructs/core/evidence-sources';
import { GCP_RULES } from '../../../../policies/rules/gcp';

const RULE_DIR = join(__dirname, '../../../../policies/rules/gcp');

/** Technique ids listed in shared/MAPPINGS.md (the only ids rules may use). */
const ATTACK = ['T1078.004', 'T1098.001', 'T1136.003', 'T1530', 'T1537', 'T1567', 'T1485', 'T1490', 'T1486', 'T1578.001', 'T1578.002', 'T1580', 'T1526', 'T1619', 'T1552.005', 'T1496', 'T1648', 'T1651', 'T1562.008', 'T1685.002'];
const ATLAS = ['AML.T0020', 'AML.T0059', 'AML.T0010', 'AML.T0010.002', 'AML.T0010.003', 'AML.T0018', 'AML.T0076', 'AML.T0040', 'AML.T0024', 'AML.T0024.000', 'AML.T0024.001', 'AML.T0024.002', 'AML.T0029', 'AML.T0034', 'AML.T0012', 'AML.T0055', 'AML.T0007', 'AML.T0035', 'AML.T0044', 'AML.T0025'];

describe('GCP rule registry', () => {
  it('pins every GCP rule id and severity', () => {
    expect(GCP_RULES.map((r) => `${r.id} ${r.severity}`)).toEqual([
      'GCP.Audit.DataAccessLogs error',
      'GCP.Audit.ServiceCoverage error',
      'GCP.Logging.AuditLogsRouted error',
      'GCP.Logging.SinkLockedDestination error',
      'GCP.Logging.SinkFilterCoverage error',
      'GCP.Logging.SinkIncludeChildren warning',
      'GCP.Logging.BucketLocked error',
      'GCP.Logging.BucketAnalytics warning',
      'GCP.Logging.BucketCmek warning',
      'GCP.Logging.BucketNotDestroyable warning',
      'GCP.Asset.FeedContentTypes error',
      'GCP.PubSub.AssetFeedLockedDestination error',
      'GCP.PubSub.AssetFeedTopicHardening warning',
      'GCP.Storage.RetentionLocked error',
      'GCP.Storage.NotDeletable error',
      'GCP.Storage.UniformAccess error',
      'GCP.Storage.PublicAccessPrevention error',
      'GCP.Storage.EvidenceCmek warning',
      'GCP.Storage.SoftDeleteAndUsageLogs warning',
      'GCP.Network.SubnetFlowLogs error',
      'GCP.Network.SubnetFlowSampling warning',
      'GCP.Network.VpcFlowLogCoverage warning',
      'GCP.Network.FirewallLogging error',
      'GCP.Network.FirewallLogMetadata warning',
      'GCP.Network.EgressLogged warning',
      'GCP.Network.NatLogging error',
      'GCP.Dns.PolicyLogging error',
      'GCP.Dns.NetworkLogging error',
      'GCP.Logging.NetworkLogsRouted error',
      'GCP.Vertex.EndpointRequestLogging error',
      'GCP.Vertex.EndpointLogSampling warning',
      'GCP.Vertex.Cmek error',
      'GCP.Workbench.NoPublicIp error',
      'GCP.Workbench.Hardening warning',
      'GCP.BigQuery.EvidenceDatasetRetained warning',
      'GCP.BigQuery.EvidenceDatasetCmek warning',
      'GCP.Kms.KeyNotDestroyable warning',
      'GCP.Kms.KeyRotation warning',
    ]);
  });

  it('registers every rule file once, and each file exports a rule named after it', () => {
    const files = readdirSync(RULE_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'));
    expect(files).toHaveLength(GCP_RULES.length);
    for (const f of files) {
      const name = f.replace(/\.ts$/, '');
      const mod = require(join(RULE_DIR, f));
      expect(GCP_RULES).toContain(mod[name]);
    }
  });

  it('gives every rule its metadata, a known evidence source and only mapped technique ids', () => {
    const sources = EVIDENCE_SOURCES.map((s) => s.id);
    expect(new Set(GCP_RULES.map((r) => r.id)).size).toBe(GCP_RULES.length);
    for (const r of GCP_RULES) {
      expect(r.cloud).toBe('gcp');
      expect(r.id).toMatch(/^GCP\.[A-Za-z]+\.[A-Za-z]+$/);
      expect(r.appliesTo.length).toBeGreaterThan(0);
      expect(r.appliesTo.every((t) => t.startsWith('google_'))).toBe(true);
      for (const text of [r.description, r.rationale, r.fix]) expect(text.length).toBeGreaterThan(30);
      expect(sources).toContain(r.evidenceSource);
      for (const a of r.attack) expect(ATTACK).toContain(a);
      for (const a of r.atlas) expect(ATLAS).toContain(a);
      if (r.attack.includes('T1562.008')) expect(r.attack).toContain('T1685.002');
    }
  });
});
