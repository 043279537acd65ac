import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { AWS_RULES } from '../../policies/rules/aws';
import { AuditTrail, BedrockInvocationLogging, EvidenceBucket } from '../../constructs/aws';
import { BEDROCK_DATA_EVENT_TYPES } from '../../constructs/core';
import { ForensicValidationError, Retention, WARNINGS } from '../../constructs/core';
import { newStack, numberParameter, only, refusal, stringParameter, template, warnings } from './helpers';

const trailOf = (stack: ReturnType<typeof newStack>) => only(template(stack), 'AWS::CloudTrail::Trail');
/** The messages of the NON_COMPLIANT findings of one rule on the stack's synthesized template. */
const findingsOf = (stack: Stack, ruleId: string): string[] =>
  runRules(buildModel([loadDocument(template(stack).toJSON(), 'TestStack.template.json')]), AWS_RULES.filter((r) => r.id === ruleId))
    .findings.filter((f) => f.verdict === 'NON_COMPLIANT')
    .map((f) => f.message);

describe('AuditTrail', () => {
  test('defaults: multi-region, global events, log file validation, KMS, logging on, Insights', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    const p = trailOf(stack).Properties;
    expect(p.IsMultiRegionTrail).toBe(true);
    expect(p.IncludeGlobalServiceEvents).toBe(true);
    expect(p.EnableLogFileValidation).toBe(true);
    expect(p.IsLogging).toBe(true);
    expect(p.KMSKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TrailEvidenceKey/), 'Arn'] });
    expect(p.InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }]);
    expect(p.IsOrganizationTrail).toBeUndefined();
  });

  test('defaults: delivers into an object-locked evidence bucket it creates', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    const t = template(stack);
    const bucketRef = trailOf(stack).Properties.S3BucketName.Ref;
    expect(t.toJSON().Resources[bucketRef].Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 365 });
  });

  test('defaults: a CloudWatch Logs copy kept 365 days, KMS-encrypted, retained', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    const t = template(stack);
    const group = only(t, 'AWS::Logs::LogGroup');
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.Properties.KmsKeyId).toBeDefined();
    expect(group.DeletionPolicy).toBe('Retain');
    expect(trailOf(stack).Properties.CloudWatchLogsLogGroupArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TrailLogGroup/), 'Arn'] });
  });

  test('defaults: advanced selectors for management events and SageMaker endpoint invocations, no basic selectors', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    const p = trailOf(stack).Properties;
    expect(p.EventSelectors).toBeUndefined();
    expect(p.AdvancedEventSelectors).toEqual([
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { Name: 'SageMaker endpoint invocations', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::SageMaker::Endpoint'] }] },
    ]);
  });

  test('defaults: the key policy lets CloudTrail and CloudWatch Logs encrypt', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    const sids = (only(template(stack), 'AWS::KMS::Key').Properties.KeyPolicy.Statement as any[]).map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['AllowCloudTrailToEncryptLogs', 'AllowCloudTrailToDescribeKey', 'AllowCloudWatchLogsToEncrypt']));
  });

  test('S3 data events are scoped to the given buckets, so the trail bucket is excluded', () => {
    const stack = newStack();
    const data = new s3.Bucket(stack, 'TrainingData');
    new AuditTrail(stack, 'Trail', { dataEvents: { s3Buckets: [data] } });
    const s3Selector = (trailOf(stack).Properties.AdvancedEventSelectors as any[]).find((s) => s.Name.startsWith('S3'));
    expect(s3Selector.FieldSelectors).toEqual([
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      { Field: 'resources.ARN', StartsWith: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^TrainingData/), 'Arn'] }, '/']] }] },
    ]);
  });

  test('SageMaker endpoint events can be limited to given endpoints', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { dataEvents: { sageMakerEndpointArns: ['arn:aws:sagemaker:us-east-1:111122223333:endpoint/prod'] } });
    const sm = (trailOf(stack).Properties.AdvancedEventSelectors as any[]).find((s) => s.Name.startsWith('SageMaker endpoint'));
    expect(sm.FieldSelectors[2]).toEqual({ Field: 'resources.ARN', StartsWith: ['arn:aws:sagemaker:us-east-1:111122223333:endpoint/prod'] });
  });

  test('feature groups, Lambda and Bedrock data events are added when asked', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { dataEvents: { sageMakerFeatureGroups: true, lambdaFunctions: true, bedrock: true } });
    const types = (trailOf(stack).Properties.AdvancedEventSelectors as any[]).flatMap((s) => s.FieldSelectors.filter((f: any) => f.Field === 'resources.type').map((f: any) => f.Equals[0]));
    expect(types).toEqual(expect.arrayContaining(['AWS::SageMaker::FeatureGroup', 'AWS::Lambda::Function', 'AWS::Bedrock::Model', 'AWS::Bedrock::AgentAlias', 'AWS::Bedrock::KnowledgeBase']));
  });

  test('Bedrock data events of every type are on when the app holds a BedrockInvocationLogging, in another stack too', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    const other = new Stack(stack.node.root as App, 'Workload');
    new BedrockInvocationLogging(other, 'Bedrock', { destination: new EvidenceBucket(other, 'Evidence', { serverAccessLogsEnabled: false }) });
    const bedrock = (trailOf(stack).Properties.AdvancedEventSelectors as any[]).filter((s) => s.Name.startsWith('Bedrock'));
    expect(bedrock.map((s) => s.FieldSelectors)).toEqual(BEDROCK_DATA_EVENT_TYPES.map((type) => [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [type] }]));
    expect(BEDROCK_DATA_EVENT_TYPES).toEqual(expect.arrayContaining(['AWS::Bedrock::PromptVersion', 'AWS::Bedrock::Session', 'AWS::Bedrock::FlowExecution', 'AWS::Bedrock::Tool']));
    expect(BEDROCK_DATA_EVENT_TYPES).toHaveLength(11);
  });

  test('Bedrock data events are off without a BedrockInvocationLogging, and stay off when bedrock is false', () => {
    const bare = newStack();
    new AuditTrail(bare, 'Trail');
    expect((trailOf(bare).Properties.AdvancedEventSelectors as any[]).some((s) => s.Name.startsWith('Bedrock'))).toBe(false);
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { dataEvents: { bedrock: false } });
    new BedrockInvocationLogging(stack, 'Bedrock', { destination: new EvidenceBucket(stack, 'Evidence', { serverAccessLogsEnabled: false }) });
    expect((trailOf(stack).Properties.AdvancedEventSelectors as any[]).some((s) => s.Name.startsWith('Bedrock'))).toBe(false);
  });

  test('SageMaker endpoint events can be switched off', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { dataEvents: { sageMakerEndpoints: false } });
    expect((trailOf(stack).Properties.AdvancedEventSelectors as any[]).map((s) => s.Name)).toEqual(['Management events']);
  });

  test('an organization trail names the organization', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { isOrganizationTrail: true, orgId: 'o-a1b2c3d4e5' });
    expect(trailOf(stack).Properties.IsOrganizationTrail).toBe(true);
  });

  test('a given destination and key are used', () => {
    const stack = newStack();
    const dest = new EvidenceBucket(stack, 'Central');
    const key = new kms.Key(stack, 'TrailKey');
    new AuditTrail(stack, 'Trail', { destination: dest, encryptionKey: key });
    const p = trailOf(stack).Properties;
    expect(p.S3BucketName).toEqual({ Ref: expect.stringMatching(/^Central/) });
    expect(p.KMSKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TrailKey/), 'Arn'] });
  });

  test('a longer retention is rounded up to a value CloudWatch Logs allows', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { retention: Retention.years(2) });
    expect(only(template(stack), 'AWS::Logs::LogGroup').Properties.RetentionInDays).toBe(731);
  });

  test('switching off the CloudWatch copy and Insights warns', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { cloudWatchLogsEnabled: false, insightsEnabled: false });
    template(stack).resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(trailOf(stack).Properties.InsightSelectors).toBeUndefined();
    expect(warnings(stack).filter((w) => w.includes(WARNINGS.WEAKENED_DEFAULT))).toHaveLength(2);
  });

  test('a retention under the floor warns', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { retention: Retention.days(90) });
    expect(warnings(stack).join('\n')).toContain(WARNINGS.SHORT_RETENTION);
  });

  test("fails when the trail's own bucket is among the data-event buckets", () => {
    const stack = newStack();
    const dest = new EvidenceBucket(stack, 'Central');
    expect(() => new AuditTrail(stack, 'Trail', { destination: dest, dataEvents: { s3Buckets: [dest.bucket] } })).toThrow(/dataEvents.s3Buckets\[0\] must be a bucket other than the trail's own destination/);
  });

  test.each<[string, (audit: AuditTrail, stack: Stack) => void, RegExp]>([
    ['trail.addS3EventSelector', (audit, stack) => audit.trail.addS3EventSelector([{ bucket: s3.Bucket.fromBucketName(stack, 'Existing', 'acme-existing-training-data') }]), /trail event selectors \(trail\.addS3EventSelector.*\) must be absent: AuditTrail writes the trail's AdvancedEventSelectors itself.*dataEvents\.s3Buckets or recordS3DataEvents\(bucket\).*got \[\{"dataResources"/],
    ['trail.logAllLambdaDataEvents', (audit) => audit.trail.logAllLambdaDataEvents(), /trail event selectors .* must be absent: .*dataEvents\.lambdaFunctions/],
    ['trail.addEventSelector', (audit) => audit.trail.addEventSelector(cloudtrail.DataResourceType.S3_OBJECT, ['arn:aws:s3:::acme/']), /\[TestStack\/Trail\] trail event selectors .* must be absent/],
    ['CfnTrail advancedEventSelectors', (audit) => ((audit.trail.node.defaultChild as cloudtrail.CfnTrail).advancedEventSelectors = [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }] }]), /CfnTrail advancedEventSelectors must be absent: AuditTrail writes the trail's AdvancedEventSelectors itself from its props/],
  ])('fails at synth when selectors are added outside the props (%s), which the trail would drop', (_, add, message) => {
    const stack = newStack();
    const audit = new AuditTrail(stack, 'Trail');
    add(audit, stack);
    expect(() => template(stack)).toThrow(message);
  });

  test('escape hatches that weaken the trail are findings: no management events, management reads only, a deletable log group', () => {
    const dataOnly = newStack();
    const a = new AuditTrail(dataOnly, 'Trail');
    (a.trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('AdvancedEventSelectors', [{ Name: 'endpoints', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::SageMaker::Endpoint'] }] }]);
    expect(findingsOf(dataOnly, 'AWS.CloudTrail.ManagementEvents')).toEqual([expect.stringContaining('no trail of the inputs records every management event')]);
    const readsOnly = newStack();
    const b = new AuditTrail(readsOnly, 'Trail');
    (b.trail.node.defaultChild as cloudtrail.CfnTrail).addPropertyOverride('AdvancedEventSelectors', [{ Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] }]);
    expect(findingsOf(readsOnly, 'AWS.CloudTrail.ManagementEvents')).toEqual([expect.stringContaining('only management reads are recorded')]);
    const deletable = newStack();
    new AuditTrail(deletable, 'Trail').logGroup!.applyRemovalPolicy(RemovalPolicy.DESTROY);
    expect(findingsOf(deletable, 'AWS.Logs.EvidenceRetain')).toEqual([expect.stringContaining('DeletionPolicy is "Delete", UpdateReplacePolicy is "Delete"')]);
    // The defaults pass both.
    const plain = newStack();
    new AuditTrail(plain, 'Trail');
    expect([...findingsOf(plain, 'AWS.CloudTrail.ManagementEvents'), ...findingsOf(plain, 'AWS.Logs.EvidenceRetain')]).toEqual([]);
  });

  test('fails when an organization trail has no organization id', () => {
    expect(() => new AuditTrail(newStack(), 'Trail', { isOrganizationTrail: true })).toThrow(/orgId must be an AWS Organizations id/);
  });

  test('fails when the organization id is malformed', () => {
    expect(() => new AuditTrail(newStack(), 'Trail', { isOrganizationTrail: true, orgId: 'org-123' })).toThrow(ForensicValidationError);
  });

  test('fails when retention is over ten years', () => {
    expect(() => new AuditTrail(newStack(), 'Trail', { retention: Retention.days(4000) })).toThrow(/retention must be 1 to 3653 days/);
  });

  test('switching off SageMaker endpoint data events warns', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { dataEvents: { sageMakerEndpoints: false } });
    expect(warnings(stack).filter((w) => w.includes(WARNINGS.WEAKENED_DEFAULT) && /InvokeEndpoint/.test(w))).toHaveLength(1);
  });

  test.each([
    ['my-_trail', /no two adjacent periods, underscores or dashes/],
    ['my--trail', /no two adjacent/],
    ['192.168.5.4', /not formatted as an IP address/],
    ['ab', /3 to 128/],
    ['a'.repeat(129), /3 to 128/],
    ['_trail', /beginning and ending with a letter or digit/],
    ['trail name', /letters, digits, periods, underscores and dashes/],
  ])('refuses the trail name %s with the kit error naming trailName', (name, why) => {
    const e = refusal(() => new AuditTrail(newStack(), 'Trail', { trailName: name }));
    expect(e.prop).toBe('trailName');
    expect(e.message).toMatch(why);
  });

  test.each([
    ['destination', { destination: 'arn:aws:s3:::evidence' }],
    ['cloudWatchLogsEnabled', { cloudWatchLogsEnabled: 1 }],
    ['retention', { retention: 365 }],
    ['orgId', { orgId: 'o-a1b2c3d4e5' }],
    ['dataEvents.sageMakerEndpoints', { dataEvents: { sageMakerEndpoints: 'yes' } }],
    ['dataEvents.sageMakerEndpointArns[0]', { dataEvents: { sageMakerEndpointArns: ['prod'] } }],
    ['dataEvents.sageMakerEndpointArns', { dataEvents: { sageMakerEndpoints: false, sageMakerEndpointArns: ['arn:aws:sagemaker:us-east-1:111122223333:endpoint/prod'] } }],
    ['dataEvents.s3Buckets[0]', { dataEvents: { s3Buckets: ['arn:aws:s3:::data'] } }],
  ])('fails when %s has the wrong type or value', (prop, props) => {
    expect(refusal(() => new AuditTrail(newStack(), 'Trail', props as any)).prop).toBe(prop);
  });

  test('a token retention reaches the log group unchanged, never rounded to 1 day', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { retention: Retention.days(numberParameter(stack)) });
    expect(only(template(stack), 'AWS::Logs::LogGroup').Properties.RetentionInDays).toEqual({ Ref: 'Days' });
    expect(warnings(stack).join('\n')).not.toContain(WARNINGS.SHORT_RETENTION);
  });

  test('a token trail name and organization id reach the template unchanged', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail', { trailName: stringParameter(stack), isOrganizationTrail: true, orgId: stringParameter(stack, 'Org') });
    expect(trailOf(stack).Properties.TrailName).toEqual({ Ref: 'Name' });
    expect(JSON.stringify(template(stack).toJSON())).toContain('{"Ref":"Org"}');
  });
});
