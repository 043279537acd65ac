import { Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { EvidenceBucket, SageMakerAudit } from '../../constructs/aws';
import { Retention, WARNINGS } from '../../constructs/core';
import { newStack, numberParameter, only, refusal, template, warnings } from './helpers';

function workload(stack: ReturnType<typeof newStack>, opts: { isolation?: boolean; vpc?: boolean; notebookSubnet?: boolean } = {}) {
  const model = new sagemaker.CfnModel(stack, 'Model', {
    executionRoleArn: 'arn:aws:iam::111122223333:role/model',
    primaryContainer: { image: 'example.com/image:1' },
    enableNetworkIsolation: opts.isolation,
    vpcConfig: opts.vpc === false ? undefined : { subnets: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
  });
  const config = new sagemaker.CfnEndpointConfig(stack, 'Config', {
    productionVariants: [{ variantName: 'a', modelName: model.attrModelName, initialInstanceCount: 1, instanceType: 'ml.m5.large' }],
  });
  new sagemaker.CfnEndpoint(stack, 'Endpoint', { endpointName: 'prod-endpoint', endpointConfigName: config.attrEndpointConfigName });
  new sagemaker.CfnNotebookInstance(stack, 'Notebook', { instanceType: 'ml.t3.medium', roleArn: 'arn:aws:iam::111122223333:role/nb', subnetId: opts.notebookSubnet === false ? undefined : 'subnet-0123456789abcdef0', securityGroupIds: ['sg-0123456789abcdef0'] });
}

describe('SageMakerAudit', () => {
  test('defaults: every endpoint config in the stack captures Input and Output of every request, with KMS, into the evidence prefix', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    workload(stack);
    new SageMakerAudit(stack, 'Audit', { destination: evidence });
    const cfg = only(template(stack), 'AWS::SageMaker::EndpointConfig').Properties;
    expect(cfg.DataCaptureConfig.EnableCapture).toBe(true);
    expect(cfg.DataCaptureConfig.InitialSamplingPercentage).toBe(100);
    expect(cfg.DataCaptureConfig.CaptureOptions).toEqual([{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }]);
    expect(cfg.DataCaptureConfig.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] });
    expect(cfg.DataCaptureConfig.DestinationS3Uri).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: expect.stringMatching(/^Evidence/) }, '/sagemaker-data-capture']] });
    expect(cfg.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EvidenceKey/), 'Arn'] });
  });

  test('defaults: models get network isolation, notebooks lose root and direct internet access and gain KMS', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    workload(stack);
    new SageMakerAudit(stack, 'Audit', { destination: evidence });
    const t = template(stack);
    expect(only(t, 'AWS::SageMaker::Model').Properties.EnableNetworkIsolation).toBe(true);
    const nb = only(t, 'AWS::SageMaker::NotebookInstance').Properties;
    expect(nb.RootAccess).toBe('Disabled');
    expect(nb.DirectInternetAccess).toBe('Disabled');
    expect(nb.KmsKeyId).toBeDefined();
  });

  test('defaults: the endpoint log group exists before the endpoint, kept 365 days, encrypted, retained, deletion-protected', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    workload(stack);
    new SageMakerAudit(stack, 'Audit', { destination: evidence });
    const t = template(stack);
    const group = only(t, 'AWS::Logs::LogGroup');
    expect(group.Properties.LogGroupName).toBe('/aws/sagemaker/Endpoints/prod-endpoint');
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.Properties.KmsKeyId).toBeDefined();
    expect(group.DeletionPolicy).toBe('Retain');
    expect(group.Properties.DeletionProtectionEnabled).toBe(true);
    const [groupId] = Object.keys(t.findResources('AWS::Logs::LogGroup'));
    expect(only(t, 'AWS::SageMaker::Endpoint').DependsOn).toContain(groupId);
  });

  test('applies to endpoint configs that exist before it, in another scope given', () => {
    const stack = newStack();
    workload(stack);
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    new SageMakerAudit(stack, 'Audit', { destination: evidence, scope: stack, prefix: 'capture/prod' });
    expect(only(template(stack), 'AWS::SageMaker::EndpointConfig').Properties.DataCaptureConfig.DestinationS3Uri['Fn::Join'][1][2]).toBe('/capture/prod');
  });

  test('exposes where capture writes, and the endpoints and variants under its scope with literal names, for the investigation pack', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const audit = new SageMakerAudit(stack, 'Audit', { destination: evidence, prefix: 'capture/prod' });
    expect(audit.capturedEndpoints()).toEqual({ endpointNames: [], variantNames: [] });
    workload(stack);
    // A config whose variants are a token and an endpoint named at deploy are not folders known at synth.
    new sagemaker.CfnEndpointConfig(stack, 'Tokens', { productionVariants: Lazy.any({ produce: () => [] }) });
    new sagemaker.CfnEndpoint(stack, 'Unnamed', { endpointConfigName: 'x' });
    new sagemaker.CfnEndpointConfig(stack, 'Second', { productionVariants: [{ variantName: 'b', modelName: 'm', initialInstanceCount: 1, instanceType: 'ml.m5.large' }, { variantName: 'a', modelName: 'm', initialInstanceCount: 1, instanceType: 'ml.m5.large' }] });
    expect(audit.capturedEndpoints()).toEqual({ endpointNames: ['prod-endpoint'], variantNames: ['a', 'b'] });
    expect([audit.destination, audit.prefix]).toEqual([evidence, 'capture/prod']);
  });

  test('grantCapture lets the execution role append under the prefix only', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const audit = new SageMakerAudit(stack, 'Audit', { destination: evidence });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    audit.grantCapture(role);
    const statements = only(template(stack), 'AWS::IAM::Policy').Properties.PolicyDocument.Statement as any[];
    const put = statements.find((s) => s.Action === 's3:PutObject');
    expect(put.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Evidence/), 'Arn'] }, '/sagemaker-data-capture/*']] });
  });

  test('a lower sampling percentage is applied and warns', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    workload(stack);
    new SageMakerAudit(stack, 'Audit', { destination: evidence, samplingPercentage: 20 });
    expect(only(template(stack), 'AWS::SageMaker::EndpointConfig').Properties.DataCaptureConfig.InitialSamplingPercentage).toBe(20);
    expect(warnings(stack).join('\n')).toContain(WARNINGS.PARTIAL_SAMPLING);
  });

  test('hardening off leaves models and notebooks as written, and warns', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    workload(stack);
    new SageMakerAudit(stack, 'Audit', { destination: evidence, hardeningEnabled: false, retention: Retention.days(90) });
    const t = template(stack);
    expect(only(t, 'AWS::SageMaker::Model').Properties.EnableNetworkIsolation).toBeUndefined();
    expect(only(t, 'AWS::SageMaker::NotebookInstance').Properties.RootAccess).toBeUndefined();
    const w = warnings(stack).join('\n');
    expect(w).toContain(WARNINGS.WEAKENED_DEFAULT);
    expect(w).toContain(WARNINGS.SHORT_RETENTION);
  });

  test('an explicit network-isolation false, a model without VPC, a notebook without subnet: kept, each warned', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    workload(stack, { isolation: false, vpc: false, notebookSubnet: false });
    new SageMakerAudit(stack, 'Audit', { destination: evidence });
    const t = template(stack);
    expect(only(t, 'AWS::SageMaker::Model').Properties.EnableNetworkIsolation).toBe(false);
    expect(only(t, 'AWS::SageMaker::NotebookInstance').Properties.DirectInternetAccess).toBeUndefined();
    expect(warnings(stack).filter((w) => w.includes(WARNINGS.WEAKENED_DEFAULT) && /TestStack\/(Model|Notebook)/.test(w))).toHaveLength(3);
  });

  test('fails when sampling is 0', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    expect(() => new SageMakerAudit(stack, 'A', { destination: evidence, samplingPercentage: 0 })).toThrow(/samplingPercentage must be an integer from 1 to 100, got 0/);
  });

  test('fails when the prefix starts with a slash', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    expect(() => new SageMakerAudit(stack, 'A', { destination: evidence, prefix: '/capture' })).toThrow(/prefix must be an S3 key prefix/);
  });

  test('fails when log retention is beyond what CloudWatch allows', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    expect(() => new SageMakerAudit(stack, 'A', { destination: evidence, retention: Retention.days(5000) })).toThrow(/retention must be 1 to 3653 days/);
  });

  test('fails when log retention is 0 days', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    expect(() => new SageMakerAudit(stack, 'A', { destination: evidence, retention: Retention.days(0) })).toThrow(/retention must be 1 to 3653 days \(CloudWatch Logs\), got "0 days"/);
  });


  test('an endpoint without an endpointName warns that its log group cannot be created beforehand', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const config = new sagemaker.CfnEndpointConfig(stack, 'Config', { productionVariants: [{ variantName: 'a', modelName: 'm', initialInstanceCount: 1, instanceType: 'ml.m5.large' }] });
    new sagemaker.CfnEndpoint(stack, 'Unnamed', { endpointConfigName: config.attrEndpointConfigName });
    new SageMakerAudit(stack, 'Audit', { destination: evidence });
    template(stack).resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(warnings(stack).filter((w) => w.includes(WARNINGS.WEAKENED_DEFAULT) && /TestStack\/Unnamed: the endpoint has no endpointName/.test(w))).toHaveLength(1);
  });

  test.each([
    ['destination', {}],
    ['destination', { destination: 'arn:aws:s3:::evidence' }],
    ['samplingPercentage', { samplingPercentage: NaN }],
    ['samplingPercentage', { samplingPercentage: 50.5 }],
    ['retention', { retention: 365 }],
    ['hardeningEnabled', { hardeningEnabled: 'off' }],
    ['scope', { scope: 'stack' }],
    ['encryptionKey', { encryptionKey: 'alias/evidence' }],
  ])('fails when %s is missing or has the wrong type', (prop, props) => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    const given = Object.keys(props).length === 0 ? {} : { destination: evidence, ...props };
    expect(refusal(() => new SageMakerAudit(stack, 'A', given as any)).prop).toBe(prop);
  });

  test('a token retention reaches the endpoint log group unchanged, and a token sampling the capture config', () => {
    const stack = newStack();
    const evidence = new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false });
    workload(stack);
    new SageMakerAudit(stack, 'Audit', { destination: evidence, retention: Retention.days(numberParameter(stack)), samplingPercentage: numberParameter(stack, 'Sampling') });
    const t = template(stack);
    expect(only(t, 'AWS::Logs::LogGroup').Properties.RetentionInDays).toEqual({ Ref: 'Days' });
    expect(only(t, 'AWS::SageMaker::EndpointConfig').Properties.DataCaptureConfig.InitialSamplingPercentage).toEqual({ Ref: 'Sampling' });
    const w = warnings(stack).join('\n');
    expect(w).not.toContain(WARNINGS.SHORT_RETENTION);
    expect(w).not.toContain(WARNINGS.PARTIAL_SAMPLING);
  });
});
