import { CloudTrailS3DataEvents } from '../../../../policies/rules/aws/CloudTrailS3DataEvents';
import { S3EvidenceVersioning } from '../../../../policies/rules/aws/S3EvidenceVersioning';
import { S3ObjectLockCompliance } from '../../../../policies/rules/aws/S3ObjectLockCompliance';
import { cfnModel, judge } from '../../helpers';
import { arn, bucket, lockedBucket, ref, trail } from './_fixtures';

const withTrailBucket = (b: Record<string, unknown>, extra: Record<string, unknown> = {}) => cfnModel({ Resources: { TrailBucket: b, Trail: trail(), ...extra } });
const retention = (r: Record<string, unknown>) => lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: r } } });

describe('AWS.S3.ObjectLockCompliance', () => {
  it('passes a trail bucket locked in COMPLIANCE mode for 365 days', () => {
    const j = judge(S3ObjectLockCompliance, withTrailBucket(lockedBucket()), 'TrailBucket');
    expect(j.verdict).toBe('COMPLIANT');
    expect(j.reason).toMatch(/COMPLIANCE.*Days 365.*CloudTrail trail Trail/);
  });

  it('passes a retention given in Years', () => {
    expect(judge(S3ObjectLockCompliance, withTrailBucket(retention({ Mode: 'COMPLIANCE', Years: 2 })), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('passes GOVERNANCE mode (AWS.S3.ObjectLockGovernance warns instead)', () => {
    expect(judge(S3ObjectLockCompliance, withTrailBucket(retention({ Mode: 'GOVERNANCE', Days: 365 })), 'TrailBucket').verdict).toBe('COMPLIANT');
  });

  it('fails a bucket without ObjectLockEnabled', () => {
    const j = judge(S3ObjectLockCompliance, withTrailBucket(bucket()), 'TrailBucket');
    expect(j).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/ObjectLockEnabled is absent/) });
  });

  it('fails ObjectLockEnabled false', () => {
    expect(judge(S3ObjectLockCompliance, withTrailBucket(lockedBucket({ ObjectLockEnabled: false })), 'TrailBucket').reason).toMatch(/ObjectLockEnabled is false/);
  });

  it('fails Object Lock without a default retention', () => {
    const j = judge(S3ObjectLockCompliance, withTrailBucket(lockedBucket({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } })), 'TrailBucket');
    expect(j).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/DefaultRetention is absent/) });
  });

  it('fails a retention under the floor', () => {
    const j = judge(S3ObjectLockCompliance, withTrailBucket(retention({ Mode: 'COMPLIANCE', Days: 30 })), 'TrailBucket');
    expect(j).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/Days 30 is under the floor of 365/) });
  });

  it('reads the floor from the config', () => {
    const model = withTrailBucket(retention({ Mode: 'COMPLIANCE', Days: 400 }));
    expect(judge(S3ObjectLockCompliance, model, 'TrailBucket', { retentionFloorDays: 730, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 100 }).verdict).toBe('NON_COMPLIANT');
  });

  it('fails an unknown mode', () => {
    expect(judge(S3ObjectLockCompliance, withTrailBucket(retention({ Mode: 'LEGAL', Days: 365 })), 'TrailBucket').reason).toMatch(/Mode is "LEGAL"/);
  });

  it('finds the trail bucket through a literal name', () => {
    const model = cfnModel({ Resources: { TrailBucket: bucket({ BucketName: 'org-trail' }), Trail: trail('x', { S3BucketName: 'org-trail' }) } });
    expect(judge(S3ObjectLockCompliance, model, 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('applies to every producer destination: flow log, resolver, capture, replication of evidence, GuardDuty export', () => {
    const model = cfnModel({
      Resources: {
        Flow: bucket({ BucketName: 'flow' }),
        Dns: bucket(),
        Capture: bucket(),
        Replica: bucket(),
        Findings: bucket(),
        Source: bucket({ ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled', Destination: { Bucket: arn('Replica') } }] } }),
        SourceLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: 'vpc-2', LogDestinationType: 's3', LogDestination: arn('Source') } },
        FlowLog: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceType: 'VPC', ResourceId: 'vpc-1', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::flow/vpc/' } },
        Resolver: { Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfig', Properties: { DestinationArn: arn('Dns') } },
        Config: { Type: 'AWS::SageMaker::EndpointConfig', Properties: { DataCaptureConfig: { DestinationS3Uri: { 'Fn::Sub': 's3://${Capture}/data' } } } },
        Export: { Type: 'AWS::GuardDuty::PublishingDestination', Properties: { DetectorId: 'd', DestinationType: 'S3', DestinationProperties: { DestinationArn: arn('Findings') } } },
      },
    });
    for (const id of ['Flow', 'Dns', 'Capture', 'Source', 'Replica', 'Findings']) expect([id, judge(S3ObjectLockCompliance, model, id).verdict]).toEqual([id, 'NON_COMPLIANT']);
    expect(judge(S3ObjectLockCompliance, model, 'Replica').reason).toMatch(/written by S3 replication Source/);
  });

  it('does not judge the replica of a content bucket as evidence, and follows a chain of replicas of evidence in any order', () => {
    const replicate = (to: string, extra: Record<string, unknown> = {}) => bucket({ ...extra, ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled', Destination: { Bucket: arn(to) } }] } });
    const content = cfnModel({ Resources: { Content: replicate('Replica'), Replica: bucket() } });
    expect(judge(S3ObjectLockCompliance, content, 'Replica').verdict).toBe('NOT_APPLICABLE');
    // Third -> Second -> First -> TrailBucket, declared so that a single pass would miss the start of the chain.
    const chain = cfnModel({ Resources: { Third: bucket(), Second: replicate('Third'), First: replicate('Second'), TrailBucket: replicate('First'), Trail: trail() } });
    for (const id of ['First', 'Second', 'Third']) expect([id, judge(S3ObjectLockCompliance, chain, id).verdict]).toEqual([id, 'NON_COMPLIANT']);
  });

  it('judges a bucket tagged forensic-evidence-store=true with no producer in the input as evidence', () => {
    const tags = (extra: Array<{ Key: string; Value: unknown }> = []) => [{ Key: 'forensic-evidence-store', Value: 'true' }, ...extra];
    const model = cfnModel({
      Resources: {
        Tagged: bucket({ Tags: tags() }),
        Upper: bucket({ Tags: [{ Key: 'forensic-evidence-store', Value: 'TRUE' }] }),
        NotStore: bucket({ Tags: [{ Key: 'forensic-evidence-store', Value: 'false' }] }),
        AccessLogs: bucket({ Tags: tags([{ Key: 'forensic-evidence-source', Value: 'storage-data-access' }]) }),
        Locked: lockedBucket({ Tags: tags() }),
      },
    });
    expect(judge(S3ObjectLockCompliance, model, 'Tagged')).toEqual({ verdict: 'NON_COMPLIANT', reason: expect.stringMatching(/ObjectLockEnabled is absent.*written by tag forensic-evidence-store=true Tagged/) });
    expect(judge(S3ObjectLockCompliance, model, 'Upper').verdict).toBe('NON_COMPLIANT');
    expect(judge(S3ObjectLockCompliance, model, 'NotStore').verdict).toBe('NOT_APPLICABLE');
    // The kit's AccessLogBucket: S3 cannot deliver access logs into a locked bucket.
    expect(judge(S3ObjectLockCompliance, model, 'AccessLogs').verdict).toBe('NOT_APPLICABLE');
    expect(judge(S3ObjectLockCompliance, model, 'Locked').verdict).toBe('COMPLIANT');
  });

  it('recognises load balancer and CloudFront log buckets as evidence stores that need not be locked', () => {
    const model = cfnModel({
      Resources: {
        AlbLogs: bucket(),
        ElbLogs: bucket({ BucketName: 'elb-logs' }),
        CdnLogs: bucket(),
        Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { LoadBalancerAttributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: ref('AlbLogs') }] } },
        Elb: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { AccessLoggingPolicy: { Enabled: true, S3BucketName: 'elb-logs' } } },
        Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true, Logging: { Bucket: { 'Fn::GetAtt': ['CdnLogs', 'RegionalDomainName'] } } } } },
      },
    });
    for (const id of ['AlbLogs', 'ElbLogs', 'CdnLogs']) {
      expect([id, judge(S3ObjectLockCompliance, model, id).verdict]).toEqual([id, 'NOT_APPLICABLE']);
      // Recognised as log destinations: not data buckets whose reads a trail must record, but evidence kept versioned.
      expect([id, judge(CloudTrailS3DataEvents, model, id).verdict]).toEqual([id, 'NOT_APPLICABLE']);
      expect([id, judge(S3EvidenceVersioning, model, id).verdict]).toEqual([id, 'NON_COMPLIANT']);
    }
  });

  it('is not applicable to a data bucket', () => {
    expect(judge(S3ObjectLockCompliance, cfnModel({ Resources: { Data: bucket() } }), 'Data').verdict).toBe('NOT_APPLICABLE');
  });

  it('is not applicable to a bucket that only receives S3 server access logs', () => {
    const model = cfnModel({ Resources: { Logs: bucket(), Data: bucket({ LoggingConfiguration: { DestinationBucketName: ref('Logs') } }) } });
    expect(judge(S3ObjectLockCompliance, model, 'Logs').verdict).toBe('NOT_APPLICABLE');
  });

  it('applies to a bucket that mixes access logs with trail logs', () => {
    const model = cfnModel({ Resources: { TrailBucket: bucket(), Trail: trail(), Data: bucket({ LoggingConfiguration: { DestinationBucketName: ref('TrailBucket') } }) } });
    expect(judge(S3ObjectLockCompliance, model, 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('is unknown when the retention is a parameter without default', () => {
    const model = cfnModel({ Parameters: { Days: { Type: 'Number' } }, Resources: { TrailBucket: retention({ Mode: 'COMPLIANCE', Days: ref('Days') }), Trail: trail() } });
    expect(judge(S3ObjectLockCompliance, model, 'TrailBucket').verdict).toBe('UNKNOWN');
  });

  it('resolves a retention parameter with a default', () => {
    const model = cfnModel({ Parameters: { Days: { Type: 'Number', Default: 10 } }, Resources: { TrailBucket: retention({ Mode: 'COMPLIANCE', Days: ref('Days') }), Trail: trail() } });
    expect(judge(S3ObjectLockCompliance, model, 'TrailBucket').verdict).toBe('NON_COMPLIANT');
  });

  it('is unknown when ObjectLockEnabled is behind Fn::If', () => {
    const model = withTrailBucket(lockedBucket({ ObjectLockEnabled: { 'Fn::If': ['Prod', true, false] } }));
    expect(judge(S3ObjectLockCompliance, model, 'TrailBucket').verdict).toBe('UNKNOWN');
  });
});
