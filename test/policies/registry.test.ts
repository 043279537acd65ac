import * as fs from 'fs';
import * as path from 'path';
import { EVIDENCE_SOURCES } from '../../constructs/core/evidence-sources';
import { cloudOf } from '../../policies/engine/model';
import { DEFAULT_RULE_CONFIG, Severity } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { AWS_RULES } from '../../policies/rules/aws';
import { AZURE_RULES } from '../../policies/rules/azure';
import { GCP_RULES } from '../../policies/rules/gcp';

// BEGIN PINNED RULES (regenerate: npx tsx bin/pin-rules.ts)
const PINNED: readonly (readonly [string, Severity])[] = [
  ['AWS.S3.ObjectLockCompliance', 'error'],
  ['AWS.S3.ObjectLockGovernance', 'warning'],
  ['AWS.S3.EvidenceVersioning', 'error'],
  ['AWS.S3.EvidencePublicAccessBlock', 'error'],
  ['AWS.S3.EvidenceTlsOnly', 'error'],
  ['AWS.S3.EvidenceKmsEncryption', 'error'],
  ['AWS.S3.EvidenceRetain', 'error'],
  ['AWS.S3.EvidenceDenyWildcardExemption', 'error'],
  ['AWS.S3.AccessLogTargetDeliverable', 'error'],
  ['AWS.Logs.EvidenceRetention', 'error'],
  ['AWS.Logs.EvidenceRetain', 'error'],
  ['AWS.Logs.EvidenceKms', 'warning'],
  ['AWS.KMS.EvidenceKey', 'warning'],
  ['AWS.CloudTrail.IsLogging', 'error'],
  ['AWS.CloudTrail.MultiRegion', 'error'],
  ['AWS.CloudTrail.ManagementEvents', 'error'],
  ['AWS.CloudTrail.LogFileValidation', 'error'],
  ['AWS.CloudTrail.KmsEncryption', 'error'],
  ['AWS.CloudTrail.LockedDestination', 'error'],
  ['AWS.CloudTrail.CloudWatchLogs', 'error'],
  ['AWS.CloudTrail.S3DataEvents', 'error'],
  ['AWS.CloudTrail.ExcludesOwnBucket', 'error'],
  ['AWS.CloudTrail.SageMakerEndpointDataEvents', 'error'],
  ['AWS.EC2.VpcFlowLogs', 'error'],
  ['AWS.EC2.FlowLogFields', 'error'],
  ['AWS.EC2.FlowLogAggregationInterval', 'warning'],
  ['AWS.Route53Resolver.VpcQueryLogging', 'error'],
  ['AWS.SageMaker.DataCaptureInputOutput', 'error'],
  ['AWS.SageMaker.DataCaptureSampling', 'warning'],
  ['AWS.SageMaker.DataCaptureKms', 'error'],
  ['AWS.SageMaker.DataCaptureLockedDestination', 'error'],
  ['AWS.SageMaker.EndpointVolumeKms', 'error'],
  ['AWS.SageMaker.ModelIsolation', 'error'],
  ['AWS.SageMaker.NotebookHardening', 'error'],
  ['AWS.SageMaker.JobLogGroupsRetained', 'warning'],
  ['AWS.SageMaker.JobLogsExported', 'error'],
  ['AWS.SageMaker.StudioSourceIdentity', 'warning'],
  ['AWS.Bedrock.InvocationLoggingAllModalities', 'error'],
  ['AWS.CloudTrail.BedrockDataEvents', 'error'],
  ['AWS.GuardDuty.S3Protection', 'error'],
  ['AWS.GuardDuty.RuntimeMonitoring', 'warning'],
  ['AWS.GuardDuty.FindingsExport', 'warning'],
  ['AWS.Config.RecorderAllResources', 'error'],
  ['AWS.Config.DeliveryToEvidence', 'error'],
  ['AWS.Config.SnapshotFrequency', 'warning'],
  ['AWS.Config.RetentionPeriod', 'warning'],
  ['AWS.Athena.WorkgroupEnforcedEncryption', 'error'],
  ['AWS.Athena.WorkgroupResultsOutsideEvidence', 'error'],
  ['GCP.Audit.DataAccessLogs', 'error'],
  ['GCP.Audit.ServiceCoverage', 'error'],
  ['GCP.Logging.AuditLogsRouted', 'error'],
  ['GCP.Logging.SinkLockedDestination', 'error'],
  ['GCP.Logging.SinkFilterCoverage', 'error'],
  ['GCP.Logging.SinkIncludeChildren', 'warning'],
  ['GCP.Logging.BucketLocked', 'error'],
  ['GCP.Logging.BucketAnalytics', 'warning'],
  ['GCP.Logging.BucketCmek', 'warning'],
  ['GCP.Logging.BucketNotDestroyable', 'warning'],
  ['GCP.Asset.FeedContentTypes', 'error'],
  ['GCP.PubSub.AssetFeedLockedDestination', 'error'],
  ['GCP.PubSub.AssetFeedTopicHardening', 'warning'],
  ['GCP.Storage.RetentionLocked', 'error'],
  ['GCP.Storage.NotDeletable', 'error'],
  ['GCP.Storage.UniformAccess', 'error'],
  ['GCP.Storage.PublicAccessPrevention', 'error'],
  ['GCP.Storage.EvidenceCmek', 'warning'],
  ['GCP.Storage.SoftDeleteAndUsageLogs', 'warning'],
  ['GCP.Network.SubnetFlowLogs', 'error'],
  ['GCP.Network.SubnetFlowSampling', 'warning'],
  ['GCP.Network.VpcFlowLogCoverage', 'warning'],
  ['GCP.Network.FirewallLogging', 'error'],
  ['GCP.Network.FirewallLogMetadata', 'warning'],
  ['GCP.Network.EgressLogged', 'warning'],
  ['GCP.Network.NatLogging', 'error'],
  ['GCP.Dns.PolicyLogging', 'error'],
  ['GCP.Dns.NetworkLogging', 'error'],
  ['GCP.Logging.NetworkLogsRouted', 'error'],
  ['GCP.Vertex.EndpointRequestLogging', 'error'],
  ['GCP.Vertex.EndpointLogSampling', 'warning'],
  ['GCP.Vertex.Cmek', 'error'],
  ['GCP.Workbench.NoPublicIp', 'error'],
  ['GCP.Workbench.Hardening', 'warning'],
  ['GCP.BigQuery.EvidenceDatasetRetained', 'warning'],
  ['GCP.BigQuery.EvidenceDatasetCmek', 'warning'],
  ['GCP.Kms.KeyNotDestroyable', 'warning'],
  ['GCP.Kms.KeyRotation', 'warning'],
  ['AZURE.Storage.ImmutabilityPolicy', 'error'],
  ['AZURE.Storage.ImmutabilityLocked', 'warning'],
  ['AZURE.Storage.ImmutabilityAppendWrites', 'warning'],
  ['AZURE.Storage.BlobVersioning', 'error'],
  ['AZURE.Storage.ChangeFeed', 'error'],
  ['AZURE.Storage.SoftDelete', 'error'],
  ['AZURE.Storage.SecureTransport', 'error'],
  ['AZURE.Storage.SharedKeyDisabled', 'error'],
  ['AZURE.Storage.NestedPublicAccessDisabled', 'error'],
  ['AZURE.Storage.DeleteLock', 'warning'],
  ['AZURE.Storage.PreventDestroy', 'error'],
  ['AZURE.Storage.EvidenceNetworkDeny', 'warning'],
  ['AZURE.Storage.EvidenceAccountHardening', 'warning'],
  ['AZURE.Storage.BlobDataAccessLogs', 'error'],
  ['AZURE.Monitor.DiagnosticsImmutableCopy', 'error'],
  ['AZURE.Monitor.ActivityLogCategories', 'error'],
  ['AZURE.Monitor.ActivityLogExported', 'error'],
  ['AZURE.Monitor.EntraSignInLogs', 'error'],
  ['AZURE.Monitor.EntraRiskAndProvisioningLogs', 'warning'],
  ['AZURE.LogAnalytics.Retention', 'error'],
  ['AZURE.LogAnalytics.TotalRetention', 'warning'],
  ['AZURE.LogAnalytics.LocalAuthDisabled', 'warning'],
  ['AZURE.LogAnalytics.PreventDestroy', 'warning'],
  ['AZURE.LogAnalytics.NoDailyCap', 'error'],
  ['AZURE.Sentinel.AnalyticsRuleEnabled', 'warning'],
  ['AZURE.Network.VnetFlowLogs', 'error'],
  ['AZURE.Network.FlowLogTrafficAnalytics', 'error'],
  ['AZURE.Network.FlowLogTrafficAnalyticsInterval', 'warning'],
  ['AZURE.Monitor.MlWorkspaceDiagnostics', 'error'],
  ['AZURE.MachineLearning.WorkspacePublicNetworkDisabled', 'error'],
  ['AZURE.MachineLearning.WorkspaceHighBusinessImpact', 'error'],
  ['AZURE.MachineLearning.WorkspaceV1LegacyModeDisabled', 'warning'],
  ['AZURE.MachineLearning.WorkspaceManagedNetwork', 'warning'],
  ['AZURE.MachineLearning.ComputeLocalAuthDisabled', 'warning'],
  ['AZURE.MachineLearning.ComputeNodePublicIpDisabled', 'warning'],
  ['AZURE.Monitor.MlOnlineEndpointTrafficLog', 'error'],
  ['AZURE.Monitor.CognitiveAccountDiagnostics', 'error'],
  ['AZURE.CognitiveServices.LocalAuthDisabled', 'error'],
  ['AZURE.CognitiveServices.PublicNetworkDisabled', 'warning'],
  ['AZURE.Monitor.KeyVaultAuditLogs', 'warning'],
  ['AZURE.KeyVault.PurgeProtection', 'warning'],
];
// END PINNED RULES

describe('rule registry', () => {
  test('every rule id and severity is pinned (a rename or a severity change shows up here)', () => {
    expect(ALL_RULES.map((r) => [r.id, r.severity])).toEqual(PINNED);
  });

  test('ALL_RULES is the AWS, GCP and Azure registries, in that order', () => {
    expect(ALL_RULES).toEqual([...AWS_RULES, ...GCP_RULES, ...AZURE_RULES]);
  });

  test('a rule file is named after its id: policies/rules/<cloud>/<id without cloud and dots>.ts exports that one rule', () => {
    const folder = path.join(__dirname, '../../policies/rules');
    const files = fs.readdirSync(folder).flatMap((cloud) => (fs.statSync(path.join(folder, cloud)).isDirectory() ? fs.readdirSync(path.join(folder, cloud)).filter((f) => /^[A-Z].*\.ts$/.test(f)).map((f) => `${cloud}/${f}`) : []));
    const expected = ALL_RULES.map((r) => `${r.cloud}/${r.id.split('.').slice(1).join('')}.ts`);
    expect(files.sort()).toEqual([...expected].sort());
    for (const rule of ALL_RULES) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(folder, `${rule.cloud}/${rule.id.split('.').slice(1).join('')}`)) as Record<string, unknown>;
      expect(Object.values(mod).filter((v) => v === rule)).toHaveLength(1);
    }
  });

  test('a rule folder holds only its rules and its index; facts live in policies/facts, memoized by the model', () => {
    const rules = path.join(__dirname, '../../policies/rules');
    const clouds = fs.readdirSync(rules).filter((c) => fs.statSync(path.join(rules, c)).isDirectory());
    expect(clouds.sort()).toEqual(['aws', 'azure', 'gcp']);
    for (const cloud of clouds) {
      expect([cloud, fs.readdirSync(path.join(rules, cloud)).filter((f) => !/^[A-Z].*\.ts$/.test(f))]).toEqual([cloud, ['index.ts']]);
    }
    // One memo, in the engine (model.fact): a cache of a rule's or a fact module's own could outlive a run.
    const sources = ['policies/rules', 'policies/facts'].flatMap((dir) =>
      (fs.readdirSync(path.join(__dirname, '../..', dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)),
    );
    const caching = sources.filter((f) => /^(export )?(const|let) \w+ = new (Weak)?Map<\s*(ResourceModel|Resource)\b/m.test(fs.readFileSync(path.join(__dirname, '../..', f), 'utf8')));
    expect(caching).toEqual([]);
  });

  test('ids are unique', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  describe.each(ALL_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    test('has every field, non-empty', () => {
      for (const field of ['id', 'description', 'rationale', 'fix', 'evidenceSource', 'nist'] as const) {
        expect(typeof rule[field] === 'string' && rule[field].trim().length > 0).toBe(true);
      }
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      expect(rule.appliesTo.every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
      expect(rule.attack.length).toBeGreaterThan(0);
      expect(Array.isArray(rule.atlas)).toBe(true);
      expect(typeof rule.check).toBe('function');
    });

    test('id names its cloud, and it judges only resource types of that cloud', () => {
      expect(rule.id).toMatch(/^(AWS|GCP|AZURE)\.[A-Za-z0-9]+\.[A-Za-z0-9]+$/);
      expect(rule.id.split('.')[0].toLowerCase()).toBe(rule.cloud);
      expect(rule.appliesTo.map(cloudOf).filter((c) => c !== rule.cloud)).toEqual([]);
    });

    test('maps to the catalog and to well-formed technique ids', () => {
      expect(EVIDENCE_SOURCES.map((s) => s.id)).toContain(rule.evidenceSource);
      expect(['Collection', 'Examination', 'Analysis', 'Reporting']).toContain(rule.nist);
      for (const t of rule.attack) expect(t).toMatch(/^T\d{4}(\.\d{3})?$/);
      for (const t of rule.atlas) expect(t).toMatch(/^AML\.T\d{4}(\.\d{3})?$/);
      if (rule.attack.includes('T1562.008')) expect(rule.attack).toContain('T1685.002');
    });

    test('reads only known thresholds', () => {
      for (const k of rule.thresholds ?? []) expect(Object.keys(DEFAULT_RULE_CONFIG)).toContain(k);
    });
  });
});
