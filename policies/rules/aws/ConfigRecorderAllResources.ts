import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { recorderGaps } from '../../facts/aws/config';

/**
 * The recorder's on state: CloudFormation starts it unless StartedOnCreate is false; hashicorp/aws
 * starts it only through aws_config_configuration_recorder_status, merged into the recorder as
 * StartedOnCreate by the translation (facts/aws/terraform.ts).
 */
export const ConfigRecorderAllResources: Rule = {
  id: 'AWS.Config.RecorderAllResources',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Config::ConfigurationRecorder'],
  description: 'An AWS Config recorder leaves resource types out (a type list, exclusions, or no global IAM types), records daily, or is not started.',
  rationale:
    'Configuration history is how an investigator sees what a bucket policy, a role, a key or an endpoint looked like before and after a change. A type left out, global IAM types among them, has no history at all; daily recording loses a change reverted within the day; a recorder that is not started records nothing.',
  fix: 'Use ConfigurationHistory, or set RecordingGroup AllSupported: true, IncludeGlobalResourceTypes: true (RecordingStrategy UseOnly ALL_SUPPORTED_RESOURCE_TYPES, no ResourceTypes or exclusions), RecordingMode CONTINUOUS, and leave StartedOnCreate true (hashicorp/aws: recording_group { all_supported = true, include_global_resource_types = true } and an aws_config_configuration_recorder_status with is_enabled = true).',
  evidenceSource: 'configuration-history',
  nist: 'Collection',
  attack: ['T1098.001', 'T1136.003'],
  atlas: ['AML.T0010'],
  check: (r, ctx) => {
    const { gaps, unknown: open } = recorderGaps(ctx.model, r);
    if (gaps.length > 0) return nonCompliant(`${r.address}: ${gaps.join('; ')}`);
    if (open.length > 0) return unknown(`${r.address}: ${open.join('; ')}`);
    return compliant(`${r.address} records every supported resource type, global IAM types included, continuously, and is started`);
  },
};
