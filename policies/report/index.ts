import { HTML_RENDERER } from './html';
import { JSON_RENDERER } from './json';
import { JUNIT_RENDERER } from './junit';
import { MARKDOWN_RENDERER } from './markdown';
import { ReportRenderer } from './renderer';
import { SARIF_RENDERER } from './sarif';
import { TEXT_RENDERER } from './text';

export * from './report';
export * from './renderer';
export * from './rules-doc';
export * from './coverage';
export * from './scenarios';
export * from './readiness';
export * from './folder';
export { esc } from './html';
export { toolInfo } from './tool';
export type { ToolInfo } from './tool';
export type { StoreFacts } from '../facts';

/** Every output format of `forensic-readiness check --format`. */
export const REPORT_RENDERERS = {
  /** For people at a terminal. */
  text: TEXT_RENDERER,
  /** For machines: one JSON object. */
  json: JSON_RENDERER,
  /** SARIF 2.1.0, for GitHub code scanning. */
  sarif: SARIF_RENDERER,
  /** JUnit XML, for CI test views. */
  junit: JUNIT_RENDERER,
  /** Markdown, for pull-request comments and job summaries. */
  markdown: MARKDOWN_RENDERER,
  /** One self-contained HTML page. */
  html: HTML_RENDERER,
} as const satisfies Record<string, ReportRenderer>;

/** A value of `--format`. */
export type ReportFormat = keyof typeof REPORT_RENDERERS;
/** Every ReportFormat, in the order of REPORT_RENDERERS. */
export const REPORT_FORMATS = Object.keys(REPORT_RENDERERS) as ReportFormat[];

/** Whether a string is one of the report formats. */
export function isReportFormat(value: string): value is ReportFormat {
  return Object.prototype.hasOwnProperty.call(REPORT_RENDERERS, value);
}
