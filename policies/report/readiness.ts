import { ResourceModel } from '../engine/model';
import { RunResult } from '../engine/runner';
import { computeCoverage, COVERAGE_CLOUDS, CoverageCell, CoverageCloud, CoverageMatrix } from './coverage';
import { computeScenarios, Scenario } from './scenarios';

/** One cloud's line of the readiness summary. */
export interface CloudSummary {
  /** Resources of this cloud in the model. */
  readonly resources: number;
  /** Error findings of this cloud's rules. */
  readonly errors: number;
  /** Warning findings of this cloud's rules. */
  readonly warnings: number;
  /** Evidence sources recorded (captured or weakened) by the checked templates, out of those the cloud can record. */
  readonly sourcesCovered: number;
  /** Evidence sources the checked templates do not record and the evidence context declares recorded outside them. */
  readonly sourcesDeclared: number;
  /** Evidence sources the cloud can record that are neither recorded nor declared. */
  readonly sourcesMissing: number;
  /** Evidence sources the cloud can record; 0 when no template of it was checked. */
  readonly sourcesRecordable: number;
}

/** The readiness part of a report: per-cloud summary, the coverage matrix and the scenarios. */
export interface Readiness {
  /** The summary of each cloud. */
  readonly clouds: Record<CoverageCloud, CloudSummary>;
  /** The coverage matrix. */
  readonly coverage: CoverageMatrix;
  /** Each incident scenario, with its readiness. */
  readonly scenarios: readonly Scenario[];
}

/** The readiness part of a report, from the model and the run's findings. */
export function buildReadiness(model: ResourceModel, result: Pick<RunResult, 'findings' | 'rules' | 'config'>): Readiness {
  const coverage = computeCoverage(model, result);
  const scenarios = computeScenarios(model, coverage);
  const cloudOfRule = new Map(result.rules.map((r) => [r.id, r.cloud]));
  const clouds = {} as Record<CoverageCloud, CloudSummary>;
  for (const cloud of COVERAGE_CLOUDS) {
    const findings = result.findings.filter((f) => cloudOfRule.get(f.ruleId) === cloud);
    const cells = coverage.rows.map((r) => r.cells[cloud]);
    clouds[cloud] = {
      resources: model.resources.filter((r) => r.cloud === cloud).length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      // A weakened cell the templates do not record (declared, with findings against it) is declared, not recorded.
      sourcesCovered: cells.filter((c) => (c.status === 'captured' || c.status === 'weakened') && c.capturedBy.length > 0).length,
      sourcesDeclared: cells.filter((c) => c.status === 'declared' || (c.status === 'weakened' && c.capturedBy.length === 0)).length,
      sourcesMissing: cells.filter((c) => c.status === 'missing').length,
      sourcesRecordable: cells.filter((c) => c.status !== 'unavailable' && c.status !== 'not-checked').length,
    };
  }
  return { clouds, coverage, scenarios };
}

/**
 * `7 of 11 recorded`, and when the evidence context declares some: `0 of 11 recorded, 8 declared,
 * 3 missing`, so that a declared source is never read as missing (terminal, Markdown, HTML).
 */
export function sourcesText(s: CloudSummary): string {
  const recorded = `${s.sourcesCovered} of ${s.sourcesRecordable} recorded`;
  return s.sourcesDeclared > 0 ? `${recorded}, ${s.sourcesDeclared} declared, ${s.sourcesMissing} missing` : recorded;
}

/** JSON of the readiness part: `Infinity` retention (never expires) is written `"unlimited"`, since JSON has no Infinity. */
export function readinessJson(r: Readiness): unknown {
  return JSON.parse(JSON.stringify(r, (_k, v) => (v === Infinity ? 'unlimited' : v)));
}

/** `365 d`, `unlimited`, `?`. */
export function retentionLabel(days: number | null): string {
  return days === null ? '?' : days === Infinity ? 'unlimited' : `${days} d`;
}

/** One statement of how a cell is kept: its words, and the stores it is about. */
export interface KeptStatement {
  /** `immutable copy kept 30 d`, `also kept 365 d, not locked`, ... (the stores follow, after ` in `). */
  readonly words: string;
  /** Whether the words say something is not guaranteed (shown strong in HTML). */
  readonly weak: boolean;
  /** The addresses of the stores the statement is about; empty when it is about none. */
  readonly stores: readonly string[];
}

/**
 * How a cell's records are kept, each retention with the stores it belongs to, so that no
 * statement pairs one store's retention with another's lock (Markdown, HTML):
 * `immutable copy kept 30 d in Evidence`, `also kept 365 d, not locked, in TrailLogGroup`;
 * `lock or retention unknown in Evidence`; `lock disputed by a finding in Evidence`; `not immutable`, `kept 90 d, not locked, in Logs`.
 */
export function keptStatements(cell: CoverageCell): KeptStatement[] {
  if (cell.storedIn.length === 0) return [];
  const out: KeptStatement[] = [];
  if (cell.immutability === 'locked') out.push({ words: `immutable copy kept ${retentionLabel(cell.retentionDays)}`, weak: false, stores: cell.lockedIn });
  if (cell.unknownIn.length) out.push({ words: 'lock or retention unknown', weak: true, stores: cell.unknownIn });
  if (cell.disputedIn.length) out.push({ words: 'lock disputed by a finding', weak: true, stores: cell.disputedIn });
  if (cell.immutability === 'not-locked') out.push({ words: 'not immutable', weak: true, stores: [] });
  if (cell.mutableRetention) out.push({ words: `${cell.immutability === 'not-locked' ? '' : 'also '}kept ${retentionLabel(cell.mutableRetention.days)}, not locked,`, weak: true, stores: [cell.mutableRetention.store] });
  return out;
}

/** The terminal summary: per cloud, resources, errors, warnings and evidence sources covered; then each scenario. */
export function renderReadinessSummary(report: { readonly readiness?: Readiness }): string {
  const r = report.readiness;
  if (!r) return '';
  const lines = ['cloud   resources  errors  warnings  evidence sources'];
  for (const c of r.coverage.clouds) {
    const s = r.clouds[c];
    lines.push(`${c.padEnd(7)} ${String(s.resources).padStart(9)} ${String(s.errors).padStart(7)} ${String(s.warnings).padStart(9)}  ${sourcesText(s)}`);
  }
  for (const sc of r.scenarios) lines.push(`scenario ${sc.readiness.toUpperCase().padEnd(8)} ${sc.title}`);
  return `${lines.join('\n')}\n`;
}
