import { Report } from './report';

/**
 * One output format. Pure: same report, same bytes (no timestamps), so reports can be diffed
 * and committed. Add a format (HTML, the coverage matrix) by writing one of these and listing it
 * in REPORT_RENDERERS.
 */
export interface ReportRenderer {
  /** The `--format` value that selects it. */
  readonly format: string;
  /** Whether findings should carry line numbers (costs one pass over each file that has findings). */
  readonly needsLines: boolean;
  /** The report in this format. */
  render(report: Report): string;
  /**
   * The same report as consecutive pieces, for a writer that writes each as it comes: a large
   * report is then never one string. Joined, the pieces are exactly render()'s text.
   */
  renderChunks?(report: Report): Iterable<string>;
}
