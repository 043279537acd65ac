/**
 * Every GCP construct and add* method refuses a props key it does not know (a typo from
 * JavaScript or `as any` would otherwise deploy the default with no word), in its props and in
 * each nested options object, with one line naming the construct, its path, the bag and the
 * nearest known key.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as gcp from '../../constructs/gcp';
import { AssetInventoryFeeds, AuditLogs, EvidenceBucket, FlowLogs, ForensicKey, GcpParent, InvestigationPack, LogSink, VertexAiAudit } from '../../constructs/gcp';
import { constructsAndAdds, tfUnknownPropCases, TfUnknownPropRow } from '../unknown-props';

type Extra = Record<string, unknown>;

type Row = TfUnknownPropRow;

const as = (props: Extra): never => props as never;
const evidence = (stack: TerraformStack) => new EvidenceBucket(stack, 'Evidence', { bucketName: 'acme-evidence', location: 'us-central1' });
const vertex = (stack: TerraformStack) => new VertexAiAudit(stack, 'Vertex', { region: 'us-central1', project: 'acme-prod' });
const project = () => GcpParent.project('acme-prod');
const ctor = (construct: string, bag: string, typo: [string, string], build: Row['build']): Row => ({ construct, path: 'test/Target', entry: construct, bag, typo, build });
const method = (name: string, typo: [string, string], build: Row['build']): Row => ({ construct: 'VertexAiAudit', path: 'test/Vertex', entry: `VertexAiAudit.${name}`, bag: 'options', typo, build });

const ROWS: Row[] = [
  ctor('EvidenceBucket', 'props', ['retentionDays', 'retention'], (s, x) => new EvidenceBucket(s, 'Target', as({ bucketName: 'acme-evidence-2', location: 'us-central1', ...x }))),
  ctor('ForensicKey', 'props', ['rotationDay', 'rotationDays'], (s, x) => new ForensicKey(s, 'Target', as({ location: 'us-central1', project: 'acme-prod', ...x }))),
  ctor('AuditLogs', 'props', ['exemptMembers', 'exemptedMembers'], (s, x) => new AuditLogs(s, 'Target', as({ parent: project(), ...x }))),
  ctor('LogSink', 'props', ['logbucket', 'logBucket'], (s, x) => new LogSink(s, 'Target', as({ parent: project(), logBucket: { location: 'us-central1' }, ...x }))),
  ctor('LogSink', 'logBucket', ['retentionDays', 'retention'], (s, x) => new LogSink(s, 'Target', as({ parent: project(), logBucket: { location: 'us-central1', ...x } }))),
  ctor('FlowLogs', 'props', ['flowsampling', 'flowSampling'], (s, x) => new FlowLogs(s, 'Target', as({ project: 'acme-prod', ...x }))),
  ctor('FlowLogs', 'subnets[0]', ['ipCidr', 'ipCidrRange'], (s, x) =>
    new FlowLogs(s, 'Target', as({ project: 'acme-prod', subnets: [{ name: 'ml-subnet', region: 'us-central1', ipCidrRange: '10.10.0.0/20', ...x }] })),
  ),
  ctor('AssetInventoryFeeds', 'props', ['contentType', 'contentTypes'], (s, x) => new AssetInventoryFeeds(s, 'Target', as({ parent: project(), destination: evidence(s), region: 'us-central1', ...x }))),
  ctor('InvestigationPack', 'props', ['question', 'questions'], (s, x) =>
    new InvestigationPack(s, 'Target', as({ logSink: new LogSink(s, 'Sink', { parent: project(), logBucket: { location: 'us-central1' } }), ...x })),
  ),
  ctor('VertexAiAudit', 'props', ['sampleRate', 'samplingRate'], (s, x) => new VertexAiAudit(s, 'Target', as({ region: 'us-central1', project: 'acme-prod', ...x }))),
  method('addEndpoint', ['displayname', 'displayName'], (s, x) => void vertex(s).addEndpoint('Target', as({ endpointId: '1234567890', displayName: 'fraud', ...x }))),
  method('addDataset', ['metadataSchema', 'metadataSchemaUri'], (s, x) => void vertex(s).addDataset('Target', as({ displayName: 'train', ...x }))),
  method('addWorkbenchInstance', ['rootAccess', 'rootAccessEnabled'], (s, x) =>
    void vertex(s).addWorkbenchInstance('Target', as({ name: 'nb', zone: 'us-central1-a', network: 'projects/p/global/networks/vpc', subnet: 'projects/p/regions/us-central1/subnetworks/s', ...x })),
  ),
];


describe('GCP: an unknown props key is refused', () => {
  tfUnknownPropCases(ROWS);

  test('the rows cover every GCP construct the package exports, and every add* method', () => {
    const { constructs, adds } = constructsAndAdds(gcp, Construct);
    expect([...new Set(ROWS.filter((r) => r.entry === r.construct).map((r) => r.construct))].sort()).toEqual(constructs);
    expect(ROWS.filter((r) => r.entry !== r.construct).map((r) => r.entry).sort()).toEqual(adds);
  });
});
