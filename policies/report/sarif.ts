import * as crypto from 'crypto';
import { EVIDENCE_SOURCES } from '../../constructs/core/evidence-sources';
import { Finding, Rule } from '../engine/types';
import { CONFIG_KEYS } from '../engine/config';
import { Report, contextLines, thresholdChanges, thresholdsDetail, unknownCount, verdictLine } from './report';
import { jsonPieces, terminalSafePieces } from './pieces';
import { ReportRenderer } from './renderer';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule as a reportingDescriptor (GitHub shows
 * shortDescription, fullDescription and help), each finding as a result with a physical location
 * (relative file, line) and the resource as a logical location, a stable partial fingerprint, and
 * acknowledged findings as results with an accepted in-source suppression and its justification.
 * A run that judged nothing says so in a tool execution notification (an error, a warning with
 * allowEmpty), so that no result is not read as a pass; each input that could not be read is an
 * error notification naming its file, and the invocation is then not successful. A run of more
 * results than GitHub code scanning takes or shows says so in one more notification, and so does
 * a run with a threshold below its default (a warning). The run's properties hold its status, the
 * thresholds it used and the coverage of each input file.
 */
export const SARIF_RENDERER: ReportRenderer = {
  format: 'sarif',
  needsLines: true,
  render(report: Report): string {
    return [...terminalSafePieces(sarifPieces(report))].join('');
  },
  // DEL, C1, separators and bidi overrides as \\u escapes: JSON.stringify writes them raw.
  renderChunks: (report: Report) => terminalSafePieces(sarifPieces(report)),
};

/** The SARIF log in pieces (see jsonPieces): the results a hundred at a time, each built before the first piece. */
function* sarifPieces(report: Report): Generator<string> {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  // One artifact location per file, shared by its results (JSON.stringify writes it out each time).
  const artifacts = new Map<string, Record<string, unknown>>();
  const artifactOf = (file: string): Record<string, unknown> => {
    let a = artifacts.get(file);
    if (!a) artifacts.set(file, (a = artifact(file)));
    return a;
  };
  const results = [...report.findings, ...report.suppressed].map((f) => result(f, index.get(f.ruleId), artifactOf(f.file)));
  const rules = report.rules.map(descriptor);
  yield* jsonPieces((list) => ({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        ...invocations(report),
        properties: {
          status: report.status,
          unknown: unknownCount(report),
          thresholds: Object.fromEntries(CONFIG_KEYS.map((k) => [k, report.config[k]])),
          evidenceContext: contextLines(report),
          inputCoverage: report.inputCoverage,
        },
        results: list(results),
      },
    ],
  }));
}

/**
 * GitHub code scanning's limits on one SARIF run: it rejects an upload whose run holds more than
 * 25,000 results, and shows at most the 5,000 most severe of a run
 * (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit).
 */
export const GITHUB_SARIF_LIMITS = { resultsPerRun: 25_000, resultsShown: 5_000 } as const;

/** What GitHub code scanning will do with a run of `results` results, in one line; undefined within its limits. */
export function githubLimitNotice(results: number): { level: 'error' | 'warning'; text: string } | undefined {
  const n = results.toLocaleString('en');
  if (results > GITHUB_SARIF_LIMITS.resultsPerRun) {
    return { level: 'error', text: `${n} results: GitHub code scanning rejects a SARIF run of more than 25,000 results, so this upload would show nothing; check fewer inputs per upload (one category each), or read the JSON report, which holds them all` };
  }
  if (results > GITHUB_SARIF_LIMITS.resultsShown) {
    return { level: 'warning', text: `${n} results: GitHub code scanning shows at most the 5,000 most severe of a run; this file holds them all` };
  }
  return undefined;
}

/**
 * The run's invocation, when it has something to say: one error notification per input that could
 * not be read (its file as the location; executionSuccessful is then false, so a consumer knows
 * the results are not complete), one when nothing was judged, one when a threshold is below its
 * default, and one beyond GitHub's limits.
 */
function invocations(report: Report): { invocations?: Record<string, unknown>[] } {
  const notifications: Record<string, unknown>[] = report.unread.map((u) => ({
    descriptor: { id: 'forensic-readiness/input-not-read' },
    level: 'error',
    message: { text: `Not read: ${u.message}` },
    locations: [{ physicalLocation: { artifactLocation: artifact(u.path) } }],
  }));
  // Stated whenever nothing was judged, also when an input not read made the run FAILED.
  if (report.inputCoverage.nothingJudged) {
    notifications.push({
      descriptor: { id: 'forensic-readiness/nothing-judged' },
      level: report.allowEmpty ? 'warning' : 'error',
      message: { text: `${verdictLine(report)}. No result here means nothing was checked, not that the input is ready.` },
    });
  }
  if (thresholdChanges(report.config).some((c) => c.weaker)) {
    notifications.push({ descriptor: { id: 'forensic-readiness/threshold-below-default' }, level: 'warning', message: { text: `Thresholds not at their defaults: ${thresholdsDetail(report)}` } });
  }
  const limit = githubLimitNotice(report.findings.length + report.suppressed.length);
  if (limit) notifications.push({ descriptor: { id: 'forensic-readiness/github-result-limit' }, level: limit.level, message: { text: limit.text } });
  if (notifications.length === 0) return {};
  return { invocations: [{ executionSuccessful: report.unread.length === 0, toolExecutionNotifications: notifications }] };
}

function descriptor(rule: Rule): Record<string, unknown> {
  const source = EVIDENCE_SOURCES.find((s) => s.id === rule.evidenceSource);
  const help = [
    rule.description,
    `Why it matters: ${rule.rationale}`,
    `Fix: ${rule.fix}`,
    `Evidence source: ${source?.title ?? rule.evidenceSource}. NIST SP 800-86 phase: ${rule.nist}.`,
    `MITRE ATT&CK: ${rule.attack.join(', ') || 'none'}. MITRE ATLAS: ${rule.atlas.join(', ') || 'none'}.`,
  ];
  return {
    id: rule.id,
    name: rule.id.split('.').slice(1).join(''),
    shortDescription: { text: truncate(rule.description, 1000) },
    fullDescription: { text: truncate(`${rule.description} ${rule.rationale}`, 1000) },
    help: { text: help.join('\n\n'), markdown: help.map((p) => p.replace(/^(Why it matters|Fix):/, '**$1:**')).join('\n\n') },
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ['security', 'forensic-readiness', rule.cloud, rule.evidenceSource, `nist-800-86/${rule.nist.toLowerCase()}`, ...rule.attack.map((t) => `external/mitre-attack/${t}`), ...rule.atlas.map((t) => `external/mitre-atlas/${t}`)],
      // GitHub ranks security alerts by this (0.1-10): an error leaves an investigation blind.
      'security-severity': rule.severity === 'error' ? '7.5' : '4.0',
      precision: 'high',
    },
  };
}

function result(f: Finding, ruleIndex: number | undefined, artifactLocation: Record<string, unknown>): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.severity,
    kind: 'fail',
    message: { text: `${f.address} (${f.resourceType}): ${f.message}${f.verdict === 'UNKNOWN' ? ' (the value cannot be known before deploy)' : ''}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          region: { startLine: f.line ?? 1 },
        },
        logicalLocations: [{ fullyQualifiedName: f.constructPath ?? f.address, name: f.address, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'forensicReadinessFinding/v1': sha256Hex(`${f.ruleId}\u0000${f.file}\u0000${f.address}`) },
    properties: { verdict: f.verdict, resourceType: f.resourceType, ...(f.constructPath ? { constructPath: f.constructPath } : {}) },
    ...(f.suppressed
      ? { suppressions: [{ kind: f.suppressed.source === 'file' ? 'external' : 'inSource', status: 'accepted', justification: f.suppressed.reason }] }
      : {}),
  };
}

/** The SHA-256 of a text, in hex: one-shot crypto.hash where Node has it (not every Node 20 does; no Hash object per call), else createHash. */
function sha256Hex(text: string): string {
  return typeof crypto.hash === 'function' ? crypto.hash('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/** A repository-relative path as a relative URI (GitHub resolves it against the checkout); absolute paths as file URIs. */
function artifact(file: string): Record<string, unknown> {
  if (file.startsWith('/')) return { uri: `file://${file.split('/').map(encodeURIComponent).join('/')}` };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
