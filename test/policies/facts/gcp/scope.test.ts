import { sameScope, scopeOf } from '../../../../policies/facts/gcp/scope';
import { tf } from '../../rules/gcp/_gcp';

const cfg = (project: unknown, extra: Record<string, any> = {}) => ({ project, service: 'allServices', audit_log_config: [], ...extra });

describe('scopes of sinks and audit configs', () => {
  const m = tf({
    google_project: { p: { project_id: 'ml-prod', name: 'ML' } },
    google_project_iam_audit_config: {
      literal: cfg('ml-prod'),
      prefixed: cfg('projects/ml-prod'),
      byRef: cfg('${google_project.p.project_id}'),
      other: cfg('other'),
      number: cfg('123456789012'),
      dataA: cfg('${data.google_project.current.project_id}'),
      dataB: cfg('${ data.google_project.current.project_id }'),
      dataOther: cfg('${data.google_project.other.project_id}'),
    },
    google_logging_project_sink: { def: { name: 'a', destination: 'x' }, west: { name: 'b', destination: 'x', provider: 'google.west' }, def2: { name: 'c', destination: 'x' } },
    google_folder_iam_audit_config: { f: { folder: 'folders/42', service: 'allServices', audit_log_config: [] } },
    google_logging_folder_sink: { f: { name: 'f', folder: '42', destination: 'x' } },
  });
  const s = (address: string) => scopeOf(m, m.byAddress(address)!);

  it('matches a literal project id written bare, with projects/, or through a resolvable reference', () => {
    expect(sameScope(s('google_project_iam_audit_config.literal'), s('google_project_iam_audit_config.prefixed'))).toBe('yes');
    expect(sameScope(s('google_project_iam_audit_config.literal'), s('google_project_iam_audit_config.byRef'))).toBe('yes');
    expect(s('google_project_iam_audit_config.literal').label).toBe('project ml-prod');
  });

  it('tells two literal project ids apart, and matches folders/42 with 42', () => {
    expect(sameScope(s('google_project_iam_audit_config.literal'), s('google_project_iam_audit_config.other'))).toBe('no');
    expect(sameScope(s('google_folder_iam_audit_config.f'), s('google_logging_folder_sink.f'))).toBe('yes');
    expect(sameScope(s('google_folder_iam_audit_config.f'), s('google_project_iam_audit_config.literal'))).toBe('no');
  });

  it('is only maybe between a project id and a project number', () => {
    expect(sameScope(s('google_project_iam_audit_config.literal'), s('google_project_iam_audit_config.number'))).toBe('maybe');
  });

  it('matches the same data source reference (whitespace aside) and is maybe against a literal or another data source', () => {
    expect(sameScope(s('google_project_iam_audit_config.dataA'), s('google_project_iam_audit_config.dataB'))).toBe('yes');
    expect(sameScope(s('google_project_iam_audit_config.dataA'), s('google_project_iam_audit_config.literal'))).toBe('maybe');
    expect(sameScope(s('google_project_iam_audit_config.dataA'), s('google_project_iam_audit_config.dataOther'))).toBe('maybe');
    expect(s('google_project_iam_audit_config.dataA').label).toMatch(/a data source the engine does not load/);
  });

  it("puts resources without project into their provider's default project, one per provider alias", () => {
    expect(sameScope(s('google_logging_project_sink.def'), s('google_logging_project_sink.def2'))).toBe('yes');
    expect(sameScope(s('google_logging_project_sink.def'), s('google_logging_project_sink.west'))).toBe('maybe');
    expect(sameScope(s('google_logging_project_sink.def'), s('google_project_iam_audit_config.literal'))).toBe('maybe');
    expect(s('google_logging_project_sink.west').label).toBe('the default project of provider google.west (no project argument)');
  });
});
