import { BedrockInvocationLoggingAllModalities } from '../../../../policies/rules/aws/BedrockInvocationLoggingAllModalities';
import { cfnModel, judge } from '../../helpers';

const ALL = { textDataDeliveryEnabled: true, imageDataDeliveryEnabled: true, embeddingDataDeliveryEnabled: true, videoDataDeliveryEnabled: true };
/** The `Create` text aws-cdk-lib writes: JSON around the staging bucket's name. */
const put = (config: Record<string, unknown>, service = 'Bedrock', action = 'PutModelInvocationLoggingConfiguration') => {
  const text = JSON.stringify({ service, action, parameters: { loggingConfig: { ...config, s3Config: { bucketName: 'BUCKET', keyPrefix: 'logs' } } }, physicalResourceId: { id: 'x' } });
  const [before, after] = text.split('BUCKET');
  return { 'Fn::Join': ['', [before, { Ref: 'Staging' }, after]] };
};
const verdict = (props: Record<string, unknown>, type = 'Custom::AWS') =>
  judge(BedrockInvocationLoggingAllModalities, cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: { Staging: { Type: 'AWS::S3::Bucket' }, Logging: { Type: type, Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:1:function:f', ...props } } } }), 'Logging');

describe('AWS.Bedrock.InvocationLoggingAllModalities', () => {
  it('passes every modality on, in Create and Update', () => {
    expect(verdict({ Create: put(ALL), Update: put(ALL) })).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/text, image, embedding and video/) });
  });

  it('passes a Create written as plain JSON text, through the SDK v3 client and command names', () => {
    expect(verdict({ Create: JSON.stringify({ service: '@aws-sdk/client-bedrock', action: 'PutModelInvocationLoggingConfigurationCommand', parameters: { loggingConfig: ALL } }) }).verdict).toBe('COMPLIANT');
  });

  it('fails image data off', () => {
    expect(verdict({ Create: put({ ...ALL, imageDataDeliveryEnabled: false }) })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/Create sets loggingConfig.imageDataDeliveryEnabled to false/) });
  });

  it('fails video and embedding data absent (the API leaves them off)', () => {
    const { videoDataDeliveryEnabled, embeddingDataDeliveryEnabled, ...rest } = ALL;
    void videoDataDeliveryEnabled; void embeddingDataDeliveryEnabled;
    expect(verdict({ Create: put(rest) }).reason).toMatch(/embeddingDataDeliveryEnabled absent, loggingConfig.videoDataDeliveryEnabled absent/);
  });

  it('fails an Update that turns text data off after a compliant Create', () => {
    expect(verdict({ Create: put(ALL), Update: put({ ...ALL, textDataDeliveryEnabled: false }) }).reason).toMatch(/Update sets loggingConfig.textDataDeliveryEnabled to false/);
  });

  it('is unknown for a switch from a parameter without default', () => {
    const text = JSON.stringify({ service: 'Bedrock', action: 'PutModelInvocationLoggingConfiguration', parameters: { loggingConfig: { ...ALL, textDataDeliveryEnabled: 'MARK' } } });
    const [before, after] = text.split('"MARK"');
    expect(verdict({ Create: { 'Fn::Join': ['', [before, { Ref: 'P' }, after]] } })).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/textDataDeliveryEnabled is unresolvable/) });
  });

  it('is unknown for a Create that is not JSON', () => {
    expect(verdict({ Create: { 'Fn::Join': ['', ['{"service":', { Ref: 'P' }]] } }).verdict).toBe('UNKNOWN');
  });

  it('judges a custom resource of another type name written by the same provider', () => {
    expect(verdict({ Create: put({ ...ALL, videoDataDeliveryEnabled: false }) }, 'AWS::CloudFormation::CustomResource').verdict).toBe('NON_COMPLIANT');
  });

  it('does not apply to another SDK call', () => {
    expect(verdict({ Create: JSON.stringify({ service: 'S3', action: 'PutBucketTagging', parameters: {} }) }).verdict).toBe('NOT_APPLICABLE');
  });

  it('does not apply to the delete call alone', () => {
    expect(verdict({ Delete: JSON.stringify({ service: 'Bedrock', action: 'DeleteModelInvocationLoggingConfiguration' }) }).verdict).toBe('NOT_APPLICABLE');
  });
});
