import { LogsEvidenceKms } from '../../../../policies/rules/aws/LogsEvidenceKms';
import { cfnModel, judge } from '../../helpers';
import { key, lockedBucket, logGroup, trail } from './_fixtures';

const verdict = (group: Record<string, unknown>) =>
  judge(LogsEvidenceKms, cfnModel({ Parameters: { K: { Type: 'String' } }, Resources: { Key: key(), TrailBucket: lockedBucket(), TrailLogs: group, Trail: trail() } }), 'TrailLogs');

describe('AWS.Logs.EvidenceKms', () => {
  it('is a warning', () => expect(LogsEvidenceKms.severity).toBe('warning'));

  it('passes a KmsKeyId', () => {
    expect(verdict(logGroup()).verdict).toBe('COMPLIANT');
  });

  it('fires without KmsKeyId', () => {
    expect(verdict(logGroup({ KmsKeyId: undefined }))).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/KmsKeyId is absent/) });
  });

  it('is not applicable to a log group no producer writes into', () => {
    expect(judge(LogsEvidenceKms, cfnModel({ Resources: { App: logGroup({ KmsKeyId: undefined }) } }), 'App').verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown for a parameter without default', () => {
    expect(verdict(logGroup({ KmsKeyId: { Ref: 'K' } })).verdict).toBe('UNKNOWN');
  });
});
