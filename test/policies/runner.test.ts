import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONFIG_KEYS, RULE_CONFIG_SPEC, configValue, loadConfigFile, mergeConfig } from '../../policies/engine/config';
import { InputError } from '../../policies/engine/errors';
import { fails, runRules, summarize } from '../../policies/engine/runner';
import { acknowledgementProblem, loadSuppressionsFile, parseAcknowledgements, withFileSuppressions } from '../../policies/engine/suppressions';
import { DEFAULT_RULE_CONFIG, Rule, compliant } from '../../policies/engine/types';
import { BucketLocked, RetentionFloor, Throws } from './fixture-rules';
import { cfnModel } from './helpers';

const bucket = (props: Record<string, unknown>, metadata?: Record<string, unknown>) => ({ Type: 'AWS::S3::Bucket', Properties: props, ...(metadata ? { Metadata: metadata } : {}) });
const locked = (days: unknown) => bucket({ ObjectLockEnabled: true, ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: days } } } });
const ack = (ruleId: string, reason: string) => ({ 'forensic-readiness': { acknowledgements: [{ ruleId, reason }] } });
const REASON = 'Build cache bucket; it never holds evidence.';

describe('runRules', () => {
  test('reports NON_COMPLIANT at the rule severity and passes compliant resources', () => {
    const model = cfnModel({ Resources: { Good: locked(400), Bad: bucket({}) } });
    const result = runRules(model, [BucketLocked]);
    expect(result.findings).toEqual([
      { ruleId: 'TEST.Bucket.Locked', severity: 'error', verdict: 'NON_COMPLIANT', address: 'Bad', resourceType: 'AWS::S3::Bucket', file: 'template.json', message: 'lock is null, expected true' },
    ]);
    expect(result.evaluations.map((e) => [e.resource.address, e.verdict])).toEqual([['Good', 'COMPLIANT'], ['Bad', 'NON_COMPLIANT']]);
    expect(summarize(result)).toEqual({ resources: 2, errors: 1, warnings: 0, suppressed: 0 });
  });

  test('fails closed: a rule that throws gives a NON_COMPLIANT finding at its severity naming the error', () => {
    const model = cfnModel({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: {} } } });
    const [f] = runRules(model, [Throws]).findings;
    expect(f).toMatchObject({ ruleId: 'TEST.Trail.Throws', severity: 'error', verdict: 'NON_COMPLIANT', address: 'Trail' });
    expect(f.message).toMatch(/threw an error, so it fails closed: TypeError: boom in the rule/);
  });

  test('fails closed when isApplicable throws or check returns no judgement', () => {
    const model = cfnModel({ Resources: { B: bucket({}) } });
    const badApplicable: Rule = { ...BucketLocked, id: 'TEST.A', severity: 'warning', isApplicable: () => { throw new Error('no'); } };
    const badResult: Rule = { ...BucketLocked, id: 'TEST.B', check: () => ({ verdict: 'MAYBE' }) as never };
    const undefinedResult: Rule = { ...BucketLocked, id: 'TEST.C', check: () => undefined as never };
    const findings = runRules(model, [badApplicable, badResult, undefinedResult]).findings;
    expect(findings.map((f) => [f.ruleId, f.severity, f.verdict])).toEqual([
      ['TEST.B', 'error', 'NON_COMPLIANT'],
      ['TEST.C', 'error', 'NON_COMPLIANT'],
      ['TEST.A', 'warning', 'NON_COMPLIANT'],
    ]);
    expect(findings[0].message).toMatch(/returned no valid judgement/);
  });

  test('UNKNOWN is reported as a warning, even for an error rule', () => {
    const model = cfnModel({ Resources: { B: bucket({ ObjectLockEnabled: { Ref: 'LockParam' } }) }, Parameters: { LockParam: { Type: 'String' } } });
    const [f] = runRules(model, [BucketLocked]).findings;
    expect(f).toMatchObject({ severity: 'warning', verdict: 'UNKNOWN', message: 'the lock setting cannot be resolved' });
    expect(fails(summarize(runRules(model, [BucketLocked])), 'error')).toBe(false);
    expect(fails(summarize(runRules(model, [BucketLocked])), 'warning')).toBe(true);
  });

  test('an acknowledged finding fails nothing and is listed with its reason', () => {
    const model = cfnModel({ Resources: { Waived: { ...bucket({}), Metadata: ack('TEST.Bucket.Locked', REASON) }, Other: { ...bucket({}), Metadata: ack('TEST.Other.Rule', REASON) } } });
    const result = runRules(model, [BucketLocked]);
    expect(result.findings.map((f) => f.address)).toEqual(['Other']);
    expect(result.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'TEST.Bucket.Locked', address: 'Waived', suppressed: { ruleId: 'TEST.Bucket.Locked', reason: REASON, source: 'template' } }),
    ]);
    expect(summarize(result)).toEqual({ resources: 2, errors: 1, warnings: 0, suppressed: 1 });
  });

  test('a config override changes the threshold a rule reads', () => {
    const model = cfnModel({ Resources: { B: locked(200) } });
    expect(runRules(model, [RetentionFloor]).findings).toHaveLength(1);
    expect(runRules(model, [RetentionFloor], { retentionFloorDays: 180 }).findings).toHaveLength(0);
    expect(runRules(model, [RetentionFloor], { retentionFloorDays: 180 }).config).toEqual({ ...DEFAULT_RULE_CONFIG, retentionFloorDays: 180 });
  });

  test('isApplicable false is NOT_APPLICABLE, not a finding', () => {
    const result = runRules(cfnModel({ Resources: { B: bucket({}) } }), [RetentionFloor]);
    expect(result.findings).toEqual([]);
    expect(result.evaluations.map((e) => e.verdict)).toEqual(['NOT_APPLICABLE']);
  });

  test('a resource is judged once per rule even when a type is listed twice', () => {
    const twice: Rule = { ...BucketLocked, appliesTo: ['AWS::S3::Bucket', 'AWS::S3::Bucket'], check: () => compliant('ok') };
    expect(runRules(cfnModel({ Resources: { B: bucket({}) } }), [twice]).evaluations).toHaveLength(1);
  });

  test('findings are sorted: errors first, then rule, file, address', () => {
    const model = cfnModel({ Resources: { Z: bucket({}), A: bucket({}), W: locked(10) } });
    expect(runRules(model, [RetentionFloor, BucketLocked]).findings.map((f) => `${f.severity}:${f.address}`)).toEqual(['error:A', 'error:Z', 'warning:W']);
  });

  test('fails() follows --fail-on', () => {
    const s = { resources: 1, errors: 0, warnings: 1, suppressed: 0 };
    expect([fails(s, 'error'), fails(s, 'warning'), fails(s, 'never')]).toEqual([false, true, false]);
    expect(fails({ ...s, errors: 1 }, 'never')).toBe(false);
  });
});

describe('acknowledgements', () => {
  test('a reason needs 20 characters besides the rule id', () => {
    expect(acknowledgementProblem('AWS.S3.ObjectLockCompliance', REASON)).toBeUndefined();
    expect(acknowledgementProblem('AWS.S3.ObjectLockCompliance', 'too short')).toMatch(/at least 20 characters/);
    expect(acknowledgementProblem('AWS.S3.ObjectLockCompliance', 'AWS.S3.ObjectLockCompliance')).toMatch(/besides the rule id/);
    expect(acknowledgementProblem('AWS.S3.ObjectLockCompliance', 'AWS.S3.ObjectLockCompliance waived ok')).toMatch(/besides the rule id/);
    expect(acknowledgementProblem('', REASON)).toMatch(/ruleId/);
    expect(acknowledgementProblem('X.Y.Z', 42)).toMatch(/must be a string/);
  });

  test('only letters and digits count toward the 20: spaces, punctuation and invisible characters do not', () => {
    // 20 characters with spaces, 17 letters: too short.
    expect(acknowledgementProblem('X.Y.Z', 'no - evidence - here')).toBe('reason for X.Y.Z must be at least 20 characters besides the rule id (letters and digits; it has 14), got "no - evidence - here"');
    expect(acknowledgementProblem('X.Y.Z', '!!!!!!!!!!!!!!!!!!!!!!!!!')).toMatch(/\(letters and digits; it has 0\)/);
    // Letters of any script count, as do digits.
    expect(acknowledgementProblem('X.Y.Z', 'Пробный стенд удаляется 2024')).toBeUndefined();
  });

  test('a reason holding a format or control character (zero-width space, bidi mark, escape) is refused, naming it; tab and newline are allowed', () => {
    expect(acknowledgementProblem('AWS.CloudTrail.LogFileValidation', '\u200b'.repeat(25))).toBe(
      'reason for AWS.CloudTrail.LogFileValidation holds 25 invisible characters (U+200B at character 1): a reason may hold no format or control character but tab and newline, so that an auditor sees all of it',
    );
    expect(acknowledgementProblem('X.Y.Z', `${REASON}\u202e`)).toMatch(/holds an invisible character \(U\+202E at character 45\)/);
    expect(acknowledgementProblem('X.Y.Z', `${REASON}\u001b[2K`)).toMatch(/\(U\+001B at character 45\)/);
    expect(acknowledgementProblem('X.Y.Z', `\u{1F600}${REASON}\u{E0041}`)).toMatch(/\(U\+E0041 at character 46\)/);
    expect(acknowledgementProblem('X.Y.Z', `${REASON}\n\tReviewed by the evidence owner.`)).toBeUndefined();
    expect(() => parseAcknowledgements({ acknowledgements: [{ ruleId: 'X.Y.Z', reason: `\u200b${REASON}` }] }, 'f.json: B')).toThrow(
      /^f\.json: B: acknowledgement reason for X\.Y\.Z holds an invisible character \(U\+200B at character 1\)/,
    );
  });

  test('malformed metadata is an input error naming the resource', () => {
    expect(() => parseAcknowledgements({ acknowledgements: [{ ruleId: 'X.Y.Z', reason: 'short' }] }, 'f.json: B')).toThrow(/f\.json: B: acknowledgement reason for X\.Y\.Z must be at least 20/);
    expect(() => parseAcknowledgements({ acknowledgements: 'all' }, 'f: B')).toThrow(/must be a list/);
    expect(() => parseAcknowledgements(['x'], 'f: B')).toThrow(/must be an object/);
    expect(() => parseAcknowledgements({ acknowledgements: [null] }, 'f: B')).toThrow(/each acknowledgement/);
    // A key the format does not have is refused, not ignored: an ignored `expires` never expires.
    expect(() => parseAcknowledgements({ acknowledgements: [{ ruleId: 'X.Y.Z', reason: 'A reason long enough to pass.', expires: '2020-01-01' }] }, 'f.json: B')).toThrow(
      /^f\.json: B: acknowledgement has unknown key "expires" \(an acknowledgement in a template has ruleId and reason only\)$/,
    );
    expect(parseAcknowledgements({ acknowledgements: [{ ruleId: 'X.Y.Z', reason: 'A reason long enough to pass.' }] }, 'f: B')).toEqual([{ ruleId: 'X.Y.Z', reason: 'A reason long enough to pass.', source: 'template' }]);
    expect(() => cfnModel({ Resources: { B: { ...bucket({}), Metadata: ack('TEST.Bucket.Locked', 'nope') } } })).toThrow(InputError);
  });

  describe('suppressions file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-supp-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, doc: unknown) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, JSON.stringify(doc));
      return p;
    };
    const known = new Set(['TEST.Bucket.Locked']);

    test('acknowledges a rule on the named resource, marked as from a file', () => {
      const p = write('ok.json', { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'B', reason: REASON }] });
      const entries = loadSuppressionsFile(p, 'ok.json', known);
      const model = cfnModel({ Resources: { B: bucket({}), C: bucket({}) } });
      const resources = withFileSuppressions(model.resources, entries, 'ok.json');
      expect(resources[0].suppressions).toEqual([{ ruleId: 'TEST.Bucket.Locked', reason: REASON, source: 'file' }]);
      expect(resources[1].suppressions).toEqual([]);
      expect(model.resources[0].suppressions).toEqual([]);
    });

    test.each([
      ['a short reason', { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'B', reason: 'because' }] }, /at least 20 characters/],
      ['an unknown rule id', { acknowledgements: [{ ruleId: 'TEST.Nope', address: 'B', reason: REASON }] }, /unknown rule id "TEST.Nope"/],
      ['no address', { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', reason: REASON }] }, /address must be/],
      ['a list at the top', [{ ruleId: 'TEST.Bucket.Locked' }], /must be an object with an acknowledgements list/],
      ['an entry with a misspelt key (File)', { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'B', File: 'tpl.json', reason: REASON }] }, /^bad\.json: acknowledgement 1: unknown key "File" \(known: ruleId, address, file, reason\)$/],
      ['an entry with a key the format does not have (expires)', { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'B', reason: REASON }, { ruleId: 'TEST.Bucket.Locked', address: 'C', reason: REASON, expires: '2020-01-01' }] }, /^bad\.json: acknowledgement 2: unknown key "expires" /],
      ['a key beside acknowledgements', { acknowledgements: [], version: 2 }, /^bad\.json: unknown key "version" \(a suppressions file holds only acknowledgements\)$/],
    ])('rejects %s', (_name, doc, message) => {
      expect(() => loadSuppressionsFile(write('bad.json', doc), 'bad.json', known)).toThrow(message);
    });

    test('every documented key is read: file limits the entry to that input file', () => {
      const entries = loadSuppressionsFile(write('keys.json', { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'B', file: 'a.json', reason: REASON }] }), 'keys.json', known);
      expect(entries).toEqual([{ ruleId: 'TEST.Bucket.Locked', address: 'B', file: 'a.json', reason: REASON }]);
      const resources = withFileSuppressions([...cfnModel({ Resources: { B: bucket({}) } }, 'a.json').resources, ...cfnModel({ Resources: { B: bucket({}) } }, 'b.json').resources], entries, 'keys.json');
      expect(resources.map((r) => [r.sourceFile, r.suppressions.length])).toEqual([['a.json', 1], ['b.json', 0]]);
    });

    test('a YAML suppressions file is read as YAML 1.2: an address `on` is the name on, not true', () => {
      const p = path.join(dir, 'yes.yaml');
      fs.writeFileSync(p, `acknowledgements:\n  - ruleId: TEST.Bucket.Locked\n    address: on\n    reason: ${REASON}\n`);
      expect(loadSuppressionsFile(p, 'yes.yaml', known)).toEqual([{ ruleId: 'TEST.Bucket.Locked', address: 'on', file: undefined, reason: REASON }]);
    });

    test('rejects an acknowledgement that matches no resource', () => {
      const entries = loadSuppressionsFile(write('none.json', { acknowledgements: [{ ruleId: 'TEST.Bucket.Locked', address: 'Missing', reason: REASON }] }), 'none.json', known);
      expect(() => withFileSuppressions(cfnModel({ Resources: { B: bucket({}) } }).resources, entries, 'none.json')).toThrow(/names Missing, which no input holds/);
    });
  });
});

describe('config', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-cfg-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every RuleConfig key has a flag and a range', () => {
    expect(CONFIG_KEYS.sort()).toEqual(Object.keys(DEFAULT_RULE_CONFIG).sort());
    for (const k of CONFIG_KEYS) expect(RULE_CONFIG_SPEC[k].flag).toMatch(/^--[a-z-]+$/);
  });

  test('a file then flags override the defaults, in that order', () => {
    const p = path.join(dir, 'c.yaml');
    fs.writeFileSync(p, 'retentionFloorDays: 730\nfullSamplingPercentage: 50\n');
    const fromFile = loadConfigFile(p, 'c.yaml');
    expect(mergeConfig(fromFile, { retentionFloorDays: 800 })).toEqual({ retentionFloorDays: 800, interactiveRetentionFloorDays: 90, fullSamplingPercentage: 50 });
  });

  test('rejects unknown keys and values out of range', () => {
    const p = path.join(dir, 'bad.json');
    fs.writeFileSync(p, '{"retentionFloor": 3}');
    expect(() => loadConfigFile(p, 'bad.json')).toThrow(/unknown config key "retentionFloor"/);
    expect(() => configValue('retentionFloorDays', '0', '--retention-floor-days')).toThrow(/retentionFloorDays must be an integer from 1 to 36500, got "0"/);
    expect(() => configValue('retentionFloorDays', '1.5', 'x')).toThrow(/integer/);
    expect(() => configValue('fullSamplingPercentage', 'abc', 'x')).toThrow(/a number from 1 to 100/);
    expect(configValue('fullSamplingPercentage', '12.5', 'x')).toBe(12.5);
  });
});
