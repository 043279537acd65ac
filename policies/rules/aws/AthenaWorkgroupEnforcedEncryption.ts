import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, presence, show } from '../../facts/aws/evidence';

/**
 * CloudFormation documents no default for EnforceWorkGroupConfiguration and Athena's console
 * leaves "Override client-side settings" off by default, so an absent value is judged not
 * enforced; the hashicorp/aws provider defaults it to true (its translation writes that out).
 */
export const AthenaWorkgroupEnforcedEncryption: Rule = {
  id: 'AWS.Athena.WorkgroupEnforcedEncryption',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Athena::WorkGroup'],
  description:
    'An Athena workgroup does not enforce its configuration, or does not encrypt query results with a KMS key (EnforceWorkGroupConfiguration not true, or ResultConfiguration.EncryptionConfiguration not SSE_KMS / CSE_KMS with a KmsKey).',
  rationale:
    "An investigator's query results are extracts of the evidence (who called which endpoint, from where). Unless the workgroup enforces its configuration, any client may write them unencrypted to a bucket of its choice; with a customer-managed key, every read of a result is a KMS call CloudTrail records.",
  fix: "Use InvestigationPack (its workgroup enforces SSE_KMS results with a key of its own), or set WorkGroupConfiguration.EnforceWorkGroupConfiguration: true and ResultConfiguration.EncryptionConfiguration { EncryptionOption: SSE_KMS, KmsKey } on the AWS::Athena::WorkGroup (Terraform: configuration.enforce_workgroup_configuration, result_configuration.encryption_configuration).",
  evidenceSource: 'log-integrity',
  nist: 'Examination',
  attack: ['T1530'],
  atlas: ['AML.T0035'],
  check: (r, ctx) => {
    const m = ctx.model;
    const enforce = asBool(m.get(r, 'WorkGroupConfiguration.EnforceWorkGroupConfiguration'));
    const option = m.get(r, 'WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.EncryptionOption');
    const key = presence(m, r, 'WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.KmsKey');
    const kms = option === 'SSE_KMS' || option === 'CSE_KMS';
    const bad = [
      ...(enforce === true || isUnresolved(enforce) ? [] : [`EnforceWorkGroupConfiguration is ${enforce === undefined ? 'absent (not enforced)' : show(enforce)}`]),
      ...(kms || isUnresolved(option) ? [] : [`the result EncryptionOption is ${option === undefined ? 'absent (results unencrypted unless each client asks)' : show(option)}`]),
      ...(kms && key === 'absent' ? [`${show(option)} names no KmsKey`] : []),
    ];
    if (bad.length > 0) return nonCompliant(`${r.address}: ${bad.join(', ')}`);
    if (isUnresolved(enforce) || isUnresolved(option) || key === 'unknown') {
      return unknown(`${r.address}: EnforceWorkGroupConfiguration, EncryptionOption or KmsKey is unresolvable before deploy`);
    }
    return compliant(`${r.address}: enforces its configuration and encrypts results with ${show(option)}`);
  },
};
