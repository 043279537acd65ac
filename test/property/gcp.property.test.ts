/**
 * Property-based test of every GCP construct: arbitrary props (valid, boundary, hostile, tokens,
 * wrong types), each case built in a fresh cdktf App and TerraformStack with a GoogleProvider,
 * synthesized and judged by the kit's engine. The property: the construct either refuses with a
 * ForensicValidationError naming one of the props, or its Terraform JSON has no error finding
 * except those a kit warning the construct raised announces, every token reaches the JSON
 * unchanged, and no evidence store is deletable or weaker locked / shorter retained than asked.
 *
 * Values that need a stack (tokens, a network, a destination bucket) are generated as recipes
 * (`Tok`, `Make`) and made inside each case's own stack, so a shrunk failure prints readably.
 */
import * as fc from 'fast-check';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AnnotationMetadataEntryType, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { Immutability, Retention, WARNINGS } from '../../constructs/core';
import { AssetInventoryFeeds, AuditLogs, DEFAULT_ASSET_TYPES, EvidenceBucket, FlowLogs, ForensicKey, GcpParent, LogSink, VertexAiAudit } from '../../constructs/gcp';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { hostile, params, recordSummary, refusedOrBuilt, runsFor } from './common';

/** A deploy-time value: a TerraformVariable of the case's stack. */
class Tok {
  constructor(public readonly kind: 'string' | 'number') {}
  public toString(): string {
    return `Tok(${this.kind})`;
  }
}

/** Something made in the case's stack: a Retention (of a number or a Tok), a GcpParent, or a resource of the app. */
class Make {
  constructor(
    public readonly what: 'retention' | 'parent' | 'network' | 'subnetwork' | 'firewall' | 'nat' | 'bucket',
    public readonly args: readonly unknown[] = [],
  ) {}
  public toString(): string {
    return `Make(${this.what}${this.args.length ? `, ${this.args.map(String).join(', ')}` : ''})`;
  }
}

/** One case's stack and the variable names of the tokens made in it. */
interface Case {
  readonly stack: TerraformStack;
  /** Each token's variable name and the prop path it was given at. */
  readonly tokens: { readonly name: string; readonly path: string }[];
}

function newCase(): Case {
  const stack = new TerraformStack(Testing.app(), 'prop');
  new GoogleProvider(stack, 'google', { project: 'acme-prod', region: 'us-central1' });
  return { stack, tokens: [] };
}

/** Replaces every recipe in a value by what it stands for, made in the case's stack. */
function make(c: Case, value: unknown, path = ''): unknown {
  if (value instanceof Tok) {
    const name = `v${c.tokens.length}`;
    c.tokens.push({ name, path });
    const v = new TerraformVariable(c.stack, name, { type: value.kind });
    return value.kind === 'number' ? v.numberValue : v.stringValue;
  }
  if (value instanceof Make) {
    const args = value.args.map((a) => make(c, a, path));
    const n = c.stack.node.children.length;
    switch (value.what) {
      case 'retention':
        return Retention.days(args[0] as number);
      case 'parent': {
        const [kind, id] = args as [string, string | undefined];
        return kind === 'folder' ? GcpParent.folder(id as string) : kind === 'organization' ? GcpParent.organization(id as string) : GcpParent.project(id);
      }
      case 'network':
        return new ComputeNetwork(c.stack, `Net${n}`, { name: `given-net-${n}`, autoCreateSubnetworks: false });
      case 'subnetwork':
        return new ComputeSubnetwork(c.stack, `Sub${n}`, { name: `given-sub-${n}`, region: 'us-central1', ipCidrRange: '10.200.0.0/24', network: 'given-net' });
      case 'firewall':
        return new ComputeFirewall(c.stack, `Fw${n}`, { name: `given-fw-${n}`, network: 'given-net', allow: [{ protocol: 'tcp', ports: ['443'] }], sourceRanges: ['10.0.0.0/8'] });
      case 'nat':
        return new ComputeRouterNat(c.stack, `Nat${n}`, { name: `given-nat-${n}`, router: 'given-router', region: 'us-central1', natIpAllocateOption: 'AUTO_ONLY', sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES' });
      case 'bucket':
        return new EvidenceBucket(c.stack, `Dest${n}`, { bucketName: `acme-dest-${n}`, location: 'us-central1' });
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => make(c, v, `${path}[${i}]`));
  // fast-check generates records with and without a prototype; both are props objects.
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const made = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, make(c, v, path ? `${path}.${k}` : k)]));
    return proto === null ? Object.assign(Object.create(null), made) : made;
  }
  return value;
}

// ---- generators ---------------------------------------------------------------------------

/**
 * A prop: mostly a value of `valid` (which holds boundary values too), sometimes a value the
 * construct must refuse (`invalid`), a token of its type, or hostile (wrong type, non-finite, look-alike).
 */
function prop(valid: fc.Arbitrary<unknown>, token?: Tok['kind'], invalid?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const options: fc.WeightedArbitrary<unknown>[] = [
    { arbitrary: valid, weight: 30 },
    { arbitrary: hostile, weight: 1 },
  ];
  if (invalid) options.push({ arbitrary: invalid, weight: 1 });
  if (token) options.push({ arbitrary: fc.constant(new Tok(token)), weight: 3 });
  return fc.oneof(...options);
}

/** Props as a record of optional keys (a key left out is absent, not `undefined`); `required` keys are mostly there. */
function props(model: Record<string, fc.Arbitrary<unknown>>, required: readonly string[] = []): PropsArbitrary {
  const optional = fc.record(model, { requiredKeys: [] });
  const arb = required.length === 0 ? optional : fc.oneof({ arbitrary: fc.record(model, { requiredKeys: required as string[] }), weight: 9 }, { arbitrary: optional, weight: 1 });
  return Object.assign(arb, { names: Object.keys(model) });
}

/** Generated props, and the names of every prop the construct takes (a refusal must name one). */
type PropsArbitrary = fc.Arbitrary<Record<string, unknown>> & { readonly names: readonly string[] };

/** A retention of `min` to `max` days (boundaries and the kit's floor often), or a number token of days. */
const retention = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc
    .oneof(fc.integer({ min, max }), fc.constantFrom(min, max, 365, 364), fc.constant(new Tok('number')))
    .map((d) => new Make('retention', [d]));
/** Retentions outside the bounds, not whole, or not a Retention. */
const badRetention = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc.oneof(fc.constantFrom(min - 1, max + 1, 0, -1, 1.5).map((d) => new Make('retention', [d])), fc.constantFrom<unknown>(365, '365 days', { days: 365 }));
const immutability = fc.constantFrom<unknown>(Immutability.LOCKED, Immutability.SOAK);
const badImmutability = fc.constantFrom<unknown>('locked', 'soak', true, { mode: 'locked' }, 'LOCKED');
const bool = fc.boolean();
const badBool = fc.constantFrom<unknown>('true', 0, 1, null);
const labelKey = fc.constantFrom('team', 'équipe', 'キ', 'cost_centre', 'a'.repeat(63), 'ß');
const labelValue = fc.constantFrom('ml-sec', 'données', '', 'x'.repeat(63), '東京');
const tags = prop(fc.dictionary(labelKey, fc.oneof(labelValue, fc.constant(new Tok('string')) as fc.Arbitrary<unknown>), { maxKeys: 3 }), undefined, fc.oneof(
  fc.constantFrom('Team', '1abc', 'a'.repeat(64), '', 'forensic-evidence-store', 'É').map((k) => ({ [k]: 'x' })),
  fc.constantFrom('x'.repeat(64), 'UPPER', 'with space', 5 as unknown).map((v) => ({ team: v })),
));
const project = prop(fc.constantFrom('acme-prod', 'acme-prod-1'), 'string', fc.constantFrom('Acme', 'a', 'x'.repeat(31), 'acme-'));
const region = fc.constantFrom('us-central1', 'europe-west4');
const badRegion = fc.constantFrom('US', 'us central1', 'us-central', '');
const bucketName = fc.oneof(
  fc.constantFrom('acme-evidence', 'a.b.c', 'abc', 'a'.repeat(58), `${'a'.repeat(63)}.b`, `${'x.'.repeat(60)}x`, 'a_b-c', '0ab'),
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$/).filter((n) => !/g[o0]{2}g|^goog/.test(n)),
);
const badBucketName = fc.constantFrom(
  'ab', 'a'.repeat(59), 'a'.repeat(64), 'a..b', '192.168.5.4', 'goog-evidence', 'my-google-bucket', 'my-g00gle', 'my-goog1e', '-abc', 'abc-', 'ABC', 'évidence', `${'a'.repeat(64)}.b`, 'a b', `${'ab.'.repeat(80)}a`,
);
const member = fc.constantFrom('serviceAccount:a@p.iam.gserviceaccount.com', 'group:g@example.com', 'user:ann@example.com');
const badMember = fc.constantFrom('allUsers', 'allAuthenticatedUsers', 'bob', '');
const parent = prop(
  fc.oneof(
    fc.constantFrom<unknown>(['project', undefined], ['project', 'acme-prod'], ['folder', '123456789012'], ['folder', 'folders/12'], ['organization', 'organizations/12'], ['organization', '4711']),
    fc.constantFrom('project', 'folder', 'organization').map((k) => [k, new Tok('string')]),
  ).map((a) => new Make('parent', a as unknown[])),
  undefined,
  fc.constantFrom<unknown>(['project', 'x'], ['folder', 'my-folder'], ['organization', 5], ['folder', undefined]).map((a) => new Make('parent', a as unknown[])),
);
const keyRef = prop(
  fc.constantFrom<unknown>({ id: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' }, { id: new Tok('string') }),
  undefined,
  fc.constantFrom<unknown>({ id: 5 }, { id: 'k' }, 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k'),
);
const evidenceSource = prop(fc.constantFrom('ml-inference', 'network-flow'), undefined, fc.constant('not-a-source'));

const keyProps = props(
  {
    location: prop(fc.constantFrom('us-central1', 'us', 'global', 'europe'), 'string', fc.constantFrom('US', 'a b')),
    project,
    keyRingName: prop(fc.constantFrom('ring', 'a'.repeat(63), 'Ring_2'), 'string', fc.constantFrom('a'.repeat(64), 'has space', 'a.b')),
    keyName: prop(fc.constantFrom('k', 'evidence-2'), 'string', fc.constantFrom('x/y', '')),
    rotationDays: prop(fc.oneof(fc.integer({ min: 2, max: 36_500 }), fc.constantFrom(2, 90, 91, 36_500)), 'number', fc.constantFrom(1, 0, -5, 36_501, 2.5, -Infinity, Infinity, NaN, -1e289)),
    evidenceSource,
    tags,
  },
  ['location'],
);

const bucketProps = props(
  {
    bucketName: prop(bucketName, 'string', badBucketName),
    location: prop(fc.constantFrom('us-central1', 'US', 'EU', 'nam4'), 'string', badRegion),
    project,
    retention: prop(retention(1, 36_525), undefined, badRetention(1, 36_525)),
    immutability: prop(immutability, undefined, badImmutability),
    encryptionKey: keyRef,
    softDeleteRetention: prop(retention(7, 90), undefined, badRetention(7, 90)),
    serverAccessLogsEnabled: prop(bool, undefined, badBool),
    serverAccessLogsBucket: prop(fc.constantFrom<unknown>({ name: 'central-logs' }, { name: new Tok('string') }), undefined, fc.constantFrom<unknown>({ name: 'goog-logs' }, { name: 5 }, 'central-logs')),
    evidenceSource,
    tags,
  },
  ['bucketName', 'location'],
);

const auditProps = props({
  parent,
  services: prop(
    fc.oneof(
      fc.constant(['allServices']),
      fc.uniqueArray(fc.constantFrom<unknown>('storage.googleapis.com', 'aiplatform.googleapis.com', 'allServices', new Tok('string')), { minLength: 1, maxLength: 3 }),
    ),
    undefined,
    fc.constantFrom<unknown>([], ['storage'], ['storage.googleapis.com', 'storage.googleapis.com'], [5]),
  ),
  exemptedMembers: prop(fc.uniqueArray(fc.oneof(member, fc.constant(new Tok('string'))), { maxLength: 2 }), undefined, fc.array(badMember, { minLength: 1, maxLength: 2 })),
});

const sinkProps = props({
  parent,
  sinkName: prop(fc.constantFrom('forensic', 'a'.repeat(96), 'Sink.1'), 'string', fc.constantFrom('a'.repeat(97), '_x', 'a b')),
  filter: prop(fc.constantFrom('logName:"/logs/cloudaudit.googleapis.com%2Factivity"', 'severity>=ERROR'), 'string', fc.constantFrom(' ', '')),
  includeChildren: prop(fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: bool, weight: 1 }), undefined, badBool),
  logBucketEnabled: prop(fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }), undefined, badBool),
  logBucket: prop(
    props({
      project,
      bucketId: prop(fc.constantFrom('forensic', 'a'.repeat(100)), 'string', fc.constantFrom('_Default', 'a'.repeat(101))),
      location: prop(fc.constantFrom('global', 'us-central1'), 'string', fc.constantFrom('US', '')),
      retention: prop(retention(1, 3650), undefined, badRetention(1, 3650)),
      immutability: prop(immutability, undefined, badImmutability),
      encryptionKey: keyRef,
      logAnalyticsEnabled: prop(bool, undefined, badBool),
    }),
  ),
  destination: prop(fc.constant(new Make('bucket')), undefined, fc.constantFrom<unknown>({ name: 'acme-evidence' }, 'acme-evidence')),
});

const assetType = fc.constantFrom('aiplatform.googleapis.com/Model', 'storage.googleapis.com/Bucket', 'iam.googleapis.com/Role', 'bigquery.googleapis.com/Dataset');
const feedProps = props(
  {
    parent,
    destination: prop(fc.constant(new Make('bucket')), undefined, fc.constantFrom<unknown>({ name: 'acme-evidence' }, 'acme-evidence')),
    region: prop(region, 'string', badRegion),
    project,
    billingProject: project,
    contentTypes: prop(fc.constantFrom<unknown>(['RESOURCE', 'IAM_POLICY'], ['IAM_POLICY', 'RESOURCE'], ['RESOURCE'], ['IAM_POLICY']), undefined, fc.constantFrom<unknown>([], ['ORG_POLICY'], ['RESOURCE', 'RESOURCE'], 'RESOURCE')),
    assetTypes: prop(
      fc.oneof(fc.constant([...DEFAULT_ASSET_TYPES]), fc.uniqueArray(assetType, { minLength: 1, maxLength: 4 })),
      undefined,
      fc.constantFrom<unknown>([], ['compute.googleapis.com.*'], ['.*'], ['storage.googleapis.com/Bucket', 'storage.googleapis.com/Bucket'], [5]),
    ),
    feedIdPrefix: prop(fc.constantFrom('history', 'a'.repeat(50), 'ml_feed-2'), 'string', fc.constantFrom('1x', 'a'.repeat(51), 'a b')),
    topicName: prop(fc.constantFrom('feed', 'ml.history~feed', 'a'.repeat(251)), 'string', fc.constantFrom('ab', 'goog-feed', 'a'.repeat(252), '1feed')),
    encryptionKey: keyRef,
    messageRetention: prop(retention(1, 31), undefined, badRetention(1, 31)),
    outputFormat: prop(fc.constantFrom('text', 'avro'), undefined, fc.constantFrom('json', 'TEXT')),
    filenamePrefix: prop(fc.constantFrom('feeds/', 'a', 'x/y/z-'), 'string', fc.constantFrom('/abs', '', 'a b')),
    tags,
  },
  ['destination', 'region'],
);

const subnetSpec = fc.record({
  name: prop(fc.constantFrom('ml', 'ml-2', 'a'.repeat(63)), 'string', fc.constantFrom('1bad', 'Upper')),
  region: prop(region, 'string', badRegion),
  ipCidrRange: prop(fc.constantFrom('10.10.0.0/20', '10.0.0.0/8', '192.168.0.0/29'), 'string', fc.constantFrom('300.1.1.1/20', '10.0.0.0/33', '10.0.0.0')),
});
const flowProps = props({
  project,
  network: prop(fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constant(new Make('network')), weight: 1 })),
  networkName: prop(fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constantFrom('forensic-vpc', 'a'.repeat(30)), weight: 1 }), 'string', fc.constantFrom('a'.repeat(31), 'Bad')),
  subnets: prop(fc.array(subnetSpec, { maxLength: 3 }), undefined, fc.array(fc.oneof(subnetSpec, hostile), { minLength: 1, maxLength: 3 })),
  subnetworks: prop(fc.array(fc.constant(new Make('subnetwork')), { maxLength: 2 }), undefined, fc.array(hostile, { minLength: 1, maxLength: 2 })),
  firewallRules: prop(fc.array(fc.constant(new Make('firewall')), { maxLength: 2 }), undefined, fc.array(hostile, { minLength: 1, maxLength: 2 })),
  routerNats: prop(fc.array(fc.constant(new Make('nat')), { maxLength: 2 }), undefined, fc.array(hostile, { minLength: 1, maxLength: 2 })),
  flowSampling: prop(fc.oneof(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), fc.constantFrom(1, 0.5)), 'number', fc.constantFrom(0, -0.5, 1.0000001, NaN)),
  baselineFirewallRulesEnabled: prop(bool, undefined, badBool),
  dnsLoggingEnabled: prop(bool, undefined, badBool),
  natEnabled: prop(bool, undefined, badBool),
});

const vertexProps = props(
  {
    region: prop(fc.constant('us-central1'), 'string', badRegion),
    project,
    encryptionKey: keyRef,
    samplingRate: prop(fc.oneof(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), fc.constantFrom(1, 0.25)), 'number', fc.constantFrom(0, 1.5, NaN)),
    requestLogDatasetId: prop(fc.constantFrom('logs', 'x'.repeat(1024)), 'string', fc.constantFrom('a-b', '')),
    auditLogsEnabled: prop(bool, undefined, badBool),
    tags,
  },
  ['region'],
);
const endpointOptions = props(
  {
    endpointId: prop(fc.constantFrom('1234567890', '7'), 'string', fc.constantFrom('0123', '12345678901')),
    displayName: prop(fc.constant('fraud'), 'string', fc.constant('')),
    network: prop(fc.constant('projects/1/global/networks/n'), 'string'),
  },
  ['endpointId', 'displayName'],
);
const workbenchOptions = props(
  {
    name: prop(fc.constant('nb'), 'string', fc.constant('Nb')),
    zone: prop(fc.constant('us-central1-a'), 'string', fc.constantFrom('europe-west4-b', 'us-central1')),
    network: prop(fc.constant('projects/p/global/networks/n'), 'string'),
    subnet: prop(fc.constant('projects/p/regions/us-central1/subnetworks/s'), 'string'),
    machineType: prop(fc.constant('e2-standard-4'), 'string', fc.constant('E2 big')),
    serviceAccountEmail: prop(fc.constant('nb@p.iam.gserviceaccount.com'), 'string', fc.constant('nobody')),
    rootAccessEnabled: prop(bool, undefined, badBool),
    fileDownloadsEnabled: prop(bool, undefined, badBool),
    proxyAccessEnabled: prop(bool, undefined, badBool),
  },
  ['name', 'zone', 'network', 'subnet'],
);

// ---- the judgement ------------------------------------------------------------------------

/**
 * The error findings a kit warning announces: the warning (its id and what its text says) tells
 * the user what the finding then reports. A finding no raised warning announces fails the case.
 */
const ANNOUNCES: readonly { readonly id: string; readonly says: RegExp; readonly rules: readonly string[] }[] = [
  { id: WARNINGS.SOAK_MODE, says: /GCS bucket/, rules: ['GCP.Storage.RetentionLocked', 'GCP.Logging.SinkLockedDestination'] },
  { id: WARNINGS.SOAK_MODE, says: /Cloud Logging bucket/, rules: ['GCP.Logging.BucketLocked', 'GCP.Logging.SinkLockedDestination', 'GCP.Logging.AuditLogsRouted'] },
  { id: WARNINGS.SHORT_RETENTION, says: /^retention of/, rules: ['GCP.Storage.RetentionLocked', 'GCP.Logging.SinkLockedDestination'] },
  { id: WARNINGS.SHORT_RETENTION, says: /soft delete/, rules: ['GCP.Storage.SoftDeleteAndUsageLogs'] },
  { id: WARNINGS.SHORT_RETENTION, says: /log bucket retention/, rules: ['GCP.Logging.BucketLocked', 'GCP.Logging.SinkLockedDestination', 'GCP.Logging.AuditLogsRouted'] },
  { id: WARNINGS.PARTIAL_SAMPLING, says: /VPC flow logs/, rules: ['GCP.Network.SubnetFlowSampling'] },
  { id: WARNINGS.PARTIAL_SAMPLING, says: /Vertex AI/, rules: ['GCP.Vertex.EndpointLogSampling'] },
  { id: WARNINGS.AUDIT_EXEMPTION, says: /./, rules: ['GCP.Audit.DataAccessLogs', 'GCP.Audit.ServiceCoverage'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /custom sink filter/, rules: ['GCP.Logging.SinkFilterCoverage', 'GCP.Logging.AuditLogsRouted'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /includeChildren is false/, rules: ['GCP.Logging.SinkIncludeChildren'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /usage logs are off/, rules: ['GCP.Storage.SoftDeleteAndUsageLogs'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /Log Analytics is off/, rules: ['GCP.Logging.BucketAnalytics'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /rotates every/, rules: ['GCP.Kms.KeyRotation'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /catch-all firewall/, rules: ['GCP.Network.EgressLogged'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /DNS query logging/, rules: ['GCP.Dns.NetworkLogging'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /no Data Access audit logs/, rules: ['GCP.Audit.DataAccessLogs', 'GCP.Audit.ServiceCoverage'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /root access|file downloads|proxy is off/, rules: ['GCP.Workbench.Hardening'] },
  { id: WARNINGS.WEAKENED_DEFAULT, says: /^no (RESOURCE|IAM_POLICY) feed|feeds no longer watch/, rules: ['GCP.Asset.FeedContentTypes'] },
];

/** The kit warnings raised under a scope: id and text after the construct path. */
function kitWarnings(scope: IConstruct): { id: string; text: string }[] {
  const found: { id: string; text: string }[] = [];
  for (const c of scope.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type !== AnnotationMetadataEntryType.WARN) continue;
      const hit = /^\[(forensic-readiness:[a-z-]+)\] (?:[^ ]+: )?(.*)$/s.exec(String(m.data));
      if (hit) found.push({ id: hit[1], text: hit[2] });
    }
  }
  return found;
}

/** What a case asked of its evidence stores. */
interface Asked {
  /** LOCKED asked (or the default): every store of this kind must be locked. */
  readonly locked?: boolean;
  /** The retention asked, in days (undefined for a token or the default). */
  readonly days?: number;
}

const STORES: Record<string, { readonly locked?: (r: any) => unknown; readonly days?: (r: any) => unknown }> = {
  google_storage_bucket: { locked: (r) => r.retention_policy?.is_locked, days: (r) => (typeof r.retention_policy?.retention_period === 'number' ? r.retention_policy.retention_period / 86_400 : undefined) },
  google_logging_project_bucket_config: { locked: (r) => r.locked, days: (r) => r.retention_days },
  google_bigquery_dataset: {},
  google_kms_key_ring: {},
  google_kms_crypto_key: {},
};

/** The LogSink an audit config needs beside it to count (its logs routed into locked storage), at the same parent. */
function routing(c: Case, parent: unknown): void {
  if (parent !== undefined && !(parent instanceof GcpParent)) return; // AuditLogs refuses it
  const kind = (parent as GcpParent | undefined)?.kind ?? 'project';
  new LogSink(c.stack, 'Routing', { parent: parent as GcpParent | undefined, logBucket: kind === 'project' ? undefined : { project: 'acme-prod' } });
}

const counts = new Map<string, { cases: number; refused: number; built: number }>();

/** Synthesizes and judges one built case; throws with the reason when the property fails. */
function judge(c: Case, asked: Record<string, Asked>, unused: readonly string[]): void {
  const tf = c.stack.toTerraform() as { resource?: Record<string, Record<string, any>> };
  const text = JSON.stringify(tf);
  for (const t of c.tokens) {
    if (unused.some((u) => t.path === u || t.path.startsWith(`${u}.`) || t.path.startsWith(`${u}[`))) continue;
    if (!text.includes(`var.${t.name}`)) throw new Error(`the token var.${t.name} given as ${t.path} did not reach the Terraform JSON`);
  }
  const raised = kitWarnings(c.stack);
  const allowed = new Set(raised.flatMap((w) => ANNOUNCES.filter((a) => a.id === w.id && a.says.test(w.text)).flatMap((a) => a.rules)));
  const result = runRules(buildModel([loadDocument(tf, 'prop/cdk.tf.json')]), ALL_RULES);
  const unannounced = result.findings.filter((f) => f.severity === 'error' && !allowed.has(f.ruleId));
  if (unannounced.length > 0) {
    throw new Error(`error findings no kit warning announces (warnings: ${raised.map((w) => `${w.id} ${w.text.slice(0, 60)}`).join('; ') || 'none'}): ${unannounced.map((f) => `${f.ruleId} ${f.address}: ${f.message}`).join('; ')}`);
  }
  for (const [type, store] of Object.entries(STORES)) {
    for (const [name, r] of Object.entries(tf.resource?.[type] ?? {})) {
      if (r.lifecycle?.prevent_destroy !== true) throw new Error(`${type}.${name} has no lifecycle.prevent_destroy true`);
      const a = asked[type];
      if (!a) continue;
      if (a.locked && store.locked && store.locked(r) !== true) throw new Error(`${type}.${name} is not locked, LOCKED was asked`);
      const got = store.days?.(r);
      if (a.days !== undefined && typeof got === 'number' && got < a.days) throw new Error(`${type}.${name} keeps ${got} days, ${a.days} were asked`);
    }
  }
}

/** The days of a retention recipe, when a plain number was asked. */
function askedDays(value: unknown, defaultDays: number): number | undefined {
  if (value === undefined) return defaultDays;
  if (value instanceof Make && value.what === 'retention' && typeof value.args[0] === 'number') return value.args[0];
  return undefined;
}

/** One construct's property: build from generated props, refused naming a prop or built and judged. */
function property<P extends Record<string, unknown>>(
  name: string,
  arb: fc.Arbitrary<P>,
  build: (c: Case, p: Record<string, unknown>) => IConstruct,
  asked: (p: P) => Record<string, Asked>,
  propNames: readonly string[],
  unused: (p: P) => readonly string[] = () => [],
): void {
  test(`${name}: refused naming a prop, or built with no unannounced error finding, tokens intact and every evidence store retained and locked as asked`, () => {
    const tally = { cases: 0, refused: 0, built: 0 };
    fc.assert(
      fc.property(arb, (p) => {
        tally.cases++;
        const c = newCase();
        const outcome = refusedOrBuilt(() => build(c, make(c, p) as Record<string, unknown>), propNames);
        if ('refused' in outcome) {
          tally.refused++;
          if (process.env.FR_PROPERTY_DEBUG) process.stdout.write(`${name} refused: ${outcome.refused.message.slice(0, 160)}\n`);
          return;
        }
        tally.built++;
        judge(c, asked(p), unused(p));
      }),
      params(runs),
    );
    counts.set(name, tally);
    recordSummary({ cloud: 'gcp', construct: name, ...tally });
  });
}

const runs = runsFor(7);

describe('GCP constructs under arbitrary props', () => {
  property('ForensicKey', keyProps, (c, p) => new ForensicKey(c.stack, 'Key', p as never), () => ({}), keyProps.names);

  property('EvidenceBucket', bucketProps, (c, p) => new EvidenceBucket(c.stack, 'Evidence', p as never), (p) => ({
    google_storage_bucket: { locked: p.immutability === undefined || p.immutability === Immutability.LOCKED, days: askedDays(p.retention, 365) },
  }), bucketProps.names);

  // Data Access logs need routing into locked storage to count: AuditLogs is judged beside a default LogSink.
  property('AuditLogs', auditProps, (c, p) => {
    routing(c, p.parent);
    return new AuditLogs(c.stack, 'Audit', p as never);
  }, () => ({}), auditProps.names);

  property('LogSink', sinkProps, (c, p) => new LogSink(c.stack, 'Sink', p as never), (p) => {
    const lb = (typeof p.logBucket === 'object' && p.logBucket !== null ? p.logBucket : {}) as Record<string, unknown>;
    return {
      google_logging_project_bucket_config: { locked: lb.immutability === undefined || lb.immutability === Immutability.LOCKED, days: askedDays(lb.retention, 365) },
      google_storage_bucket: { locked: true, days: 365 },
    };
  }, sinkProps.names);

  property('AssetInventoryFeeds', feedProps, (c, p) => new AssetInventoryFeeds(c.stack, 'Feeds', p as never), () => ({
    google_storage_bucket: { locked: true, days: 365 },
  }), feedProps.names);

  // The sampling is written only into the subnets' log_config: without subnets it has nowhere to go.
  property('FlowLogs', flowProps, (c, p) => new FlowLogs(c.stack, 'Net', p as never), () => ({}), flowProps.names, (p) =>
    (Array.isArray(p.subnets) && p.subnets.length > 0) || (Array.isArray(p.subnetworks) && p.subnetworks.length > 0) ? [] : ['flowSampling'],
  );

  const vertexCase = fc.record({ props: vertexProps, endpoint: fc.option(endpointOptions), dataset: fc.boolean(), workbench: fc.option(workbenchOptions) });
  property(
    'VertexAiAudit',
    vertexCase,
    (c, p) => {
      // The sink routes the project Vertex AI is audited in: a sink of another project would not.
      const project = (p.props as { project?: unknown }).project;
      routing(c, typeof project === 'string' && /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project) ? GcpParent.project(project) : undefined);
      const vertex = new VertexAiAudit(c.stack, 'Vertex', p.props as never);
      if (p.endpoint) vertex.addEndpoint('Endpoint', p.endpoint as never);
      if (p.dataset) vertex.addDataset('Dataset', { displayName: 'train' });
      if (p.workbench) vertex.addWorkbenchInstance('Notebook', p.workbench as never);
      return vertex;
    },
    () => ({}),
    [...vertexProps.names, ...endpointOptions.names, ...workbenchOptions.names, 'options'],
  );

  afterAll(() => {
    const lines = [...counts].map(([n, t]) => `${n} ${t.cases} (${t.refused} refused, ${t.built} built)`);
    if (process.env.FR_PROPERTY_VERBOSE) process.stdout.write(`gcp property cases: ${lines.join('; ')}\n`);
  });
});
