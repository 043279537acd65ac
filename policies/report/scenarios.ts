import { EvidenceSourceId } from '../../constructs/core/evidence-sources';
import { queryFilesShipped } from '../../constructs/core/query-files';
import { deployedQueryName, question, QuestionId } from '../../constructs/core/questions';
import { ResourceModel } from '../engine/model';
import { isDataStore } from '../facts/azure/storage';
import { CoverageCell, CoverageCloud, CoverageMatrix, CoverageStatus } from './coverage';

/** `ready`: captured and locked; `partial`: recorded with a gap; `gap`: not recorded or not checked. */
export type ScenarioReadiness = 'ready' | 'partial' | 'gap';

/** One question of a scenario, on one cloud, judged from the coverage matrix. */
export interface ScenarioItem {
  /** The question the investigator must answer. */
  readonly need: string;
  /** The cloud it is asked of. */
  readonly cloud: CoverageCloud;
  /** The evidence sources that answer it. */
  readonly sources: readonly EvidenceSourceId[];
  /** The worst readiness of those sources' cells; at best `partial` when a gap is named. */
  readonly readiness: ScenarioReadiness;
  /** What the checked templates record for it, and where. */
  readonly evidence: string;
  /** What is missing or weak, named. */
  readonly gaps: readonly string[];
  /** The kit's question that answers it on this cloud, and whether the checked templates deploy its query. */
  readonly answer?: ScenarioAnswer;
}

/** The query of the kit that answers one scenario question on one cloud. */
export interface ScenarioAnswer {
  /** The question id of the catalog (`endpoint-callers`). */
  readonly question: QuestionId;
  /** The question, as the investigator asks it. */
  readonly title: string;
  /** Whether the cloud records the answer: `recorded`, `where-recorded`, `not-recorded`. */
  readonly recorded: 'recorded' | 'where-recorded' | 'not-recorded';
  /** What the investigator must know about this answer on this cloud. */
  readonly caveat?: string;
  /** The query file of the package that answers it (`queries/aws/endpoint-callers.sql`), when the kit ships one. */
  readonly query?: string;
  /** Whether the checked templates deploy that query (the cloud's investigation pack). */
  readonly deployed: boolean;
  /** What the kit's question returned on the simulated incident of the drill (`npm start`), when one ran for this cloud. */
  readonly drill?: ScenarioDrill;
}

/** The answer of a drill: the kit's question asked of a generated copy of the simulated incident. */
export interface ScenarioDrill {
  /** `answered`: exactly the planted rows; `wrong`: other rows; `failed`: no answer. */
  readonly outcome: 'answered' | 'wrong' | 'failed';
  /** The number of rows it returned. */
  readonly rows: number;
  /** The answer (or the error) in one line. */
  readonly summary: string;
}

/** A drill's outcome, as investigate/drills.ts gives it. */
export interface DrillResult extends ScenarioDrill {
  /** The scenario id of the drill (`model-exfiltration-sagemaker`). */
  readonly scenario: string;
  /** The catalog question it asked (`endpoint-callers`). */
  readonly question: string;
  /** The cloud whose simulated copy it asked. */
  readonly cloud: CoverageCloud;
}

/**
 * The scenarios with each question's drill answer beside it. Where a drill ran for a question
 * and cloud and did not return the planted answer, the item is at best `partial`: "ready" means
 * the evidence is on, locked, and the question was answered on a drill. Clouds with no drill
 * keep their readiness from the templates alone.
 */
export function applyDrills(scenarios: readonly Scenario[], drills: readonly DrillResult[]): Scenario[] {
  return scenarios.map((sc) => {
    const items = sc.items.map((i): ScenarioItem => {
      // The drill of this incident, else the same question asked on the cloud's other drill.
      const same = (x: DrillResult) => i.answer !== undefined && x.question === i.answer.question && x.cloud === i.cloud;
      const d = drills.find((x) => same(x) && x.scenario === sc.id) ?? drills.find(same);
      if (!d || !i.answer) return i;
      const drill: ScenarioDrill = { outcome: d.outcome, rows: d.rows, summary: d.scenario === sc.id ? d.summary : `on the ${d.scenario} drill: ${d.summary}` };
      const failed = d.outcome !== 'answered';
      return {
        ...i,
        readiness: failed && i.readiness === 'ready' ? 'partial' : i.readiness,
        gaps: failed ? [...i.gaps, `the drill of ${d.question} did not return the planted answer (${d.outcome}: ${d.summary})`] : i.gaps,
        answer: { ...i.answer, drill },
      };
    });
    return { ...sc, items, readiness: worst(items.map((i) => i.readiness)) };
  });
}

/** One incident an investigator may face, and how ready the checked templates are for it. */
export interface Scenario {
  /** A stable id: `model-exfiltration-sagemaker`. */
  readonly id: string;
  /** Its title. */
  readonly title: string;
  /** What happened, in one sentence. */
  readonly incident: string;
  /** MITRE ATLAS and ATT&CK technique ids of the incident. */
  readonly techniques: readonly string[];
  /** The worst readiness of its items. */
  readonly readiness: ScenarioReadiness;
  /** What the investigator must answer, one item per question. */
  readonly items: readonly ScenarioItem[];
}

interface Need {
  readonly need: string;
  readonly cloud: CoverageCloud;
  readonly sources: readonly EvidenceSourceId[];
  /** A gap the cloud has whatever the template does: named in every report. */
  readonly inherentGap?: string;
  /** An extra check on the model (e.g. versioning on training data). */
  readonly extra?: (model: ResourceModel) => string | undefined;
  /** The kit's question that answers it. */
  readonly question?: QuestionId;
}

interface ScenarioSpec {
  readonly id: string;
  readonly title: string;
  readonly incident: string;
  readonly techniques: readonly string[];
  readonly needs: readonly Need[];
}

const CLOUD_NAMES: Record<CoverageCloud, string> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };
const CALLER_GAP =
  'AWS documents the SageMaker endpoint data events inconsistently (only InvokeEndpointWithResponseStream in the CloudTrail table; InvokeEndpoint and InvokeEndpointAsync on a newer SageMaker page, without request parameters); data capture records inputs and outputs but not the caller. Verify in the account, or front the endpoint with an authenticated API that logs callers.';

/** The data storage accounts (facts/azure isDataStore: what is not an evidence store, by its tag or its writers) without blob versioning. */
function trainingDataVersioned(model: ResourceModel): string | undefined {
  const data = model.ofType('azurerm_storage_account').filter((a) => isDataStore(model, a));
  if (data.length === 0) return 'no training-data storage account in the checked templates';
  const unversioned = data.filter((a) => model.get(a, 'blob_properties.versioning_enabled') !== true);
  return unversioned.length ? `no blob versioning (no last known-good version) on ${unversioned.map((a) => a.address).join(', ')}` : undefined;
}

const SCENARIOS: readonly ScenarioSpec[] = [
  {
    id: 'model-exfiltration-sagemaker',
    title: 'Model exfiltration through a production endpoint (AWS SageMaker)',
    incident: 'An unauthorized principal invoked a production model endpoint at high volume to extract the model.',
    techniques: ['AML.T0024', 'AML.T0040', 'T1078.004'],
    needs: [
      { need: 'Who called InvokeEndpoint, with which credentials', cloud: 'aws', sources: ['ml-inference', 'identity-sign-in'], inherentGap: CALLER_GAP, question: 'endpoint-callers' },
      { need: 'From which IP address and user agent', cloud: 'aws', sources: ['ml-inference'], inherentGap: 'Only the CloudTrail data event (where recorded) carries sourceIPAddress and userAgent; data capture does not.', question: 'endpoint-callers' },
      { need: 'When, how often, with which inputs and outputs', cloud: 'aws', sources: ['ml-inference'], question: 'endpoint-volume' },
      { need: 'How the credentials were obtained (sign-in, AssumeRole, key creation)', cloud: 'aws', sources: ['identity-sign-in', 'control-plane-audit'], question: 'credential-origin' },
      { need: 'What the endpoint and its model talked to on the network', cloud: 'aws', sources: ['network-flow', 'dns'], question: 'network-egress' },
      { need: 'That the records are complete and unaltered', cloud: 'aws', sources: ['evidence-immutability', 'log-integrity'], question: 'evidence-tampering' },
    ],
  },
  {
    id: 'training-data-poisoning-azure',
    title: 'Training-data poisoning by an insider (Azure ML and Blob storage)',
    incident: 'An insider changed training data in Blob storage; a model trained on it is in production.',
    techniques: ['AML.T0020', 'T1530', 'T1078.004'],
    needs: [
      { need: 'Who wrote, overwrote or deleted which blob, when', cloud: 'azure', sources: ['storage-data-access'], question: 'data-writes' },
      { need: 'How that identity signed in, and from where', cloud: 'azure', sources: ['identity-sign-in'], question: 'credential-origin' },
      { need: 'Which ML jobs and runs consumed the data', cloud: 'azure', sources: ['ml-training-lifecycle', 'model-registry'], question: 'ml-jobs-using-data' },
      { need: 'The last known-good version of the data', cloud: 'azure', sources: ['evidence-immutability'], extra: trainingDataVersioned },
      { need: 'Who changed permissions or diagnostic settings to hide it', cloud: 'azure', sources: ['control-plane-audit'], question: 'evidence-tampering' },
      { need: 'Who has called the model trained on it since (online endpoint and Azure OpenAI / AI Services calls)', cloud: 'azure', sources: ['ml-inference'], question: 'endpoint-callers' },
    ],
  },
  {
    id: 'compromised-ml-library',
    title: 'A compromised third-party ML library in pipelines on all three clouds',
    incident: 'A dependency of the training and inference pipelines was backdoored and ran in every cloud.',
    techniques: ['AML.T0010', 'T1567', 'T1537'],
    needs: (['aws', 'gcp', 'azure'] as const).flatMap((cloud): Need[] => [
      { need: `${CLOUD_NAMES[cloud]}: which workloads and jobs ran it`, cloud, sources: ['ml-training-lifecycle'], question: 'ml-jobs-using-data' },
      { need: `${CLOUD_NAMES[cloud]}: which credentials they held and used`, cloud, sources: ['control-plane-audit', 'identity-sign-in'], question: 'principal-activity' },
      { need: `${CLOUD_NAMES[cloud]}: what left the network (flows and DNS names)`, cloud, sources: ['network-flow', 'dns'], question: 'network-egress' },
      { need: `${CLOUD_NAMES[cloud]}: which data it read`, cloud, sources: ['storage-data-access'], question: 'data-reads' },
      { need: `${CLOUD_NAMES[cloud]}: what the pipelines' roles, policies and build resources looked like before the compromise, and what changed since`, cloud, sources: ['configuration-history'] },
    ]),
  },
];

const RANK: Record<ScenarioReadiness, number> = { ready: 0, partial: 1, gap: 2 };
const worst = (list: readonly ScenarioReadiness[]): ScenarioReadiness => list.reduce<ScenarioReadiness>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ready');

function cellReadiness(status: CoverageStatus): ScenarioReadiness {
  // A declared source is judged as the rules judge it: as stated (every report names the context assumed).
  return status === 'captured' || status === 'declared' ? 'ready' : status === 'weakened' ? 'partial' : 'gap';
}

function describe(cell: CoverageCell): string {
  if (cell.status === 'declared' || (cell.capturedBy.length === 0 && cell.declaredBy.length > 0)) return `declared in the evidence context: ${cell.declaredBy.join('; ')}`;
  if (cell.capturedBy.length === 0) return '';
  const what = [...new Set(cell.capturedBy.map((c) => c.what))].join('; ');
  const where = cell.storedIn.length ? cell.storedIn.map((s) => `${s.address} (${s.immutability}, ${s.retentionDays === null ? '?' : s.retentionDays === Infinity ? 'no expiry' : `${s.retentionDays} d`})`).join(', ') : 'no resolvable store';
  return `${what} → ${where}`;
}

/** The query files of the package, by cloud: each pack ships one file per question it answers. */
const QUERY_EXTENSION: Record<CoverageCloud, string> = { aws: 'sql', gcp: 'sql', azure: 'kql' };

/** Whether the checked templates deploy a question's query: the pack's statement, table function or function alias. */
function deploysQuery(model: ResourceModel, id: QuestionId, cloud: CoverageCloud): boolean {
  const name = deployedQueryName(id);
  if (cloud === 'aws') return model.ofType('AWS::Athena::PreparedStatement').some((r) => model.get(r, 'StatementName') === name);
  if (cloud === 'gcp') return model.ofType('google_bigquery_routine').some((r) => model.get(r, 'routine_id') === name);
  return model.ofType('azurerm_log_analytics_saved_search').some((r) => model.get(r, 'function_alias') === name);
}

function answerOf(model: ResourceModel, id: QuestionId, cloud: CoverageCloud): ScenarioAnswer {
  const q = question(id);
  const file = `queries/${cloud}/${id}.${QUERY_EXTENSION[cloud]}`;
  const shipped = queryFilesShipped().includes(file);
  const { status, caveat } = q.clouds[cloud];
  return { question: id, title: q.title, recorded: status, ...(caveat ? { caveat } : {}), ...(shipped ? { query: file } : {}), deployed: shipped && deploysQuery(model, id, cloud) };
}

/** How ready the checked templates are for each incident, with every gap named. */
export function computeScenarios(model: ResourceModel, coverage: CoverageMatrix): Scenario[] {
  const cellOf = (cloud: CoverageCloud, source: EvidenceSourceId) => coverage.rows.find((r) => r.source === source)!.cells[cloud];
  return SCENARIOS.map((spec) => {
    const items = spec.needs.map((n): ScenarioItem => {
      const cells = n.sources.map((s) => [s, cellOf(n.cloud, s)] as const);
      const gaps: string[] = [];
      for (const [source, c] of cells) {
        if (c.status === 'missing') gaps.push(`${source}: not recorded by the checked ${CLOUD_NAMES[n.cloud]} templates`);
        else if (c.status === 'unavailable') gaps.push(`${source}: ${c.note}`);
        else if (c.status === 'not-checked') gaps.push(`${source}: no ${CLOUD_NAMES[n.cloud]} template was checked`);
        else if (c.status === 'weakened') gaps.push(`${source}: ${c.findings.length ? `${c.findings.length} finding(s) weaken it` : c.note ?? 'not in locked storage'}`);
      }
      const extra = n.extra?.(model);
      if (extra) gaps.push(extra);
      let readiness = worst(cells.map(([, c]) => cellReadiness(c.status)));
      if (extra && readiness === 'ready') readiness = 'partial';
      if (n.inherentGap) {
        gaps.push(n.inherentGap);
        if (readiness === 'ready') readiness = 'partial';
      }
      const evidence = cells.map(([, c]) => describe(c)).filter(Boolean).join(' | ') || 'nothing recorded';
      const answer = n.question ? answerOf(model, n.question, n.cloud) : undefined;
      return { need: n.need, cloud: n.cloud, sources: n.sources, readiness, evidence, gaps, ...(answer ? { answer } : {}) };
    });
    return { id: spec.id, title: spec.title, incident: spec.incident, techniques: spec.techniques, readiness: worst(items.map((i) => i.readiness)), items };
  });
}
