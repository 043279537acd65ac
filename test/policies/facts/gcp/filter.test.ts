import { FORENSIC_LOG_FILTER } from '../../../../constructs/gcp/log-sink';
import { evaluate, FilterSyntaxError, Outcome, Parent, parseFilter } from '../../../../policies/facts/gcp/filter';

const VARIES: Parent = { mode: 'varies' };
const TYPES = ['activity', 'data_access', 'system_event', 'policy'];

/** The outcome of a filter for each audit log, in TYPES order. */
function outcomes(filter: string, parent: Parent = VARIES): Outcome[] {
  const node = parseFilter(filter);
  if (node instanceof FilterSyntaxError) throw node;
  return TYPES.map((t) => evaluate(node, { logId: `cloudaudit.googleapis.com/${t}`, parent }).v);
}

const all = (v: Outcome): Outcome[] => TYPES.map(() => v);

describe('Logging query language, evaluated against audit log entries', () => {
  it("matches every audit log with the kit's FORENSIC_LOG_FILTER", () => {
    expect(outcomes(FORENSIC_LOG_FILTER)).toEqual(all('always'));
  });

  it('matches every audit log with a has (:) on the service name, case-insensitively', () => {
    expect(outcomes('logName:"CloudAudit.googleapis.com"')).toEqual(all('always'));
  });

  it('matches only the named logs with log_id()', () => {
    expect(outcomes('log_id("cloudaudit.googleapis.com/activity") OR log_id("cloudaudit.googleapis.com/policy")')).toEqual(['always', 'never', 'never', 'always']);
  });

  it('reads a regular expression on logName, with (?i)', () => {
    expect(outcomes('logName=~"(?i)CLOUDAUDIT.googleapis.com%2F(activity|data_access)$"')).toEqual(['always', 'always', 'never', 'never']);
  });

  it('makes a severity restriction sometimes, and a restriction admitting every level always', () => {
    expect(outcomes('logName:"cloudaudit" AND severity>=ERROR')).toEqual(all('sometimes'));
    expect(outcomes('logName:"cloudaudit" severity >= DEFAULT')).toEqual(all('always'));
    expect(outcomes('severity > EMERGENCY')).toEqual(all('never'));
  });

  it('binds NOT tightest, then OR, then AND (a OR NOT b AND c is (a OR NOT b) AND c)', () => {
    // (always OR never) AND never: never. Read with AND first it would be always.
    expect(outcomes('logName:"cloudaudit" OR NOT logName:"cloudaudit" AND jsonPayload.x="y"')).toEqual(all('never'));
    expect(outcomes('-logName:"cloudaudit"')).toEqual(all('never'));
  });

  it('treats fields audit entries lack (jsonPayload, textPayload) as never matching, and their negation as unsure', () => {
    expect(outcomes('jsonPayload.message:"health"')).toEqual(all('never'));
    expect(outcomes('NOT textPayload:robot')).toEqual(all('always'));
    expect(outcomes('jsonPayload.message!="x"')).toEqual(all('unsure'));
  });

  it('treats fields that vary between entries (resource.type, value sets) as sometimes', () => {
    expect(outcomes('resource.type = ("gce_instance" OR "gcs_bucket")')).toEqual(all('sometimes'));
    expect(outcomes('protoPayload.methodName:"storage.objects.get"')).toEqual(all('sometimes'));
    expect(outcomes('protoPayload.@type="type.googleapis.com/google.cloud.audit.AuditLog"')).toEqual(all('always'));
  });

  it('knows the whole log name when the parent is known, and is unsure when it is fixed but not stated', () => {
    const filter = 'logName="projects/ml-prod/logs/cloudaudit.googleapis.com%2Factivity"';
    expect(outcomes(filter, { mode: 'known', text: 'projects/ml-prod' })[0]).toBe('always');
    expect(outcomes(filter, { mode: 'known', text: 'projects/other' })[0]).toBe('never');
    expect(outcomes(filter, { mode: 'fixed' })[0]).toBe('unsure');
    expect(outcomes(filter)[0]).toBe('sometimes');
  });

  it('is unsure about a log name written with "/" where logName holds %2F', () => {
    expect(outcomes('logName:"cloudaudit.googleapis.com/activity"')).toEqual(['unsure', 'never', 'never', 'never']);
  });

  it('skips comments and reads unquoted timestamps after an operator', () => {
    expect(outcomes('logName:"cloudaudit" -- audit only\nAND timestamp >= 2024-01-01T00:00:00Z')).toEqual(all('sometimes'));
  });

  it('reports a syntax error', () => {
    expect(parseFilter('(logName:"x"')).toBeInstanceOf(FilterSyntaxError);
    expect(parseFilter('logName:"x')).toBeInstanceOf(FilterSyntaxError);
    expect(parseFilter('resource.type = (NOT "a")')).toBeInstanceOf(FilterSyntaxError);
  });
});
