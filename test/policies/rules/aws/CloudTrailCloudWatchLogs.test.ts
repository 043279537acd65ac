import { CloudTrailCloudWatchLogs } from '../../../../policies/rules/aws/CloudTrailCloudWatchLogs';
import { cfnModel, judge } from '../../helpers';
import { lockedBucket, logGroup, trail } from './_fixtures';

const model = (props: Record<string, unknown>) =>
  cfnModel({
    Parameters: { Group: { Type: 'String' } },
    Resources: { TrailBucket: lockedBucket(), TrailLogs: logGroup(), TrailRole: { Type: 'AWS::IAM::Role', Properties: {} }, Trail: trail('TrailBucket', props) },
  });

describe('AWS.CloudTrail.CloudWatchLogs', () => {
  it('passes a log group and a role', () => {
    expect(judge(CloudTrailCloudWatchLogs, model({}), 'Trail').verdict).toBe('COMPLIANT');
  });

  it('fails without a log group', () => {
    expect(judge(CloudTrailCloudWatchLogs, model({ CloudWatchLogsLogGroupArn: undefined }), 'Trail')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/CloudWatchLogsLogGroupArn is absent/) });
  });

  it('fails without a role', () => {
    expect(judge(CloudTrailCloudWatchLogs, model({ CloudWatchLogsRoleArn: undefined }), 'Trail').reason).toMatch(/CloudWatchLogsRoleArn is absent/);
  });

  it('fails without either', () => {
    expect(judge(CloudTrailCloudWatchLogs, model({ CloudWatchLogsRoleArn: undefined, CloudWatchLogsLogGroupArn: undefined }), 'Trail').reason).toMatch(/CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn are absent/);
  });

  it('is unknown for a log group parameter without default', () => {
    expect(judge(CloudTrailCloudWatchLogs, model({ CloudWatchLogsLogGroupArn: { Ref: 'Group' } }), 'Trail').verdict).toBe('UNKNOWN');
  });
});
