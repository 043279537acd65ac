import { Report } from './report';

/**
 * One output format. Pure: same report, same bytes (no timestamps), so reports can be diffed
 * and committed. Add a format (HTML, the coverage matrix) by writing one of these and listing it
 * in REPORT_RENDERERS.
 */
export interface ReportRenderer {
  readonly format: string;
  /** Whether findings should carry line numbers (costs one pass over each file that has findings). */
  readonly needsLines: boolean;
  render(report: Report): string;
}
