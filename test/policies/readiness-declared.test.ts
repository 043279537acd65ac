/**
 * The coverage matrix of a workload stack checked with a declared evidence context: an evidence
 * source a declaration covers (an organization trail, central flow-log or DNS-log collection, a
 * central locked store) is `declared`, never `missing`, in every format that shows the matrix, and
 * the per-cloud counts do not count it as missing.
 */
import { EvidenceContext } from '../../policies/engine/context';
import { runRules } from '../../policies/engine/runner';
import { DEFAULT_RULE_CONFIG } from '../../policies/engine/types';
import { buildReadiness, buildReport, renderReadinessSummary } from '../../policies/report';
import { HTML_RENDERER } from '../../policies/report/html';
import { JSON_RENDERER } from '../../policies/report/json';
import { MARKDOWN_RENDERER } from '../../policies/report/markdown';
import { AWS_RULES } from '../../policies/rules/aws';
import { cfnModel } from './helpers';
import { bucket } from './rules/aws/_fixtures';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org';
/** A workload stack: a data bucket, a VPC, an endpoint; no trail, no flow log, no query logging, no locked bucket. */
const workload = () =>
  cfnModel({
    Resources: {
      Data: bucket({ BucketName: 'training-data' }),
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Endpoint: { Type: 'AWS::SageMaker::Endpoint', Properties: { EndpointConfigName: 'c' } },
    },
  });
const ORG: EvidenceContext = {
  aws: {
    organizationTrail: { trailArn: TRAIL, s3DataEvents: 'all', sageMakerDataEvents: true },
    flowLogs: { collectedBy: 'the network account' },
    dnsQueryLogs: { collectedBy: 'a RAM-shared query log config' },
    evidenceStores: [{ arn: 'arn:aws:s3:::org-evidence', lock: 'COMPLIANCE', retentionDays: 3653 }],
  },
};

function run(context?: EvidenceContext) {
  const model = workload();
  const result = runRules(model, AWS_RULES, { ...DEFAULT_RULE_CONFIG, ...(context ? { context } : {}) });
  const readiness = buildReadiness(model, result);
  return { readiness, report: buildReport(result, { readiness }) };
}
const statusOf = (r: ReturnType<typeof run>['readiness']) => Object.fromEntries(r.coverage.rows.map((row) => [row.source, row.cells.aws.status]));

describe('coverage matrix with a declared evidence context', () => {
  it('without a declaration, the workload alone records nothing: every recordable AWS source is missing', () => {
    const { readiness } = run();
    expect(statusOf(readiness)).toEqual({
      'control-plane-audit': 'missing', 'storage-data-access': 'missing', 'ml-inference': 'missing', 'ml-training-lifecycle': 'missing', 'model-registry': 'missing',
      'network-flow': 'missing', dns: 'missing', 'identity-sign-in': 'missing', 'configuration-history': 'missing', 'evidence-immutability': 'missing', 'log-integrity': 'missing',
    });
    expect(readiness.clouds.aws).toMatchObject({ sourcesCovered: 0, sourcesDeclared: 0, sourcesMissing: 11, sourcesRecordable: 11 });
    // Every cell has the key, empty when no declaration covers it: the JSON schema does not depend on the run.
    for (const row of readiness.coverage.rows) for (const c of Object.values(row.cells)) expect(c.declaredBy).toEqual([]);
  });

  it('names each source a declaration covers as declared, with the declaration; what no declaration states stays missing', () => {
    const { readiness } = run(ORG);
    expect(statusOf(readiness)).toEqual({
      'control-plane-audit': 'declared', 'storage-data-access': 'declared', 'ml-inference': 'declared', 'model-registry': 'declared',
      'network-flow': 'declared', dns: 'declared', 'evidence-immutability': 'declared',
      // Declared, but a finding of the source stands against the templates (the endpoint's log group
      // gets a generated name, so nothing keeps it): the declaration does not make it good.
      'ml-training-lifecycle': 'weakened',
      // An organization trail's declaration states neither its regions, global service events nor log file validation; AWS Config is not declarable.
      'identity-sign-in': 'missing', 'configuration-history': 'missing', 'log-integrity': 'missing',
    });
    const cell = (source: string) => readiness.coverage.rows.find((r) => r.source === source)!.cells.aws;
    expect(cell('control-plane-audit').declaredBy).toEqual([`AWS organization trail ${TRAIL}: management events, S3 data events of every bucket, SageMaker endpoint data events`]);
    expect(cell('network-flow').declaredBy).toEqual(['AWS VPC flow logs collected by the network account']);
    expect(cell('dns').declaredBy).toEqual(['AWS Route 53 Resolver query logs collected by a RAM-shared query log config']);
    expect(cell('evidence-immutability').declaredBy).toEqual(['AWS evidence store arn:aws:s3:::org-evidence: Object Lock COMPLIANCE, 3653 days']);
    expect(cell('identity-sign-in').declaredBy).toEqual([]);
    expect(cell('ml-training-lifecycle')).toMatchObject({ status: 'weakened', findings: ['AWS.SageMaker.JobLogGroupsRetained@template.json#Endpoint'], declaredBy: [expect.stringContaining('AWS organization trail')] });
    expect(readiness.clouds.aws).toMatchObject({ sourcesCovered: 0, sourcesDeclared: 8, sourcesMissing: 3, sourcesRecordable: 11 });
    // A scenario question resting on declared sources only is judged as the rules judge them: as stated, no gap.
    const egress = readiness.scenarios.flatMap((sc) => sc.items).find((i) => i.cloud === 'aws' && i.sources.join() === 'network-flow,dns')!;
    expect(egress).toMatchObject({ readiness: 'ready', gaps: [], evidence: 'declared in the evidence context: AWS VPC flow logs collected by the network account | declared in the evidence context: AWS Route 53 Resolver query logs collected by a RAM-shared query log config' });
    const withoutContext = run().readiness.scenarios.flatMap((sc) => sc.items).find((i) => i.cloud === 'aws' && i.sources.join() === 'network-flow,dns')!;
    expect(withoutContext.readiness).toBe('gap');
  });

  it('a declaration that does not cover a source leaves it missing: listed buckets not holding the inputs\' bucket, no endpoint events, a GOVERNANCE store', () => {
    const { readiness } = run({
      aws: {
        organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::other-bucket'] },
        evidenceStores: [{ arn: 'arn:aws:s3:::org-evidence', lock: 'GOVERNANCE', retentionDays: 3653 }],
      },
    });
    const s = statusOf(readiness);
    expect(s['control-plane-audit']).toBe('declared');
    expect(s['storage-data-access']).toBe('missing');
    expect(s['ml-inference']).toBe('missing');
    expect(s['evidence-immutability']).toBe('missing');
    // Listing the inputs' bucket covers it.
    const listed = run({ aws: { organizationTrail: { trailArn: TRAIL, s3DataEvents: ['arn:aws:s3:::training-data'] } } }).readiness;
    expect(statusOf(listed)['storage-data-access']).toBe('declared');
  });

  it('every format that shows the matrix says declared, and the counts say so', () => {
    const { report } = run(ORG);
    const json = JSON.parse(JSON_RENDERER.render(report));
    expect(json.coverage.rows.find((r: { source: string }) => r.source === 'network-flow').cells.aws).toMatchObject({ status: 'declared', declaredBy: ['AWS VPC flow logs collected by the network account'] });
    expect(json.clouds.aws).toMatchObject({ sourcesCovered: 0, sourcesDeclared: 8, sourcesMissing: 3 });
    const md = MARKDOWN_RENDERER.render(report);
    expect(md).toMatch(/\| \*\*Network flow\*\* \|[^|]*declared in the evidence context<br>AWS VPC flow logs collected by the network account/i);
    expect(md).toContain('| AWS | 3 | ');
    expect(md).toMatch(/\| AWS \|[^\n]*\| 0 of 11 recorded, 8 declared, 3 missing \|/);
    const html = HTML_RENDERER.render(report);
    expect(html).toContain('<span class="verdict declared">Declared</span><div>Declared in the evidence context: AWS VPC flow logs collected by the network account</div>');
    expect(html).toMatch(/<td>0 of 11 recorded, 8 declared, 3 missing<\/td>/);
    expect(renderReadinessSummary(report)).toMatch(/^aws +3 [^\n]* 0 of 11 recorded, 8 declared, 3 missing$/m);
  });
});
