/**
 * Property-based suite of the Azure constructs: for every construct, arbitrary props (valid,
 * boundary, hostile, deploy-time tokens, wrong types) are built in a fresh cdktf App and
 * TerraformStack (with an AzurermProvider), synthesized with `stack.toTerraform()` and judged by
 * the kit's own engine. The property: either the construct refuses the props with a
 * ForensicValidationError naming one of them, or the Terraform JSON has no error finding but
 * those a kit warning the construct raised announces (the warning names the check), every
 * evidence store (storage account, container, container policy, delete lock, Log Analytics
 * workspace) has `lifecycle.prevent_destroy: true`, no lock is weaker than asked, and a token
 * reaches the JSON unchanged. Props drawn only from the valid values must build.
 *
 * Props are generated as plain descriptions (printable when fast-check shrinks a failing case)
 * and turned into values inside the case's own stack.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, TerraformVariable, Token } from 'cdktf';
import * as fc from 'fast-check';
import {
  ACTIVITY_LOG_CATEGORIES,
  ActivityLogs,
  COGNITIVE_ACCOUNT_LOG_CATEGORIES,
  CognitiveAccountAudit,
  ENTRA_ID_LOG_CATEGORIES,
  EntraIdLogs,
  EVIDENCE_TABLES,
  EvidenceStorage,
  FlowLogs,
  HardenedMlWorkspace,
  LogAnalytics,
  MachineLearningAudit,
  REPLICATION_TYPES,
  StorageAccessLogs,
  TOTAL_RETENTION_LONG_VALUES,
} from '../../constructs/azure';
import { Immutability, Retention } from '../../constructs/core';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { hostile, params, recordSummary, refusedOrBuilt, runsFor } from './common';

/** A prop as the case describes it; `make` turns it into the value inside the case's stack. `bad` marks a value that may be refused. */
type Desc =
  | { v: unknown; bad?: true }
  | { retention: number; bad?: true }
  | { retentionToken: 'numberValue' | 'asNumber' }
  | { numberToken: true }
  | { stringToken: true }
  | { listToken: true }
  | { immutability: 'LOCKED' | 'SOAK' }
  | { kitStore: true }
  | { kitWorkspace: true }
  | { list: Desc[]; bad?: true }
  | { obj: Record<string, Desc>; bad?: true };

type Props = Record<string, Desc>;

/** What a case asked for, as the property needs it to judge the template. */
interface Asked {
  retentionDays?: number;
  retentionIsToken: boolean;
  soak: boolean;
  accountLocked: boolean;
}

const SUB = '11111111-2222-3333-4444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg`;
/** A Resource Manager id of a type (`Microsoft.Network/virtualNetworks/subnets`: its parent is named `parent`). */
const id = (type: string, name: string): string => {
  const [namespace, ...types] = type.split('/');
  return `${RG}/providers/${namespace}/${types.map((t, i) => `${t}/${i === types.length - 1 ? name : 'parent'}`).join('/')}`;
};
const STORE_ID = id('Microsoft.Storage/storageAccounts', 'evidence');
const DATA_ID = id('Microsoft.Storage/storageAccounts', 'trainingdata');
const VNET_ID = id('Microsoft.Network/virtualNetworks', 'vnet');
const ML_ID = id('Microsoft.MachineLearningServices/workspaces', 'ml');
const WS_ID = id('Microsoft.OperationalInsights/workspaces', 'law');
const WS_GUID = '99999999-8888-7777-6666-555555555555';

class Case {
  private n = 0;
  public readonly asked: Asked = { retentionIsToken: false, soak: false, accountLocked: false };
  /** Every token the case made, with the prop it was given to. */
  public readonly tokens: { token: string; prop: string }[] = [];
  private store?: EvidenceStorage;
  private workspace?: LogAnalytics;
  constructor(public readonly stack: TerraformStack) {}

  public props(p: Props): Record<string, unknown> {
    return Object.fromEntries(Object.entries(p).map(([k, d]) => [k, this.make(d, k)]));
  }

  public make(d: Desc, prop = ''): unknown {
    if ('v' in d) {
      if (prop === 'accountPolicyLocked' && d.v === true) this.asked.accountLocked = true;
      return d.v;
    }
    if ('retention' in d) {
      if (prop === 'retention') this.asked.retentionDays = d.retention;
      return Retention.days(d.retention);
    }
    if ('retentionToken' in d) {
      if (prop === 'retention') this.asked.retentionIsToken = true;
      const days = d.retentionToken === 'numberValue' ? this.variable('number', prop).numberValue : Token.asNumber(this.variable('number', prop).numberValue);
      return Retention.days(days);
    }
    if ('numberToken' in d) return this.variable('number', prop).numberValue;
    if ('stringToken' in d) return this.variable('string', prop).stringValue;
    if ('listToken' in d) return this.variable('list(string)', prop).listValue;
    if ('immutability' in d) {
      if (prop === 'immutability' && d.immutability === 'SOAK') this.asked.soak = true;
      return Immutability[d.immutability];
    }
    if ('kitStore' in d) return this.kitStore();
    if ('kitWorkspace' in d) return this.kitWorkspace();
    if ('list' in d) return d.list.map((x, i) => this.make(x, `${prop}[${i}]`));
    return Object.fromEntries(Object.entries(d.obj).map(([k, x]) => [k, this.make(x, `${prop}.${k}`)]));
  }

  /** The kit's own evidence store of the case (LOCKED, 365 days), created once. */
  public kitStore(): EvidenceStorage {
    this.store ??= new EvidenceStorage(this.stack, 'KitStore', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'kitevidence' });
    return this.store;
  }

  /** The kit's own Log Analytics workspace of the case, created once. */
  public kitWorkspace(): LogAnalytics {
    this.workspace ??= new LogAnalytics(this.stack, 'KitWorkspace', { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'kit-workspace' });
    return this.workspace;
  }

  private variable(type: string, prop: string): TerraformVariable {
    const name = `v${++this.n}`;
    this.tokens.push({ token: `\${var.${name}}`, prop });
    return new TerraformVariable(this.stack, name, { type });
  }
}

/** Whether a description holds a value that may be refused. */
function isBad(d: Desc): boolean {
  if ('bad' in d && d.bad) return true;
  if ('list' in d) return d.list.some(isBad);
  if ('obj' in d) return Object.values(d.obj).some(isBad);
  return false;
}

// ---- generators -------------------------------------------------------------------------------

const v = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<Desc> => a.map((x) => ({ v: x }));
const bad = (a: fc.Arbitrary<unknown>): fc.Arbitrary<Desc> => a.map((x) => ({ v: x, bad: true as const }));
const stringToken: fc.Arbitrary<Desc> = fc.constant({ stringToken: true as const });
const numberToken: fc.Arbitrary<Desc> = fc.constant({ numberToken: true as const });

/** A prop: mostly valid, sometimes a value of its own domain that is wrong, sometimes hostile, sometimes a token. */
function prop(valid: fc.Arbitrary<Desc>, wrong?: fc.Arbitrary<unknown> | fc.Arbitrary<Desc>, token?: fc.Arbitrary<Desc>): fc.Arbitrary<Desc> {
  const choices: { arbitrary: fc.Arbitrary<Desc>; weight: number }[] = [{ arbitrary: valid, weight: 40 }, { arbitrary: bad(hostile), weight: 1 }];
  if (wrong) choices.push({ arbitrary: (wrong as fc.Arbitrary<unknown>).map((x) => (isDesc(x) ? x : { v: x, bad: true as const })), weight: 2 });
  if (token) choices.push({ arbitrary: token, weight: 3 });
  return fc.oneof(...choices);
}

function isDesc(x: unknown): x is Desc {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && ('bad' in x || 'list' in x || 'obj' in x || 'retention' in x);
}

/** Names: a few realistic ones, generated ones matching the rule, and the boundaries either side. */
function name(pattern: RegExp, examples: string[], wrong: string[]): fc.Arbitrary<Desc> {
  return prop(fc.oneof(v(fc.constantFrom(...examples)), v(fc.stringMatching(pattern))), fc.constantFrom(...wrong), stringToken);
}

const resourceGroup = name(/^[-_.()a-zA-Z0-9]{0,20}[-_()a-zA-Z0-9]$/, ['rg', 'forensic-rg', 'rg_(prod).1', 'Ressourcengruppe-Prüfung', '证据', 'a'.repeat(90)], ['', 'rg.', 'a'.repeat(91), 'rg/x', 'rg#1', 'r g']);
const location = prop(v(fc.constantFrom('westeurope', 'West Europe')), fc.constantFrom('', 'west europe!', 'westeurope ', ' westeurope', 'a'.repeat(51), 'west  europe'), stringToken);
const storageName = name(/^[a-z0-9]{3,24}$/, ['evidence01', 'abc', 'a'.repeat(24)], ['ab', 'a'.repeat(25), 'Evidence01', 'evi-dence', 'évidence', '']);
const containerName = name(/^[a-z0-9]{2,5}(?:-[a-z0-9]{1,5}){0,3}[a-z0-9]$/, ['evidence', 'abc', 'a'.repeat(63), 'insights-logs-x'], ['ab', 'a'.repeat(64), 'a--b', '-abc', 'abc-', 'Abc', 'a_b']);
const workspaceName = name(/^[A-Za-z0-9][A-Za-z0-9-]{2,30}[A-Za-z0-9]$/, ['law1', 'forensic-law', 'a'.repeat(63)], ['abc', 'a'.repeat(64), '-law', 'law-', 'law_1']);
const settingName = name(/^[a-zA-Z0-9][a-zA-Z0-9 _().-]{0,30}[a-zA-Z0-9]$/, ['forensic', 'audit (primary)', 'a'.repeat(260)], ['', 'a/b', 'a:b', 'a%b', 'a'.repeat(261), ' lead', 'trail.']);
const networkName = name(/^[A-Za-z0-9][\w.-]{0,20}\w$/, ['NetworkWatcher_westeurope', 'flow.log_1', 'a'], ['', '-x', 'x.', 'x-', 'a'.repeat(81), 'a b']);
const guid = prop(v(fc.uuid()), fc.constantFrom('', 'my-subscription', '11111111-2222-3333-4444-55555555555'), stringToken);
const bool = prop(v(fc.boolean()), fc.constantFrom('true', 0, 1, 'false'));
const tags = prop(v(fc.constantFrom({ env: 'prod' }, { owner: 'sec', 'cost-centre': '42' }, {})), fc.constantFrom({ 'a<b': 'x' }, { k: 5 }, { k: 'x'.repeat(257) }, 'env=prod', ['env']));

function resourceIdOf(type: string, wrongType: string): fc.Arbitrary<Desc> {
  return prop(v(fc.constantFrom(id(type, 'one'), id(type, 'two-2'))), fc.constantFrom('', id(wrongType, 'x'), `${id(type, 'one')}/extra`, 'one', '/subscriptions//resourceGroups/rg'), stringToken);
}

/** A retention inside [min, max] (with its boundaries and the kit's floor either side), outside it, or a token number of days. */
function retention(min: number, max: number, extra: number[] = []): fc.Arbitrary<Desc> {
  const inside = fc.oneof(fc.constantFrom(min, max, 364, 365, 366, ...extra).filter((d) => d >= min && d <= max), fc.integer({ min, max }));
  const outside = fc.oneof(fc.constantFrom(min - 1, max + 1, 0, -1, 1.5, -1e289, 1e300), fc.integer()).filter((d) => !(Number.isInteger(d) && d >= min && d <= max) || extra.includes(d));
  return prop(
    inside.map((d) => ({ retention: d })),
    fc.oneof(outside.map((d) => ({ retention: d, bad: true as const })), fc.constantFrom<unknown>(365, '365 days', { days: 365 })),
    fc.constantFrom({ retentionToken: 'numberValue' as const }, { retentionToken: 'asNumber' as const }),
  );
}

/** A list of valid entries, a list with a wrong entry or a repeat, or a token list. */
function listOf(entry: fc.Arbitrary<Desc>, wrongEntries: unknown[], options: { maxLength?: number; token?: boolean } = {}): fc.Arbitrary<Desc> {
  const valid = fc.uniqueArray(entry, { maxLength: options.maxLength ?? 3, selector: (d) => JSON.stringify(d) }).map((list) => ({ list }));
  return prop(
    valid,
    fc.oneof(
      fc.constantFrom(...wrongEntries).map((w) => ({ list: [{ v: w, bad: true as const }], bad: true as const })),
      entry.map((e) => ({ list: [e, e], bad: true as const })),
    ),
    options.token ? fc.constant({ listToken: true as const }) : undefined,
  );
}

function categories(all: readonly string[]): fc.Arbitrary<Desc> {
  return prop(
    fc.subarray([...all], { minLength: 1 }).map((c) => ({ v: c })),
    fc.constantFrom<unknown>([], ['Write'], [all[0], all[0]], all[0], [all[0].toLowerCase()]),
  );
}

const destination: fc.Arbitrary<Desc> = prop(
  fc.oneof(fc.constant({ kitStore: true as const }), v(fc.constant({ storageAccountId: STORE_ID, location: 'westeurope' }))),
  fc.constantFrom<unknown>(STORE_ID, { storageAccountId: STORE_ID }, { storageAccountId: '', location: 'westeurope' }, { storageAccountId: STORE_ID, location: 'northeurope' }, { id: STORE_ID }),
  fc.constant({ obj: { storageAccountId: { stringToken: true as const }, location: { v: 'westeurope' } } }),
);
const workspace: fc.Arbitrary<Desc> = prop(
  fc.oneof(fc.constant({ kitWorkspace: true as const }), v(fc.constant({ workspaceResourceId: WS_ID, workspaceGuid: WS_GUID, location: 'westeurope' }))),
  fc.constantFrom<unknown>(WS_ID, { workspaceResourceId: WS_ID }, { workspaceResourceId: WS_ID, workspaceGuid: 'law', location: 'westeurope' }),
);

/** The props of a construct: each key but the required ones may be absent (the default). */
interface Model {
  readonly arb: fc.Arbitrary<Props>;
  /** Every prop of the construct: a refusal may name any of them (a required prop left out, a default that conflicts). */
  readonly names: string[];
}

function optional(model: Record<string, fc.Arbitrary<Desc>>, required: string[]): Model {
  return { arb: fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Props>, names: Object.keys(model) };
}

// ---- the property ---------------------------------------------------------------------------

/** The resources that hold or protect evidence, which must never be destroyable. */
const EVIDENCE_TYPES = ['azurerm_storage_account', 'azurerm_storage_container', 'azurerm_storage_container_immutability_policy', 'azurerm_management_lock', 'azurerm_log_analytics_workspace'];

type TfJson = { resource?: Record<string, Record<string, Record<string, any>>> };

interface Built {
  /** Whether the props were all drawn from valid values (then the construct must build). */
  readonly mustBuild: boolean;
}

interface Counts {
  refused: number;
  built: number;
  cases: number;
}

/** Kit warnings raised in the stack, as texts. */
function warningsOf(stack: TerraformStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)));
}

function judge(c: Case, propsDesc: Props, unused: string[]): void {
  const json = c.stack.toTerraform() as TfJson;
  const result = runRules(buildModel([loadDocument(json, 'x/cdk.tf.json')]), ALL_RULES);
  const warnings = warningsOf(c.stack);
  const unannounced = result.findings.filter((f) => f.severity === 'error' && !warnings.some((w) => w.includes(f.ruleId)));
  if (unannounced.length > 0) {
    throw new Error(`error findings no kit warning announces: ${unannounced.map((f) => `${f.ruleId} ${f.address}`).join('; ')}\nwarnings: ${warnings.join('\n')}\nprops: ${JSON.stringify(propsDesc)}`);
  }
  const resources = json.resource ?? {};
  // Every token given reaches the JSON: none dropped, none rewritten (a lower-cased token is no token).
  const text = JSON.stringify(resources);
  for (const { token, prop } of c.tokens) {
    if (unused.includes(prop)) continue;
    const name = token.slice('${var.'.length, -1);
    if (!new RegExp(`\\bvar\\.${name}\\b`).test(text)) throw new Error(`the token ${token} does not reach the Terraform JSON\nprops: ${JSON.stringify(propsDesc)}`);
  }
  for (const type of EVIDENCE_TYPES) {
    for (const [name, body] of Object.entries(resources[type] ?? {})) {
      if (body.lifecycle?.prevent_destroy !== true) throw new Error(`${type}.${name} has no lifecycle.prevent_destroy: true`);
    }
  }
  // No lock weaker than asked: LOCKED (the default) locks every container policy, for the days asked.
  const locked = !c.asked.soak;
  for (const [name, policy] of Object.entries(resources.azurerm_storage_container_immutability_policy ?? {})) {
    if (locked && policy.locked !== true) throw new Error(`azurerm_storage_container_immutability_policy.${name} is not locked, though LOCKED was asked`);
    const days = policy.immutability_period_in_days;
    if (typeof days === 'number' && !(days >= 1)) throw new Error(`azurerm_storage_container_immutability_policy.${name} keeps ${days} days`);
  }
  const storeUnderTest = Object.entries(resources.azurerm_storage_account ?? {}).filter(([, a]) => a['//']?.metadata?.path?.includes('/Subject/'));
  for (const [name, account] of storeUnderTest) {
    const period = account.immutability_policy?.period_since_creation_in_days;
    if (c.asked.retentionDays !== undefined && period !== c.asked.retentionDays) throw new Error(`azurerm_storage_account.${name} keeps ${period} days, ${c.asked.retentionDays} were asked`);
    if (c.asked.retentionIsToken && !(typeof period === 'string' && c.tokens.some((t) => t.token === period))) throw new Error(`azurerm_storage_account.${name}: the token retention became ${JSON.stringify(period)}`);
    if (c.asked.accountLocked && account.immutability_policy?.state !== 'Locked') throw new Error(`azurerm_storage_account.${name}: accountPolicyLocked asked, state ${account.immutability_policy?.state}`);
    for (const [pname, policy] of Object.entries(resources.azurerm_storage_container_immutability_policy ?? {})) {
      if (!policy['//']?.metadata?.path?.includes('/Subject/')) continue;
      const days = policy.immutability_period_in_days;
      if (c.asked.retentionDays !== undefined && days !== c.asked.retentionDays) throw new Error(`azurerm_storage_container_immutability_policy.${pname} keeps ${days} days, ${c.asked.retentionDays} were asked`);
      if (c.asked.retentionIsToken && !(typeof days === 'string' && c.tokens.some((t) => t.token === days))) throw new Error(`azurerm_storage_container_immutability_policy.${pname}: the token retention became ${JSON.stringify(days)}`);
    }
  }
}

/**
 * One construct's property: build in a fresh stack (the construct under test has the id
 * `Subject`), refused with an error naming a prop, or synthesized and judged.
 */
function property(
  construct: string,
  model: Model,
  build: (c: Case, props: Record<string, unknown>) => void,
  extra: (p: Props) => boolean = () => true,
  unused: (p: Props) => string[] = () => [],
): void {
  const runs = runsFor(8);
  test(`${construct}: refused naming a prop, or built with no unannounced error, retained and locked as asked (${runs} cases)`, () => {
    const counts: Counts = { refused: 0, built: 0, cases: 0 };
    fc.assert(
      fc.property(model.arb, (p) => {
        counts.cases += 1;
        const app = new App({ outdir: '/tmp/fr-azure-property-unused', skipValidation: true });
        const stack = new TerraformStack(app, 'x');
        new AzurermProvider(stack, 'azurerm', { features: [{}] });
        const c = new Case(stack);
        const names = [...model.names, ...(construct === 'HardenedMlWorkspace' ? ['props', 'name', 'vmSize', 'vmPriority', 'maxNodeCount', 'scaleDownAfterIdle', 'virtualMachineSize'] : [])];
        const outcome = refusedOrBuilt(() => build(c, c.props(p)), names);
        const mustBuild: Built = { mustBuild: !Object.values(p).some(isBad) && extra(p) };
        if ('refused' in outcome) {
          counts.refused += 1;
          if (mustBuild.mustBuild) throw new Error(`valid props refused: ${outcome.refused.message}\nprops: ${JSON.stringify(p)}`);
          return;
        }
        counts.built += 1;
        judge(c, p, unused(p));
      }),
      params(runs),
    );
    recordSummary({ cloud: 'azure', construct, ...counts });
  });
}

const isTrue = (d: Desc | undefined): boolean => d !== undefined && 'v' in d && d.v === true;
const isFalse = (d: Desc | undefined): boolean => d !== undefined && 'v' in d && d.v === false;
const daysOf = (d: Desc | undefined): number | undefined => (d !== undefined && 'retention' in d ? d.retention : undefined);

describe('Azure constructs under arbitrary props', () => {
  property(
    'EvidenceStorage',
    optional(
      {
        resourceGroupName: resourceGroup,
        location,
        accountName: storageName,
        retention: retention(1, 146_000),
        immutability: prop(fc.constantFrom({ immutability: 'LOCKED' as const }, { immutability: 'SOAK' as const }), fc.constantFrom<unknown>('locked', 'LOCKED', { mode: 'locked' }, true, 'soak')),
        accountPolicyLocked: bool,
        containers: listOf(containerName, ['Bad_Name', 'a--b', 'ab', '-abc']),
        softDeleteRetention: retention(1, 365),
        changeFeedRetention: retention(1, 146_000),
        encryptionKey: prop(
          v(fc.constant({ keyVaultKeyId: 'https://kv.vault.azure.net/keys/evidence', userAssignedIdentityId: id('Microsoft.ManagedIdentity/userAssignedIdentities', 'uai') })),
          fc.constantFrom<unknown>('key', { keyVaultKeyId: 5 }, { keyVaultKeyId: 'https://kv.vault.azure.net/keys/evidence' }, { keyVaultKeyId: 'kv/evidence', userAssignedIdentityId: id('Microsoft.ManagedIdentity/userAssignedIdentities', 'uai') }),
        ),
        replication: prop(v(fc.constantFrom(...REPLICATION_TYPES)), fc.constantFrom('grs', 'Standard_GRS', 'XRS'), stringToken),
        allowedSubnetIds: listOf(resourceIdOf('Microsoft.Network/virtualNetworks/subnets', 'Microsoft.Network/virtualNetworks'), ['/subnet/1', ''], { token: true }),
        allowedIpRanges: listOf(v(fc.constantFrom('203.0.113.0/24', '198.51.100.7', '8.8.8.8', '1.0.0.0/8', '100.64.0.0/10')), ['0.0.0.0/0', '::/0', '10.0.0.0/8', '192.168.1.1', '203.0.113.5/32', '256.1.1.1', '1.2.3.4/33', '128.0.0.0/1', '']),
        tags,
      },
      ['resourceGroupName', 'location', 'accountName'],
    ),
    (c, props) => {
      const store = new EvidenceStorage(c.stack, 'Subject', props as never);
      store.evidenceContainer('insights-activity-logs');
    },
    (p) => !(isTrue(p.accountPolicyLocked) && p.immutability !== undefined && 'immutability' in p.immutability && p.immutability.immutability === 'SOAK'),
  );

  property(
    'LogAnalytics',
    optional(
      {
        resourceGroupName: resourceGroup,
        location,
        workspaceName,
        retention: retention(30, 730, [89, 90, 91]),
        totalRetention: retention(30, 730, [...TOTAL_RETENTION_LONG_VALUES]),
        tables: listOf(v(fc.constantFrom(...EVIDENCE_TABLES, 'MyEvidence_CL')), ['Azure Activity', '1Table', ''], { maxLength: 4 }),
        sentinelEnabled: bool,
        tags,
      },
      ['resourceGroupName', 'location', 'workspaceName'],
    ),
    (c, props) => void new LogAnalytics(c.stack, 'Subject', props as never),
    (p) => {
      const total = p.totalRetention === undefined ? 365 : daysOf(p.totalRetention);
      const interactive = p.retention === undefined ? 90 : daysOf(p.retention);
      return total === undefined || interactive === undefined || total >= interactive;
    },
    // The total retention is set per table: with no table (which warns) it has nowhere to go.
    (p) => (p.tables !== undefined && 'list' in p.tables && p.tables.list.length === 0 ? ['totalRetention'] : []),
  );

  property(
    'ActivityLogs',
    optional({ subscriptionId: guid, destination, workspace, categories: categories(ACTIVITY_LOG_CATEGORIES), settingName }, ['subscriptionId', 'destination']),
    (c, props) => void new ActivityLogs(c.stack, 'Subject', props as never),
  );

  property(
    'EntraIdLogs',
    optional({ destination, workspace, categories: categories(ENTRA_ID_LOG_CATEGORIES), settingName }, ['destination']),
    (c, props) => void new EntraIdLogs(c.stack, 'Subject', props as never),
  );

  property(
    'FlowLogs',
    optional(
      {
        virtualNetworkId: resourceIdOf('Microsoft.Network/virtualNetworks', 'Microsoft.Network/virtualNetworks/subnets'),
        location,
        destination,
        workspace,
        retention: retention(1, 365),
        trafficAnalyticsEnabled: bool,
        trafficAnalyticsIntervalMinutes: prop(v(fc.constantFrom(10, 60)), fc.constantFrom<unknown>(30, '10', 0), numberToken),
        networkWatcherName: networkName,
        networkWatcherResourceGroupName: resourceGroup,
        flowLogName: networkName,
        tags,
      },
      ['virtualNetworkId', 'location', 'destination'],
    ),
    (c, props) => void new FlowLogs(c.stack, 'Subject', props as never),
    (p) => isFalse(p.trafficAnalyticsEnabled) || p.workspace !== undefined,
    // The interval has no effect while traffic analytics is off.
    (p) => (isFalse(p.trafficAnalyticsEnabled) ? ['trafficAnalyticsIntervalMinutes'] : []),
  );

  property(
    'StorageAccessLogs',
    optional(
      { storageAccountId: prop(v(fc.constant(DATA_ID)), fc.constantFrom<unknown>('', VNET_ID, STORE_ID), stringToken), destination, workspace, metricsEnabled: bool, settingName },
      ['storageAccountId', 'destination'],
    ),
    (c, props) => void new StorageAccessLogs(c.stack, 'Subject', props as never),
  );

  const endpoints = prop(
    v(fc.constantFrom({}, { scoring: `${ML_ID}/onlineEndpoints/scoring` }, { a: `${ML_ID}/onlineEndpoints/a`, b: `${ML_ID}/onlineEndpoints/b` })),
    fc.constantFrom<unknown>({ 'bad key': `${ML_ID}/onlineEndpoints/a` }, { scoring: ML_ID }, [`${ML_ID}/onlineEndpoints/a`], `${ML_ID}/onlineEndpoints/a`),
    fc.constant({ obj: { scoring: { stringToken: true as const } } }),
  );
  const registries = prop(
    v(fc.constantFrom({}, { models: id('Microsoft.MachineLearningServices/registries', 'models') })),
    fc.constantFrom<unknown>({ models: ML_ID }, { '': id('Microsoft.MachineLearningServices/registries', 'models') }),
  );
  property(
    'MachineLearningAudit',
    optional(
      {
        machineLearningWorkspaceId: prop(v(fc.constant(ML_ID)), fc.constantFrom<unknown>('', `${ML_ID}/onlineEndpoints/x`, VNET_ID), stringToken),
        onlineEndpoints: endpoints,
        registries,
        destination,
        workspace,
        metricsEnabled: bool,
        settingName,
      },
      ['machineLearningWorkspaceId', 'destination'],
    ),
    (c, props) => void new MachineLearningAudit(c.stack, 'Subject', props as never),
  );

  property(
    'CognitiveAccountAudit',
    optional(
      {
        cognitiveAccountId: prop(v(fc.constant(id('Microsoft.CognitiveServices/accounts', 'ai'))), fc.constantFrom<unknown>('', ML_ID, STORE_ID), stringToken),
        destination,
        workspace,
        categories: categories(COGNITIVE_ACCOUNT_LOG_CATEGORIES),
        metricsEnabled: bool,
        settingName,
      },
      ['cognitiveAccountId', 'destination'],
    ),
    (c, props) => void new CognitiveAccountAudit(c.stack, 'Subject', props as never),
  );

  const compute = (extra: Record<string, fc.Arbitrary<Desc>>) =>
    prop(
      fc.record({ name: name(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/, ['training', 'abc', 'a'.repeat(32)], ['ab', '1cluster', 'a'.repeat(33), 'c-']), ...extra }).map((obj) => ({ obj })),
      fc.constantFrom<unknown>({}, 'cluster'),
    );
  property(
    'HardenedMlWorkspace',
    optional(
      {
        workspaceName: name(/^[a-zA-Z0-9][\w-]{2,20}$/, ['mlw', 'forensic_ml-1', 'a'.repeat(33)], ['ml', 'a'.repeat(34), '_ml', 'ml.1']),
        resourceGroupName: resourceGroup,
        location,
        applicationInsightsId: resourceIdOf('Microsoft.Insights/components', 'Microsoft.KeyVault/vaults'),
        keyVaultId: resourceIdOf('Microsoft.KeyVault/vaults', 'Microsoft.Insights/components'),
        storageAccountId: resourceIdOf('Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults'),
        containerRegistryId: resourceIdOf('Microsoft.ContainerRegistry/registries', 'Microsoft.Storage/storageAccounts'),
        encryptionKey: prop(
          v(fc.constant({ keyVaultId: id('Microsoft.KeyVault/vaults', 'kv'), keyId: 'https://kv.vault.azure.net/keys/ml/1', userAssignedIdentityId: id('Microsoft.ManagedIdentity/userAssignedIdentities', 'uai') })),
          fc.constantFrom<unknown>('key', { keyId: 5 }),
        ),
        publicNetworkAccessEnabled: bool,
        isolationMode: prop(v(fc.constantFrom('AllowOnlyApprovedOutbound', 'AllowInternetOutbound')), fc.constantFrom('Disabled', 'allowonlyapprovedoutbound')),
        tags,
        cluster: compute({
          vmSize: prop(v(fc.constantFrom('Standard_DS3_v2', 'STANDARD_NC6')), fc.constantFrom('', 'Standard DS3'), stringToken),
          maxNodeCount: prop(v(fc.integer({ min: 1, max: 1000 })), fc.constantFrom(0, 1001, 2.5, -1), numberToken),
          scaleDownAfterIdle: prop(v(fc.constantFrom('PT15M', 'PT1H', 'PT30S')), fc.constantFrom('15m', 'PT', 'P1D')),
        }),
        instance: compute({ virtualMachineSize: prop(v(fc.constant('Standard_DS3_v2')), fc.constantFrom('', 5)) }),
      },
      ['workspaceName', 'resourceGroupName', 'location', 'applicationInsightsId', 'keyVaultId', 'storageAccountId'],
    ),
    (c, props) => {
      const { cluster, instance, ...workspaceProps } = props as Record<string, any>;
      const ws = new HardenedMlWorkspace(c.stack, 'Subject', workspaceProps as never);
      if (cluster !== undefined) ws.addComputeCluster('Cluster', cluster);
      if (instance !== undefined) ws.addComputeInstance('Instance', instance);
      // What the workspace is paired with (its doc says so): the ML logs and the Activity Log.
      new MachineLearningAudit(c.stack, 'Audit', { machineLearningWorkspaceId: ws.machineLearningWorkspaceId, destination: c.kitStore(), workspace: c.kitWorkspace() });
      new ActivityLogs(c.stack, 'ActivityLogs', { subscriptionId: SUB, destination: c.kitStore(), workspace: c.kitWorkspace() });
    },
  );
});
