import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { presence, rawAt } from '../../facts/aws/evidence';

export const SageMakerDataCaptureKms: Rule = {
  id: 'AWS.SageMaker.DataCaptureKms',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::SageMaker::EndpointConfig'],
  description: 'An endpoint config writes captured requests and responses without a KMS key (DataCaptureConfig.KmsKeyId absent).',
  rationale:
    'Captured inputs and outputs hold the very data the model processes (personal data, prompts, predictions). With a customer-managed key, reading them takes kms:Decrypt under a key policy the security team controls, and each read is logged.',
  fix: 'Use SageMakerAudit (encryptionKey, default the destination EvidenceBucket key), or set DataCaptureConfig.KmsKeyId to a customer-managed key ARN.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: ['AML.T0024'],
  isApplicable: (r, ctx) => rawAt(ctx.model, r, 'DataCaptureConfig') !== undefined,
  check: (r, ctx) => {
    const p = presence(ctx.model, r, 'DataCaptureConfig.KmsKeyId');
    if (p === 'unknown') return unknown(`${r.address}: DataCaptureConfig.KmsKeyId is unresolvable before deploy`);
    return p === 'present' ? compliant(`${r.address}: DataCaptureConfig.KmsKeyId is set`) : nonCompliant(`${r.address}: DataCaptureConfig.KmsKeyId is absent`);
  },
};
