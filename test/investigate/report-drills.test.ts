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
import { runDrills } from '../../investigate/drills';
import { azureDrillCases, writeAzureDrillCopy } from '../incidents/azure';
import { gcpDrillCases, writeGcpDrillCopy } from '../incidents/gcp';

let dir: string;
let scenarios: readonly Scenario[];
let build: (s: readonly Scenario[]) => ReturnType<typeof buildReport>;
/** What the GCP and Azure drills of npm start returned, on fresh copies. */
let otherClouds: DrillResult[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-report-drills-'));
  createAwsApp({ outdir: path.join(dir, 'cdk.out') }).app.synth();
  createCdktfApp(path.join(dir, 'cdktf.out')).app.synth();
  const loaded = loadPaths([path.join(dir, 'cdk.out'), path.join(dir, 'cdktf.out')]);
  const model = buildModel(loaded.templates);
  const result = runRules(model, ALL_RULES);
  const readiness = buildReadiness(model, result);
  scenarios = readiness.scenarios;
  build = (s) => buildReport(result, { readiness: { ...readiness, scenarios: [...s] } });
  otherClouds = [];
  for (const [cloud, write, cases] of [['gcp', writeGcpDrillCopy, gcpDrillCases], ['azure', writeAzureDrillCopy, azureDrillCases]] as const) {
    const root = path.join(dir, `${cloud}-copy`);
    fs.mkdirSync(root);
    const truth = write(root);
    otherClouds.push(...(await runDrills(root, cloud, (cases as (t: typeof truth) => ReturnType<typeof gcpDrillCases>)(truth))));
  }
}, 180_000);

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

const escHtml = (v: string): string => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

test('each GCP and Azure scenario question shows its cloud\'s drill answer in the report JSON, Markdown and HTML', () => {
  expect(otherClouds.map((o) => [o.cloud, o.outcome]).filter(([, o]) => o !== 'answered')).toEqual([]);
  const drilled = applyDrills(scenarios, otherClouds);
  const report = build(drilled);
  const json = JSON.parse(REPORT_RENDERERS.json.render(report));
  const markdown = REPORT_RENDERERS.markdown.render(report);
  const html = REPORT_RENDERERS.html.render(report);
  const items = drilled.flatMap((sc, s) => sc.items.map((item, i) => ({ sc, s, item, i }))).filter(({ item }) => item.cloud !== 'aws' && item.answer);
  // Every GCP and Azure question of the scenarios with a kit question: the training-data poisoning on Azure, the compromised library on both.
  expect(items.map(({ sc, item }) => `${sc.id} ${item.cloud} ${item.answer!.question}`)).toEqual([
    'training-data-poisoning-azure azure data-writes',
    'training-data-poisoning-azure azure credential-origin',
    'training-data-poisoning-azure azure ml-jobs-using-data',
    'training-data-poisoning-azure azure evidence-tampering',
    'training-data-poisoning-azure azure endpoint-callers',
    'compromised-ml-library gcp ml-jobs-using-data',
    'compromised-ml-library gcp principal-activity',
    'compromised-ml-library gcp network-egress',
    'compromised-ml-library gcp data-reads',
    'compromised-ml-library azure ml-jobs-using-data',
    'compromised-ml-library azure principal-activity',
    'compromised-ml-library azure network-egress',
    'compromised-ml-library azure data-reads',
  ]);
  for (const { sc, s, item, i } of items) {
    const outcome = otherClouds.find((o) => o.cloud === item.cloud && o.question === item.answer!.question)!;
    // The question asked on the incident's own drill, else on the cloud's other incident, named.
    const summary = outcome.scenario === sc.id ? outcome.summary : `on the ${outcome.scenario} drill: ${outcome.summary}`;
    expect(item.answer!.drill).toEqual({ outcome: 'answered', rows: outcome.rows, summary });
    expect(json.scenarios[s].items[i].answer.drill).toEqual({ outcome: 'answered', rows: outcome.rows, summary });
    expect(markdown).toContain(`; drill: answered (${summary.replaceAll('|', '\\|')})`);
    expect(html).toContain(`<div class="drill answered">Drill: answered (${escHtml(summary)})</div>`);
    // An answered drill leaves the readiness the templates gave.
    expect(item.readiness).toBe(scenarios[s].items[i].readiness);
  }
  // The Azure ml-jobs-using-data drill is answered from the data-asset events: four rows, the asset named.
  expect(otherClouds.find((o) => o.cloud === 'azure' && o.question === 'ml-jobs-using-data')!.summary).toMatch(/^4 rows, first: time=2026-11-30T08:15:00\.\d{3}Z, principal=.*, action=dataset:.*, dataLocation=churn-training$/);
  // AWS items have no drill answer when only the other clouds drilled.
  expect(drilled.flatMap((sc) => sc.items).filter((i) => i.cloud === 'aws' && i.answer?.drill)).toEqual([]);
});
