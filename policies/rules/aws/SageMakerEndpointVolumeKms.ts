import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { presence } from '../../facts/aws/evidence';

/**
 * The endpoint config's KmsKeyId encrypts the ML storage volume. Instance types with local NVMe
 * instance storage (e.g. the "d" families and ml.g4dn) cannot take it: CreateEndpointConfig fails,
 * and their instance storage is encrypted by the instance hardware instead. Acknowledge the finding
 * for such an endpoint config, naming the instance type.
 */
export const SageMakerEndpointVolumeKms: Rule = {
  id: 'AWS.SageMaker.EndpointVolumeKms',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::SageMaker::EndpointConfig'],
  description: "An endpoint config does not encrypt its instances' storage volumes with a KMS key (KmsKeyId absent).",
  rationale:
    'The storage volume holds the model artifacts and whatever the container writes; with a customer-managed key, access to it is governed and logged by KMS. Instance types with local NVMe storage cannot take KmsKeyId (their instance storage is hardware-encrypted): acknowledge the finding for those, with the instance type as the reason.',
  fix: 'Use SageMakerAudit (hardeningEnabled), or set KmsKeyId on the AWS::SageMaker::EndpointConfig to a customer-managed key ARN; not possible for instance types with local NVMe storage.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: ['AML.T0035', 'AML.T0044'],
  check: (r, ctx) => {
    const p = presence(ctx.model, r, 'KmsKeyId');
    if (p === 'unknown') return unknown(`${r.address}: KmsKeyId is unresolvable before deploy`);
    return p === 'present' ? compliant(`${r.address}: KmsKeyId is set`) : nonCompliant(`${r.address}: KmsKeyId is absent`);
  },
};
