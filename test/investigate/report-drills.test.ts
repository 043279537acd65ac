/**
 * The readiness report shows, beside each scenario question, what the kit's question returned on
 * the drill of the simulated incident (`npm start`); "ready" then also needs the drill's answer.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createAwsApp } from '../../cdk/app';
import { createCdktfApp } from '../../cdktf/app';
import { buildModel, loadPaths, runRules } from '../../policies/engine';
import { applyDrills, buildReadiness, buildReport, DrillResult, REPORT_RENDERERS, Scenario } from '../../policies/report';
import { ALL_RULES } from '../../policies/rules';

let dir: string;
let scenarios: readonly Scenario[];
let build: (s: readonly Scenario[]) => ReturnType<typeof buildReport>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-report-drills-'));
  createAwsApp({ outdir: path.join(dir, 'cdk.out') }).app.synth();
  createCdktfApp(path.join(dir, 'cdktf.out')).app.synth();
  const loaded = loadPaths([path.join(dir, 'cdk.out'), path.join(dir, 'cdktf.out')]);
  const model = buildModel(loaded.templates);
  const result = runRules(model, ALL_RULES);
  const readiness = buildReadiness(model, result);
  scenarios = readiness.scenarios;
  build = (s) => buildReport(result, { readiness: { ...readiness, scenarios: [...s] } });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const answered = (question: string, scenario = 'model-exfiltration-sagemaker'): DrillResult => ({ scenario, question, cloud: 'aws', outcome: 'answered', rows: 2, summary: '2 rows, first: principal=arn:aws:iam::111122223333:role/ml-analyst' });

test('each AWS scenario question shows its drill answer in the HTML and Markdown report; other clouds are unchanged', () => {
  const drilled = applyDrills(scenarios, [answered('endpoint-callers'), answered('network-egress', 'compromised-ml-library')]);
  const report = build(drilled);
  const html = REPORT_RENDERERS.html.render(report);
  expect(html).toContain('<div class="drill answered">Drill: answered (2 rows, first: principal=arn:aws:iam::111122223333:role/ml-analyst)</div>');
  // A question asked on another incident's drill says which.
  expect(html).toContain('Drill: answered (on the compromised-ml-library drill: 2 rows');
  expect(REPORT_RENDERERS.markdown.render(report)).toContain('; drill: answered (2 rows, first: principal=arn:aws:iam::111122223333:role/ml-analyst)');
  const items = drilled[0].items.filter((i) => i.answer?.question === 'endpoint-callers');
  expect(items.map((i) => i.answer!.drill!.outcome)).toEqual(['answered', 'answered']);
  expect(drilled[1]).toEqual(scenarios[1]);
  expect(drilled[0].items.map((i) => i.readiness)).toEqual(scenarios[0].items.map((i) => i.readiness));
});

test('a question its drill did not answer is at best partial, the drill named as the gap', () => {
  const before = scenarios[0].items.find((i) => i.answer?.question === 'credential-origin')!;
  expect(before.readiness).toBe('ready');
  const drilled = applyDrills(scenarios, [{ ...answered('credential-origin'), outcome: 'wrong', rows: 0, summary: 'no rows' }]);
  const after = drilled[0].items.find((i) => i.answer?.question === 'credential-origin')!;
  expect(after.readiness).toBe('partial');
  expect(after.gaps[after.gaps.length - 1]).toBe('the drill of credential-origin did not return the planted answer (wrong: no rows)');
  expect(drilled[0].readiness).not.toBe('ready');
  expect(REPORT_RENDERERS.html.render(build(drilled))).toContain('<div class="drill wrong">Drill: <strong>wrong</strong> (no rows)</div>');
});
