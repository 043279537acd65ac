import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { featureStatus } from '../../facts/aws/guardduty';

export const GuardDutyRuntimeMonitoring: Rule = {
  id: 'AWS.GuardDuty.RuntimeMonitoring',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::GuardDuty::Detector'],
  description: 'A GuardDuty detector has neither RUNTIME_MONITORING nor EKS_RUNTIME_MONITORING enabled.',
  rationale:
    'Runtime monitoring sees process, file and network activity inside EC2, ECS and EKS workloads: the only GuardDuty signal of a compromised ML library executing in a training or inference container, of crypto-mining, or of credential theft from the instance metadata service.',
  fix: 'Use ThreatDetection (runtimeMonitoringEnabled, on by default), or add Features [{ Name: RUNTIME_MONITORING, Status: ENABLED, AdditionalConfiguration: [agent management as needed] }] (not together with EKS_RUNTIME_MONITORING).',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1496', 'T1552.005', 'T1567', 'T1651'],
  atlas: ['AML.T0010'],
  check: (r, ctx) => {
    const s = featureStatus(ctx.model, r, ['RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING']);
    if (s === 'unknown') return unknown(`${r.address}: Features is unresolvable before deploy`);
    if (s === 'ENABLED') return compliant(`${r.address}: runtime monitoring is ENABLED`);
    return nonCompliant(`${r.address}: ${s === undefined ? 'no RUNTIME_MONITORING or EKS_RUNTIME_MONITORING feature is listed' : `runtime monitoring is ${s}`}`);
  },
};
