import { EC2FlowLogFields } from '../../../../policies/rules/aws/EC2FlowLogFields';
import { cfnModel, judge } from '../../helpers';
import { INVESTIGATOR_FORMAT, flowLog, lockedBucket, vpc } from './_fixtures';

const verdict = (props: Record<string, unknown>) =>
  judge(EC2FlowLogFields, cfnModel({ Parameters: { Format: { Type: 'String' } }, Resources: { Vpc: vpc(), FlowBucket: lockedBucket(), Flow: flowLog(props) } }), 'Flow');

describe('AWS.EC2.FlowLogFields', () => {
  it('passes the default fields plus the investigator fields', () => {
    expect(verdict({}).verdict).toBe('COMPLIANT');
  });

  it('passes extra fields in any order', () => {
    expect(verdict({ LogFormat: `\${ecs-task-id} ${INVESTIGATOR_FORMAT.split(' ').reverse().join(' ')} \${az-id}` }).verdict).toBe('COMPLIANT');
  });

  it('fails an absent LogFormat (the default format)', () => {
    expect(verdict({ LogFormat: undefined })).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/LogFormat is absent.*pkt-srcaddr/) });
  });

  it('fails a format without pkt-srcaddr and traffic-path', () => {
    const format = INVESTIGATOR_FORMAT.replace(' ${pkt-srcaddr}', '').replace(' ${traffic-path}', '');
    expect(verdict({ LogFormat: format }).reason).toMatch(/lacks pkt-srcaddr, traffic-path$/);
  });

  it('fails a format without a default field', () => {
    expect(verdict({ LogFormat: INVESTIGATOR_FORMAT.replace('${action} ', '') }).reason).toMatch(/lacks action$/);
  });

  it('is not applicable to a transit gateway flow log', () => {
    expect(verdict({ ResourceType: 'TransitGateway', ResourceId: 'tgw-1', LogFormat: undefined }).verdict).toBe('NOT_APPLICABLE');
  });

  it('is unknown for a format parameter without default', () => {
    expect(verdict({ LogFormat: { Ref: 'Format' } }).verdict).toBe('UNKNOWN');
  });
});
