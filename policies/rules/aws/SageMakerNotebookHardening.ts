import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { presence, show } from '../../facts/aws/evidence';

/** DirectInternetAccess and RootAccess default to Enabled; DirectInternetAccess Disabled needs a SubnetId. */
export const SageMakerNotebookHardening: Rule = {
  id: 'AWS.SageMaker.NotebookHardening',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::SageMaker::NotebookInstance'],
  description: 'A notebook instance has direct internet access, root access, or no KMS key (DirectInternetAccess, RootAccess not Disabled, or KmsKeyId absent).',
  rationale:
    "A notebook with direct internet access sends its traffic past the VPC, where no flow log or DNS log sees it; root access lets a user (or a malicious package they install) disable the instance's own logging and read other users' credentials; without KMS its volume is outside the key policy.",
  fix: 'Set DirectInternetAccess: Disabled (with SubnetId and SecurityGroupIds), RootAccess: Disabled and KmsKeyId to a customer-managed key on the AWS::SageMaker::NotebookInstance (SageMakerAudit hardeningEnabled does this for notebooks in its scope).',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1552.005', 'T1078.004'],
  atlas: ['AML.T0010', 'AML.T0055', 'AML.T0025'],
  check: (r, ctx) => {
    const m = ctx.model;
    const internet = m.get(r, 'DirectInternetAccess');
    const root = m.get(r, 'RootAccess');
    const key = presence(m, r, 'KmsKeyId');
    const bad = [
      ...(internet === 'Disabled' || isUnresolved(internet) ? [] : [`DirectInternetAccess is ${internet === undefined ? 'absent (Enabled)' : show(internet)}`]),
      ...(root === 'Disabled' || isUnresolved(root) ? [] : [`RootAccess is ${root === undefined ? 'absent (Enabled)' : show(root)}`]),
      ...(key === 'absent' ? ['KmsKeyId is absent'] : []),
    ];
    if (bad.length > 0) return nonCompliant(`${r.address}: ${bad.join(', ')}`);
    if (isUnresolved(internet) || isUnresolved(root) || key === 'unknown') return unknown(`${r.address}: DirectInternetAccess, RootAccess or KmsKeyId is unresolvable before deploy`);
    return compliant(`${r.address}: no direct internet access, no root access, KmsKeyId set`);
  },
};
