import { ConfigRecorderAllResources } from '../../../../policies/rules/aws/ConfigRecorderAllResources';
import { cfnModel, judge, tfModel } from '../../helpers';

const ALL = { AllSupported: true, IncludeGlobalResourceTypes: true, RecordingStrategy: { UseOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } };
const verdict = (props: Record<string, unknown>) =>
  judge(ConfigRecorderAllResources, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Recorder: { Type: 'AWS::Config::ConfigurationRecorder', Properties: { RoleARN: 'arn:aws:iam::1:role/config', ...props } } } }), 'Recorder');

describe('AWS.Config.RecorderAllResources', () => {
  it('passes every supported type with the global IAM types, continuous, started', () => {
    expect(verdict({ RecordingGroup: ALL, RecordingMode: { RecordingFrequency: 'CONTINUOUS' } })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/records every supported resource type, global IAM types included/) });
    // The strategy is optional with AllSupported; CloudFormation's "true" strings are booleans too.
    expect(verdict({ RecordingGroup: { AllSupported: 'true', IncludeGlobalResourceTypes: 'True' }, StartedOnCreate: true }).verdict).toBe('COMPLIANT');
  });

  it('fails without a recording group (Config then leaves the global IAM types out)', () => {
    expect(verdict({}).reason).toMatch(/RecordingGroup is absent, so Config records regional types only/);
  });

  it('fails the global IAM types left out', () => {
    expect(verdict({ RecordingGroup: { ...ALL, IncludeGlobalResourceTypes: false } }).reason).toMatch(/IncludeGlobalResourceTypes is false, so IAM users, groups, roles/);
    const { IncludeGlobalResourceTypes, ...rest } = ALL;
    void IncludeGlobalResourceTypes;
    expect(verdict({ RecordingGroup: rest }).reason).toMatch(/IncludeGlobalResourceTypes is absent/);
  });

  it('fails a list of types, and exclusions', () => {
    expect(verdict({ RecordingGroup: { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'], RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' } } }).reason).toMatch(
      /AllSupported is false.*UseOnly is "INCLUSION_BY_RESOURCE_TYPES".*ResourceTypes lists 1 type, and only those are recorded/,
    );
    expect(verdict({ RecordingGroup: { ...ALL, RecordingStrategy: { UseOnly: 'EXCLUSION_BY_RESOURCE_TYPES' }, ExclusionByResourceTypes: { ResourceTypes: ['AWS::SageMaker::Model', 'AWS::IAM::Role'] } } }).reason).toMatch(
      /ExclusionByResourceTypes.ResourceTypes lists 2 types left unrecorded/,
    );
  });

  it('fails daily recording, by default or for some types', () => {
    expect(verdict({ RecordingGroup: ALL, RecordingMode: { RecordingFrequency: 'DAILY' } }).reason).toMatch(/RecordingFrequency is "DAILY", so a change reverted within the day/);
    expect(verdict({ RecordingGroup: ALL, RecordingMode: { RecordingFrequency: 'CONTINUOUS', RecordingModeOverrides: [{ RecordingFrequency: 'DAILY', ResourceTypes: ['AWS::EC2::Instance'] }] } }).reason).toMatch(/a RecordingModeOverrides entry records "DAILY"/);
  });

  it('fails a recorder not started', () => {
    expect(verdict({ RecordingGroup: ALL, StartedOnCreate: false }).reason).toMatch(/StartedOnCreate is false, so the recorder is not recording/);
  });

  it('is unknown for values from a parameter without default', () => {
    expect(verdict({ RecordingGroup: { ...ALL, IncludeGlobalResourceTypes: { Ref: 'P' } } })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/IncludeGlobalResourceTypes is unresolvable/) });
    expect(verdict({ RecordingGroup: { 'Fn::If': ['C', ALL, {}] } }).verdict).toBe('UNKNOWN');
    expect(verdict({ RecordingGroup: ALL, StartedOnCreate: { Ref: 'P' } }).reason).toMatch(/StartedOnCreate is unresolvable/);
  });

  it('hashicorp/aws: the recorder is on only with a recorder status resource, and include_global_resource_types defaults to false', () => {
    const doc = (status: Record<string, unknown> | undefined, group: Record<string, unknown> = { all_supported: true, include_global_resource_types: true }) => ({
      resource: {
        aws_config_configuration_recorder: { main: { name: 'main', role_arn: 'arn:aws:iam::1:role/config', recording_group: group } },
        ...(status ? { aws_config_configuration_recorder_status: { main: status } } : {}),
      },
    });
    const tf = (d: ReturnType<typeof doc>) => judge(ConfigRecorderAllResources, tfModel(d), 'aws_config_configuration_recorder.main');
    expect(tf(doc({ name: '${aws_config_configuration_recorder.main.name}', is_enabled: true })).verdict).toBe('COMPLIANT');
    expect(tf(doc({ name: 'main', is_enabled: true })).verdict).toBe('COMPLIANT');
    expect(tf(doc(undefined)).reason).toMatch(/StartedOnCreate is false/);
    expect(tf(doc({ name: '${aws_config_configuration_recorder.main.name}', is_enabled: false })).reason).toMatch(/StartedOnCreate is false/);
    expect(tf(doc({ name: '${aws_config_configuration_recorder.main.name}', is_enabled: '${var.on}' })).verdict).toBe('UNKNOWN');
    expect(tf(doc({ name: '${aws_config_configuration_recorder.main.name}', is_enabled: true }, { all_supported: true })).reason).toMatch(/IncludeGlobalResourceTypes is false/);
  });
});
