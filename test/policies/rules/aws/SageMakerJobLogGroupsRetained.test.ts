import { SageMakerJobLogGroupsRetained } from '../../../../policies/rules/aws/SageMakerJobLogGroupsRetained';
import { runRules } from '../../../../policies/engine/runner';
import { DEFAULT_RULE_CONFIG } from '../../../../policies/engine/types';
import { AWS_RULES } from '../../../../policies/rules/aws';
import { cfnModel, judge } from '../../helpers';

const KEPT = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };
const group = (name: unknown, props: Record<string, unknown> = {}, attributes: Record<string, unknown> = KEPT) => ({
  Type: 'AWS::Logs::LogGroup',
  ...attributes,
  Properties: { LogGroupName: name, RetentionInDays: 365, DeletionProtectionEnabled: true, ...props },
});
const endpoint = (props: Record<string, unknown> = { EndpointName: 'fraud' }) => ({ Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'c', ...props } });
const model = (resources: Record<string, unknown>) => cfnModel({ Parameters: { P: { Type: 'String' } }, Resources: resources });
const verdict = (resources: Record<string, unknown>, address: string) => judge(SageMakerJobLogGroupsRetained, model(resources), address);

describe('AWS.SageMaker.JobLogGroupsRetained', () => {
  it('is a warning', () => expect(SageMakerJobLogGroupsRetained.severity).toBe('warning'));

  it('passes a SageMaker group retained on delete and replacement, with deletion protection', () => {
    expect(verdict({ G: group('/aws/sagemaker/TrainingJobs') }, 'G')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/with deletion protection/) });
  });

  it('fires on a group without deletion protection', () => {
    expect(verdict({ G: group('/aws/sagemaker/ProcessingJobs', { DeletionProtectionEnabled: undefined }) }, 'G')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/DeletionProtectionEnabled is absent/) });
  });

  it('leaves DeletionPolicy and UpdateReplacePolicy of a SageMaker group to AWS.Logs.EvidenceRetain, which counts it as evidence', () => {
    expect(verdict({ G: group('/aws/sagemaker/TrainingJobs', {}, { DeletionPolicy: 'Delete' }) }, 'G')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/with deletion protection \(its DeletionPolicy and UpdateReplacePolicy are judged by AWS\.Logs\.EvidenceRetain\)/) });
    // Its deletion protection is still judged here.
    expect(verdict({ G: group('/aws/sagemaker/TrainingJobs', { DeletionProtectionEnabled: false }, { DeletionPolicy: 'Delete' }) }, 'G').reason).toMatch(/: DeletionProtectionEnabled is false, so/);
  });

  it('a SageMaker job log group deleted with the stack gets exactly one DeletionPolicy finding across the rules, from AWS.Logs.EvidenceRetain', () => {
    const m = model({ G: group('/aws/sagemaker/TrainingJobs', {}, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Retain' }) });
    const findings = runRules(m, AWS_RULES, DEFAULT_RULE_CONFIG).findings.filter((f) => f.address === 'G' && /DeletionPolicy/.test(f.message));
    expect(findings.map((f) => [f.ruleId, f.verdict])).toEqual([['AWS.Logs.EvidenceRetain', 'NON_COMPLIANT']]);
  });

  it('is unknown for deletion protection from a parameter without default', () => {
    expect(verdict({ G: group('/aws/sagemaker/TrainingJobs', { DeletionProtectionEnabled: { Ref: 'P' } }) }, 'G').verdict).toBe('UNKNOWN');
  });

  it('is not applicable to a group SageMaker does not write into', () => {
    expect(verdict({ G: group('/app/logs', { DeletionProtectionEnabled: undefined }) }, 'G').verdict).toBe('NOT_APPLICABLE');
  });

  it('passes a named endpoint whose group is in the inputs', () => {
    expect(verdict({ E: endpoint(), G: group('/aws/sagemaker/Endpoints/fraud') }, 'E')).toEqual({ verdict: 'COMPLIANT', reason: expect.stringMatching(/Endpoints\/fraud is G/) });
  });

  it('fires on a named endpoint whose group is not in the inputs', () => {
    expect(verdict({ E: endpoint() }, 'E')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/\/aws\/sagemaker\/Endpoints\/fraud is not in the inputs, so SageMaker creates it on first use/) });
  });

  it('fires on an endpoint without a name', () => {
    expect(verdict({ E: endpoint({}) }, 'E').reason).toMatch(/EndpointName is absent/);
  });

  it('fires on a notebook instance and a Studio domain without their groups', () => {
    const nb = { Type: 'AWS::SageMaker::NotebookInstance', Properties: { InstanceType: 'ml.t3.medium', RoleArn: 'arn:aws:iam::1:role/r' } };
    const domain = { Type: 'AWS::SageMaker::Domain', Properties: { AuthMode: 'IAM', DomainName: 'd' } };
    expect(verdict({ N: nb, D: domain }, 'N').reason).toMatch(/NotebookInstances is not in the inputs/);
    expect(verdict({ N: nb, D: domain }, 'D').reason).toMatch(/\/aws\/sagemaker\/studio is not in the inputs/);
    expect(verdict({ N: nb, D: domain, G: group('/aws/sagemaker/studio') }, 'D').verdict).toBe('COMPLIANT');
  });

  it('is unknown for an endpoint whose group is adopted (a subscription filter names it, no input holds it)', () => {
    const filter = { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: '/aws/sagemaker/Endpoints/fraud', FilterPattern: '', DestinationArn: 'arn:aws:firehose:eu-west-1:1:deliverystream/x' } };
    expect(verdict({ E: endpoint(), F: filter }, 'E')).toEqual({ verdict: 'UNKNOWN', reason: expect.stringMatching(/adopted/) });
  });

  it('is unknown for an endpoint name from a parameter without default', () => {
    expect(verdict({ E: endpoint({ EndpointName: { Ref: 'P' } }) }, 'E').verdict).toBe('UNKNOWN');
  });
});
