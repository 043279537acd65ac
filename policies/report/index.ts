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

/** Every output format of `forensic-readiness check --format`. */
export const REPORT_RENDERERS = {
  text: TEXT_RENDERER,
  json: JSON_RENDERER,
  sarif: SARIF_RENDERER,
  junit: JUNIT_RENDERER,
  markdown: MARKDOWN_RENDERER,
  html: HTML_RENDERER,
} as const satisfies Record<string, ReportRenderer>;

export type ReportFormat = keyof typeof REPORT_RENDERERS;
export const REPORT_FORMATS = Object.keys(REPORT_RENDERERS) as ReportFormat[];

export function isReportFormat(value: string): value is ReportFormat {
  return Object.prototype.hasOwnProperty.call(REPORT_RENDERERS, value);
}
