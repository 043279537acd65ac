import { LoggingSinkIncludeChildren } from '../../../../policies/rules/gcp/LoggingSinkIncludeChildren';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const folder = (extra: Record<string, any>) =>
  tf({ google_logging_folder_sink: { s: { name: 's', folder: 'folders/1', destination: 'storage.googleapis.com/b', ...extra } } });

describe('GCP.Logging.SinkIncludeChildren', () => {
  it('passes include_children true', () => {
    expect(judge(LoggingSinkIncludeChildren, folder({ include_children: true }), 'google_logging_folder_sink.s').verdict).toBe('COMPLIANT');
  });

  it('passes an organization sink with include_children true', () => {
    const m = tf({ google_logging_organization_sink: { s: { name: 's', org_id: '1', destination: 'x', include_children: true } } });
    expect(judge(LoggingSinkIncludeChildren, m, 'google_logging_organization_sink.s').verdict).toBe('COMPLIANT');
  });

  it('fails include_children false', () => {
    const j = judge(LoggingSinkIncludeChildren, folder({ include_children: false }), 'google_logging_folder_sink.s');
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/include_children is false/);
  });

  it('fails include_children absent (provider default false)', () => {
    expect(judge(LoggingSinkIncludeChildren, folder({}), 'google_logging_folder_sink.s').reason).toMatch(/absent/);
  });

  it('does not judge project sinks', () => {
    expect(LoggingSinkIncludeChildren.appliesTo).not.toContain('google_logging_project_sink');
  });

  it('is UNKNOWN when include_children is a variable', () => {
    expect(judge(LoggingSinkIncludeChildren, folder({ include_children: '${var.children}' }), 'google_logging_folder_sink.s').verdict).toBe('UNKNOWN');
  });
});
