import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { LogAnalyticsSavedSearch } from '@cdktf/provider-azurerm/lib/log-analytics-saved-search';
import { SentinelAlertRuleScheduled, SentinelAlertRuleScheduledEntityMapping } from '@cdktf/provider-azurerm/lib/sentinel-alert-rule-scheduled';
import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { deployedQueryName, PropCheck, PropKeys, queriesFolder, queryFile, question, QuestionId, QUESTIONS, questionsWithQueries, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { azureTagsProp, logAnalyticsWorkspace } from './azure-props';
import { azureTags, ILogAnalyticsWorkspace, kitWarning } from './common';
import { LogAnalytics } from './log-analytics';

/** The severities of a Sentinel alert. */
export type SentinelSeverity = 'High' | 'Medium' | 'Low' | 'Informational';
const SEVERITIES: readonly SentinelSeverity[] = ['High', 'Medium', 'Low', 'Informational'];

/** Microsoft Sentinel onboarding and the pack's scheduled analytics rules. */
export interface SentinelDetectionsOptions {
  /**
   * Onboard Microsoft Sentinel on the workspace (billed per GB ingested). Refused when the
   * workspace is a LogAnalytics that already onboards it (`sentinelEnabled`).
   * @default true - false when the workspace is a LogAnalytics with sentinelEnabled (its onboarding is used)
   */
  readonly onboard?: boolean;
  /** Whether the analytics rules run; false warns (a disabled rule detects nothing). @default true */
  readonly rulesEnabled?: boolean;
  /** The severity of the alerts the rules raise. @default 'High' */
  readonly severity?: SentinelSeverity;
}

/** The props SentinelDetectionsOptions declares: unknown keys are refused (a compile error if this drifts from the interface). */
const SENTINEL_DETECTIONS_OPTIONS_KEYS = { onboard: true, rulesEnabled: true, severity: true } as const satisfies PropKeys<SentinelDetectionsOptions>;

/** The props of an Azure InvestigationPack: the workspace it deploys the questions on. */
export interface InvestigationPackProps {
  /** The workspace the evidence tables are in: the kit's LogAnalytics, or `{ workspaceResourceId, workspaceGuid, location }`. */
  readonly workspace: ILogAnalyticsWorkspace;
  /** The category the saved searches are listed under. @default 'Forensic readiness' */
  readonly category?: string;
  /** The questions deployed, by id (each must have an Azure query). @default - every question of the catalog with an Azure query */
  readonly questions?: QuestionId[];
  /**
   * Onboard Microsoft Sentinel and deploy the scheduled analytics rules of the detections with a
   * clear threshold (endpoint invocation volume, evidence tampering); billed per GB ingested.
   * @default - no Sentinel, no analytics rules
   */
  readonly sentinel?: SentinelDetectionsOptions;
  /** Tags added to every saved search. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props InvestigationPackProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const INVESTIGATION_PACK_PROPS_KEYS = { workspace: true, category: true, questions: true, sentinel: true, tags: true } as const satisfies PropKeys<InvestigationPackProps>;

/** One field of an entity a detection's result maps to. */
export interface DetectionEntity {
  /** The Sentinel entity type (`Account`, `IP`, `AzureResource`). */
  readonly entityType: string;
  /** The entity identifier (`AadUserId`, `FullName`, `Address`, `ResourceId`). */
  readonly identifier: string;
  /** The result column it is read from. */
  readonly column: string;
}

/** A detection of the pack: a standalone KQL file under queries/azure/detections/ and how it alerts. */
export interface Detection {
  /** The question it detects the answer of, and its file name. */
  readonly id: QuestionId;
  /** The analytics rule's display name in Sentinel. */
  readonly displayName: string;
  /** The analytics rule's description: what it detects and the techniques it maps to. */
  readonly description: string;
  /** Sentinel tactics (the API's names). */
  readonly tactics: readonly string[];
  /** ATT&CK technique ids (Sentinel takes the technique, not the sub-technique). */
  readonly techniques: readonly string[];
  /** ISO 8601 durations: how often it runs and how far back it reads. */
  readonly queryFrequency: string;
  /** How far back each run reads (ISO 8601 duration). */
  readonly queryPeriod: string;
  /** The entities an alert maps from its result columns. */
  readonly entities: readonly DetectionEntity[];
}

/**
 * The detections with a clear threshold (MAPPINGS.md: AML.T0024 / AML.T0040 and T1078.004 for the
 * endpoint volume; T1562.008, reported as moved to T1685.002, and T1485 for tampering).
 */
export const SENTINEL_DETECTIONS: readonly Detection[] = [
  {
    id: 'endpoint-volume',
    displayName: 'Forensic readiness: a principal invokes an ML endpoint far above its usual volume',
    description:
      'In the last complete hour a principal called an Azure ML online endpoint more than three times the median hourly count of all callers over the day, and at least 100 times: the pattern of model extraction through the inference API (ATLAS AML.T0024, AML.T0040) with valid cloud credentials (ATT&CK T1078.004). Answer with the endpoint_callers and endpoint_volume functions.',
    tactics: ['Exfiltration', 'InitialAccess'],
    techniques: ['T1567', 'T1078'],
    queryFrequency: 'PT1H',
    queryPeriod: 'P1D',
    entities: [
      { entityType: 'Account', identifier: 'AadUserId', column: 'principal' },
      { entityType: 'AzureResource', identifier: 'ResourceId', column: 'resourceId' },
    ],
  },
  {
    id: 'evidence-tampering',
    displayName: 'Forensic readiness: logging stopped or narrowed, or an evidence store changed',
    description:
      'A diagnostic setting, data collection rule, flow log, workspace, immutability policy, legal hold, lifecycle policy, storage account, Key Vault key, role assignment or lock on an evidence scope was written or deleted, successfully or not (ATT&CK T1562.008, reported as moved to T1685.002; T1485). Answer with the evidence_tampering function.',
    tactics: ['DefenseEvasion', 'Impact'],
    techniques: ['T1562', 'T1485'],
    queryFrequency: 'PT1H',
    queryPeriod: 'PT1H',
    entities: [
      { entityType: 'Account', identifier: 'FullName', column: 'principal' },
      { entityType: 'IP', identifier: 'Address', column: 'sourceIp' },
      { entityType: 'AzureResource', identifier: 'ResourceId', column: 'target' },
    ],
  },
];

/** The text of a detection's standalone KQL file, exactly as shipped (`queries/azure/detections/<id>.kql`). */
export function detectionFile(id: QuestionId): string {
  const file = path.join(queriesFolder(), 'azure', 'detections', `${id}.kql`);
  if (!fs.existsSync(file)) throw new Error(`forensic-readiness-kit: the query file queries/azure/detections/${id}.kql is missing from the package`);
  return fs.readFileSync(file, 'utf8');
}

/** One element of `function_parameters` as azurerm 4.x validates it (`name:type` or `name:type=default`). */
const FUNCTION_PARAMETER = /^[a-zA-Z_][a-zA-Z0-9-_]*:[a-z]+(=[^,\n]+)?$/;

/**
 * The `function_parameters` an Azure query file declares in its header
 * (`// Parameters: endpointName:string, from:datetime, to:datetime`), one element per parameter,
 * in order: azurerm joins them with ", " into the saved search's parameter list.
 */
export function functionParameters(id: QuestionId, text: string): string[] {
  const file = `queries/azure/${id}.kql`;
  const line = /^\/\/ Parameters: (.+)$/m.exec(text)?.[1];
  if (line === undefined) throw new Error(`forensic-readiness-kit: ${file} has no "// Parameters:" header line`);
  return line.split(',').map((part) => {
    const p = part.trim();
    if (!FUNCTION_PARAMETER.test(p)) throw new Error(`forensic-readiness-kit: ${file} declares a parameter "${p}"; expected name:type or name:type=default`);
    return p;
  });
}

/**
 * The Log Analytics half of an investigation: one saved search per question of the catalog that
 * has an Azure query, as a KQL function (`endpoint_callers('scoring', datetime(2026-11-30),
 * datetime(2026-12-01))`) under the category "Forensic readiness", the query file byte for byte,
 * its `function_parameters` the ones the file's header declares. With `sentinel`, Microsoft
 * Sentinel is onboarded on the workspace and the two detections with a clear threshold run as
 * scheduled analytics rules, one alert per result row, with tactics, techniques and entities; their
 * queries are the standalone files under queries/azure/detections/.
 *
 * Saved searches read the workspace; they change nothing in it. The workspace is not the
 * unalterable copy of the evidence (EvidenceStorage is): an answer from here is a lead to be
 * confirmed against the locked copy.
 */
export class InvestigationPack extends Construct {
  /** The saved search (KQL function) of each deployed question, by question id. */
  public readonly savedSearches: Readonly<Partial<Record<QuestionId, LogAnalyticsSavedSearch>>>;
  /** The Sentinel onboarding the rules use: created here, or the LogAnalytics's own; undefined without `sentinel` or when onboarded elsewhere. */
  public readonly sentinelOnboarding?: SentinelLogAnalyticsWorkspaceOnboarding;
  /** The scheduled analytics rule of each detection, by question id; empty without `sentinel`. */
  public readonly analyticsRules: Readonly<Partial<Record<QuestionId, SentinelAlertRuleScheduled>>>;

  constructor(scope: Construct, id: string, props: InvestigationPackProps) {
    super(scope, id);
    const check: PropCheck = propCheck(this);
    const p = check.props<InvestigationPackProps>('props', props, INVESTIGATION_PACK_PROPS_KEYS, 'an InvestigationPackProps object with workspace');
    const workspace = logAnalyticsWorkspace(check, 'workspace', p.workspace);
    if (workspace === undefined) check.fail('workspace', undefined, "the kit's LogAnalytics, or { workspaceResourceId, workspaceGuid, location } for an existing workspace");
    const category = check.string('category', p.category ?? 'Forensic readiness', { pattern: /^\S(.{0,254}\S)?$/s, expected: 'a category of 1 to 256 characters, not starting or ending with a space' });
    const available = questionsWithQueries('azure', 'kql', QUESTIONS.map((q) => q.id));
    const chosen = this.questionsOf(check, p.questions, available);
    const tags = azureTags('control-plane-audit', false, azureTagsProp(check, 'tags', p.tags));

    const savedSearches: Partial<Record<QuestionId, LogAnalyticsSavedSearch>> = {};
    for (const qid of chosen) {
      const text = queryFile('azure', qid, 'kql');
      savedSearches[qid] = new LogAnalyticsSavedSearch(this, `Question-${qid}`, {
        name: `forensic_readiness_${deployedQueryName(qid)}`,
        logAnalyticsWorkspaceId: workspace.workspaceResourceId,
        category,
        displayName: question(qid).title,
        query: text,
        functionAlias: deployedQueryName(qid),
        functionParameters: functionParameters(qid, text),
        tags,
      });
    }
    this.savedSearches = savedSearches;

    const rules: Partial<Record<QuestionId, SentinelAlertRuleScheduled>> = {};
    if (p.sentinel !== undefined) {
      const s = check.props<SentinelDetectionsOptions>('sentinel', p.sentinel, SENTINEL_DETECTIONS_OPTIONS_KEYS, 'an object { onboard?, rulesEnabled?, severity? }');
      const existing = workspace instanceof LogAnalytics ? workspace.sentinel : undefined;
      if (existing !== undefined && s.onboard === true) {
        check.fail('sentinel.onboard', true, 'false or absent: the LogAnalytics already onboards Sentinel (sentinelEnabled), and a workspace is onboarded once');
      }
      const onboard = check.bool('sentinel.onboard', s.onboard, existing === undefined);
      const enabled = check.bool('sentinel.rulesEnabled', s.rulesEnabled, true);
      const severity = check.oneOf<SentinelSeverity>('sentinel.severity', s.severity, SEVERITIES, 'High');
      this.sentinelOnboarding = onboard ? new SentinelLogAnalyticsWorkspaceOnboarding(this, 'Sentinel', { workspaceId: workspace.workspaceResourceId }) : existing;
      // The rules name the workspace through the onboarding, so that they are created after it.
      const ruleWorkspace = this.sentinelOnboarding?.workspaceId ?? workspace.workspaceResourceId;
      for (const d of SENTINEL_DETECTIONS) {
        rules[d.id] = new SentinelAlertRuleScheduled(this, `Detection-${d.id}`, {
          name: `forensic-readiness-${d.id}`,
          logAnalyticsWorkspaceId: ruleWorkspace,
          displayName: d.displayName,
          description: d.description,
          severity,
          enabled,
          query: detectionFile(d.id),
          queryFrequency: d.queryFrequency,
          queryPeriod: d.queryPeriod,
          triggerOperator: 'GreaterThan',
          triggerThreshold: 0,
          tactics: [...d.tactics],
          techniques: [...d.techniques],
          eventGrouping: { aggregationMethod: 'AlertPerResult' },
          entityMapping: entityMappings(d.entities),
        });
      }
      if (!enabled) {
        kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `InvestigationPack ${this.node.path}: the Sentinel analytics rules are created disabled; they detect nothing until enabled.`);
      }
    }
    this.analyticsRules = rules;
  }

  private questionsOf(check: PropCheck, value: unknown, available: readonly QuestionId[]): readonly QuestionId[] {
    if (value === undefined) return available;
    const list = check.list<unknown>('questions', value, { nonEmpty: true, unique: true, expected: 'a non-empty list of question ids without repeats' });
    list.forEach((q, i) => check.oneOf(`questions[${i}]`, q, available));
    return available.filter((q) => list.includes(q));
  }
}

/** The entity_mapping blocks of a detection: one per entity type, its fields in order. */
function entityMappings(entities: readonly DetectionEntity[]): SentinelAlertRuleScheduledEntityMapping[] {
  const types = [...new Set(entities.map((e) => e.entityType))];
  return types.map((entityType) => ({
    entityType,
    fieldMapping: entities.filter((e) => e.entityType === entityType).map((e) => ({ identifier: e.identifier, columnName: e.column })),
  }));
}
