import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createAwsApp } from '../../cdk/app';
import { createCdktfApp } from '../../cdktf/app';
import { buildModel, loadPaths, LoadedTemplate, runRules } from '../../policies/engine';
import { buildReadiness, buildReport, REPORT_FOLDER_FILES, REPORT_MARKER, REPORT_RENDERERS, writeReportFolder } from '../../policies/report';

const { html: HTML_RENDERER, json: JSON_RENDERER, markdown: MARKDOWN_RENDERER } = REPORT_RENDERERS;
import { ALL_RULES } from '../../policies/rules';
import { main } from '../../bin/cli';

let dir: string;
let templates: readonly LoadedTemplate[];

function readiness(list: readonly LoadedTemplate[] = templates) {
  const model = buildModel(list);
  const result = runRules(model, ALL_RULES);
  return { model, result, readiness: buildReadiness(model, result) };
}

/** The reference templates with one change to one document. */
function mutated(file: RegExp, change: (doc: any) => void): readonly LoadedTemplate[] {
  const root = fs.mkdtempSync(path.join(dir, 'm-'));
  const files = templates.map((t) => {
    const doc = JSON.parse(fs.readFileSync(t.file, 'utf8'));
    if (file.test(t.file)) change(doc);
    // Each cdktf stack in a folder of its own: the *.tf.json files of one folder are one Terraform configuration.
    const target = t.file.endsWith('.tf.json') ? path.join(root, path.basename(path.dirname(t.file)), path.basename(t.file)) : path.join(root, `${path.basename(path.dirname(t.file))}-${path.basename(t.file)}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(doc));
    return target;
  });
  return loadPaths(files).templates;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-readiness-'));
  createAwsApp({ outdir: path.join(dir, 'cdk.out') }).app.synth();
  createCdktfApp(path.join(dir, 'cdktf.out')).app.synth();
  templates = loadPaths([path.join(dir, 'cdk.out'), path.join(dir, 'cdktf.out')]).templates;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('coverage matrix', () => {
  test('has a row per evidence source and a column per cloud', () => {
    const { readiness: r } = readiness();
    expect(r.coverage.clouds).toEqual(['aws', 'gcp', 'azure']);
    expect(r.coverage.rows.map((row) => row.source)).toEqual([
      'control-plane-audit', 'storage-data-access', 'ml-inference', 'ml-training-lifecycle', 'model-registry',
      'network-flow', 'dns', 'identity-sign-in', 'configuration-history', 'evidence-immutability', 'log-integrity',
    ]);
  });

  test('a captured cell names the producer, the locked store and its retention', () => {
    const { readiness: r } = readiness();
    const flow = r.coverage.rows.find((row) => row.source === 'network-flow')!.cells.aws;
    expect(flow.status).toBe('captured');
    expect(flow.capturedBy.map((c) => c.type)).toEqual(['AWS::EC2::FlowLog', 'AWS::EC2::FlowLog']);
    expect(flow.storedIn).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'AWS::S3::Bucket', immutability: 'locked', retentionDays: 365 })]));
    expect(flow.immutable).toBe(true);
    expect(flow.retentionDays).toBe(365);
  });

  test('what a cloud cannot record is unavailable, with the reason, never captured', () => {
    const { readiness: r } = readiness();
    const integrity = r.coverage.rows.find((row) => row.source === 'log-integrity')!;
    expect(integrity.cells.aws.status).toBe('captured');
    expect(integrity.cells.gcp.status).toBe('unavailable');
    expect(integrity.cells.gcp.note).toMatch(/signs no log digests/);
    expect(r.coverage.rows.find((row) => row.source === 'dns')!.cells.azure.status).toBe('unavailable');
  });

  test('AWS ML inference names Bedrock invocation logging with its staging bucket and log group, and the trail\'s Bedrock data events', () => {
    const { readiness: r } = readiness();
    const cell = r.coverage.rows.find((row) => row.source === 'ml-inference')!.cells.aws;
    expect(cell.status).toBe('captured');
    expect(cell.capturedBy.filter((c) => /Bedrock/.test(c.what)).map((c) => [c.type, c.what])).toEqual([
      ['Custom::AWS', 'Bedrock model invocation logging'],
      ['AWS::CloudTrail::Trail', 'CloudTrail Bedrock data events (agents, knowledge bases, flows, guardrails, prompts, sessions, tools)'],
    ]);
    expect(cell.storedIn.map((st) => st.address).filter((a) => a.startsWith('BedrockInvocationLogging'))).toEqual(['BedrockInvocationLoggingStaging1ED1DB43', 'BedrockInvocationLoggingLogGroup1DED09F9']);
    expect(cell.note).toMatch(/bedrock-mantle\.amazonaws\.com/);
  });

  test('AWS ML inference: Bedrock invocation logs are stored in the locked replica of their staging bucket', () => {
    const file = templates.find((t) => t.resources.some((r) => r.address === 'BedrockInvocationLoggingStaging1ED1DB43'))!.file;
    const list = mutated(new RegExp(`${path.basename(file).replace(/\./g, '\\.')}$`), (doc) => {
      // The staging bucket replicates into a locked bucket of its own, which no other producer writes into.
      const staging = doc.Resources.BedrockInvocationLoggingStaging1ED1DB43;
      const [destination] = staging.Properties.ReplicationConfiguration.Rules[0].Destination.Bucket['Fn::GetAtt'];
      doc.Resources.BedrockReplica = JSON.parse(JSON.stringify(doc.Resources[destination]));
      for (const rule of staging.Properties.ReplicationConfiguration.Rules) rule.Destination.Bucket = { 'Fn::GetAtt': ['BedrockReplica', 'Arn'] };
    });
    const cell = readiness(list).readiness.coverage.rows.find((row) => row.source === 'ml-inference')!.cells.aws;
    expect(cell.storedIn.filter((st) => st.address === 'BedrockReplica').map((st) => st.immutability)).toEqual(['locked']);
  });

  test('AWS ML training names the SageMaker job log groups, with the staging bucket and the locked bucket their subscription reaches', () => {
    const { readiness: r } = readiness();
    const cell = r.coverage.rows.find((row) => row.source === 'ml-training-lifecycle')!.cells.aws;
    expect(cell.status).toBe('captured');
    expect(cell.capturedBy.filter((c) => /SageMaker job/.test(c.what)).map((c) => c.address)).toEqual(['JobLogsTrainingJobsE0C373E4', 'JobLogsProcessingJobsF7E41072', 'JobLogsTransformJobsE060C7BC', 'JobLogsNotebookInstances14E89643', 'JobLogsStudio9797132F']);
    expect(cell.storedIn.map((st) => st.address)).toEqual(expect.arrayContaining(['JobLogsTrainingJobsE0C373E4', 'JobLogsStaging0477864F', 'WorkloadEvidence0AFC4D54']));
    expect(cell.note).toMatch(/processing job/);
    const inference = r.coverage.rows.find((row) => row.source === 'ml-inference')!.cells.aws;
    expect(inference.capturedBy.filter((c) => /endpoint container logs/.test(c.what)).map((c) => c.address)).toEqual(['EndpointForensicLogGroup9F0EA39A']);
  });

  test('AWS ML training: a job log group no longer subscribed weakens the cell with the finding', () => {
    const list = mutated(/MlWorkloadStack/, (doc) => {
      for (const [id, res] of Object.entries<any>(doc.Resources)) if (res.Type === 'AWS::Logs::SubscriptionFilter' && res.Properties.LogGroupName.Ref === 'JobLogsTrainingJobsE0C373E4') delete doc.Resources[id];
    });
    const cell = readiness(list).readiness.coverage.rows.find((row) => row.source === 'ml-training-lifecycle')!.cells.aws;
    expect(cell.status).toBe('weakened');
    expect(cell.findings).toEqual([expect.stringMatching(/^AWS\.SageMaker\.JobLogsExported@.*#JobLogsTrainingJobsE0C373E4$/)]);
  });

  test('Azure ML inference is recorded by the online endpoint traffic log and the AI Services request logs into the evidence account, weakened by the UNKNOWN lock of its Azure Monitor containers', () => {
    const { readiness: r } = readiness();
    const cell = r.coverage.rows.find((row) => row.source === 'ml-inference')!.cells.azure;
    // The reference account policy is Unlocked (soak, locked on a second deploy): the containers
    // Azure Monitor creates are covered only by it, and the finding on the store weakens the cell.
    expect(cell.status).toBe('weakened');
    expect(cell.findings).toEqual([expect.stringMatching(/^AZURE\.Storage\.ImmutabilityLocked@.*#azurerm_storage_account\.Evidence_/)]);
    expect(cell.capturedBy.map((c) => c.what)).toEqual(['Azure ML online endpoint traffic logs', 'Azure OpenAI / AI Services request logs (Audit, RequestResponse)']);
    // Its declared containers are locked, but the rule finds the lock of the containers the logs land in UNKNOWN: never immutable.
    expect(cell.storedIn).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'azurerm_storage_account', immutability: 'unknown' })]));
    expect([cell.immutable, cell.immutability, cell.retentionDays]).toEqual([false, 'unknown', null]);
    expect(cell.unknownIn).toEqual([expect.stringMatching(/^azurerm_storage_account\.Evidence_/)]);
    // An endpoint setting is not a workspace setting: it does not count as training-lifecycle evidence.
    const training = r.coverage.rows.find((row) => row.source === 'ml-training-lifecycle')!.cells.azure;
    expect(training.capturedBy.map((c) => c.address).filter((a) => /Endpoint/.test(a))).toEqual([]);
  });

  test('without the endpoint and AI Services settings the Azure ML inference cell is missing', () => {
    const list = mutated(/azure-forensic-readiness/, (doc) => {
      for (const [name, s] of Object.entries<any>(doc.resource.azurerm_monitor_diagnostic_setting)) {
        if (/onlineEndpoints|azurerm_cognitive_account/.test(s.target_resource_id)) delete doc.resource.azurerm_monitor_diagnostic_setting[name];
      }
    });
    const cell = readiness(list).readiness.coverage.rows.find((row) => row.source === 'ml-inference')!.cells.azure;
    expect(cell.status).toBe('missing');
    expect(cell.note).toMatch(/azurerm has no resource for them/);
  });

  test('an endpoint setting without the traffic log does not capture ML inference', () => {
    const list = mutated(/azure-forensic-readiness/, (doc) => {
      for (const [name, s] of Object.entries<any>(doc.resource.azurerm_monitor_diagnostic_setting)) {
        if (/azurerm_cognitive_account/.test(s.target_resource_id)) delete doc.resource.azurerm_monitor_diagnostic_setting[name];
        if (/onlineEndpoints/.test(s.target_resource_id)) s.enabled_log = [{ category: 'AmlOnlineEndpointConsoleLog' }];
      }
    });
    const { readiness: r, result } = readiness(list);
    const cell = r.coverage.rows.find((row) => row.source === 'ml-inference')!.cells.azure;
    expect(cell.status).toBe('missing');
    expect(result.findings.filter((f) => f.ruleId === 'AZURE.Monitor.MlOnlineEndpointTrafficLog').map((f) => f.verdict)).toEqual(['NON_COMPLIANT']);
  });

  test('the honest notes: Azure DNS names what to deploy outside the kit, Azure configuration history its retention, Vertex AI the publisher-model call', () => {
    const { readiness: r } = readiness();
    const row = (id: string) => r.coverage.rows.find((x) => x.source === id)!;
    expect(row('dns').cells.azure.note).toMatch(/DNS security policy .*DnsResponse.*Azure Firewall DNS proxy/);
    expect(row('control-plane-audit').cells.azure.note).toMatch(/90 days unless exported.*Resource Graph change history .*14 days/);
    expect(row('ml-inference').cells.gcp.note).toMatch(/setPublisherModelConfig \(v1beta1/);
  });

  test('AWS configuration history is captured by the recorder and the delivery channel, locked in the evidence bucket its staging bucket replicates into', () => {
    const { readiness: r } = readiness();
    const cell = r.coverage.rows.find((row) => row.source === 'configuration-history')!.cells.aws;
    expect(cell.status).toBe('captured');
    expect(cell.capturedBy.map((c) => [c.type, c.what])).toEqual([
      ['AWS::Config::ConfigurationRecorder', 'AWS Config configuration recorder'],
      ['AWS::Config::DeliveryChannel', 'AWS Config delivery channel (configuration history files and snapshots)'],
    ]);
    expect(cell.storedIn.map((st) => [st.address, st.immutability])).toEqual([['ConfigurationHistoryStagingEF66F6F8', 'no'], ['Evidence1F48D0F2', 'locked']]);
    expect(cell.note).toMatch(/cannot deliver into an Object Lock bucket/);
  });

  test('without the replication of its staging bucket the AWS configuration history is weakened by AWS.Config.DeliveryToEvidence', () => {
    const list = mutated(/ForensicReadinessStack/, (doc) => {
      for (const r of Object.values<any>(doc.Resources)) if (/ConfigurationHistory\/Staging/.test(r.Metadata?.['aws:cdk:path'] ?? '') && r.Type === 'AWS::S3::Bucket') delete r.Properties.ReplicationConfiguration;
    });
    const { readiness: r, result } = readiness(list);
    const cell = r.coverage.rows.find((row) => row.source === 'configuration-history')!.cells.aws;
    expect(cell.status).toBe('weakened');
    expect(cell.immutable).toBe(false);
    const f = result.findings.find((x) => x.ruleId === 'AWS.Config.DeliveryToEvidence')!;
    expect(cell.findings).toContain(`${f.ruleId}@${f.file}#${f.address}`);
  });

  test('Azure configuration history is unavailable, naming what the Activity Log and Resource Graph keep', () => {
    const { readiness: r } = readiness();
    const cell = r.coverage.rows.find((row) => row.source === 'configuration-history')!.cells.azure;
    expect(cell.status).toBe('unavailable');
    expect(cell.note).toMatch(/caller and status, not the properties before and after.*past 14 days only.*azurerm 4\.55 has no resource to export it/);
  });

  test('a finding weakens its cell and is linked from it', () => {
    const { readiness: r, result } = readiness();
    const cell = r.coverage.rows.find((row) => row.source === 'evidence-immutability')!.cells.azure;
    expect(cell.status).toBe('weakened');
    const f = result.findings.find((x) => x.ruleId === 'AZURE.Storage.ImmutabilityLocked')!;
    expect(cell.findings).toContain(`${f.ruleId}@${f.file}#${f.address}`);
  });

  test('removing the flow logs makes the cell missing and the library scenario name the gap', () => {
    const list = mutated(/MlWorkloadStack/, (doc) => {
      for (const [id, r] of Object.entries<any>(doc.Resources)) if (r.Type === 'AWS::EC2::FlowLog') delete doc.Resources[id];
    });
    const { readiness: r } = readiness(list);
    expect(r.coverage.rows.find((row) => row.source === 'network-flow')!.cells.aws.status).toBe('missing');
    const library = r.scenarios.find((s) => s.id === 'compromised-ml-library')!;
    const item = library.items.find((i) => i.cloud === 'aws' && i.sources.includes('network-flow'))!;
    expect(item.readiness).toBe('gap');
    expect(item.gaps.join()).toMatch(/network-flow: not recorded/);
  });

  test('a cloud without templates is not checked, never captured', () => {
    const aws = templates.filter((t) => t.file.includes('cdk.out'));
    const { readiness: r } = readiness(aws);
    for (const row of r.coverage.rows) {
      expect(row.cells.gcp.status).toBe('not-checked');
      expect(row.cells.azure.status).toBe('not-checked');
    }
    expect(r.clouds.gcp.resources).toBe(0);
  });

  test('a store that is not locked leaves the cell weakened', () => {
    const list = mutated(/ForensicReadinessStack/, (doc) => {
      for (const r of Object.values<any>(doc.Resources)) if (r.Properties?.ObjectLockConfiguration) { delete r.Properties.ObjectLockConfiguration; delete r.Properties.ObjectLockEnabled; }
    });
    const cell = readiness(list).readiness.coverage.rows.find((row) => row.source === 'control-plane-audit')!.cells.aws;
    expect(cell.status).toBe('weakened');
    expect(cell.immutable).toBe(false);
  });
});

describe('incident scenarios', () => {
  test('three scenarios, each question with evidence and named gaps', () => {
    const { readiness: r } = readiness();
    expect(r.scenarios.map((s) => s.id)).toEqual(['model-exfiltration-sagemaker', 'training-data-poisoning-azure', 'compromised-ml-library']);
    for (const s of r.scenarios) for (const i of s.items) expect(i.evidence.length).toBeGreaterThan(0);
  });

  test('the SageMaker caller is honestly partial: AWS does not reliably record who invoked', () => {
    const { readiness: r } = readiness();
    const who = r.scenarios[0].items[0];
    expect(who.readiness).toBe('partial');
    expect(who.gaps.join()).toMatch(/InvokeEndpointWithResponseStream/);
  });

  test('the Azure poisoning scenario asks who has called the model since, answered by the endpoint and AI Services logs', () => {
    const { readiness: r } = readiness();
    const item = r.scenarios.find((s) => s.id === 'training-data-poisoning-azure')!.items.find((i) => i.sources.includes('ml-inference'))!;
    // Partial while the evidence account's policy is Unlocked (AZURE.Storage.ImmutabilityLocked UNKNOWN).
    expect(item.readiness).toBe('partial');
    expect(item.evidence).toMatch(/Azure ML online endpoint traffic logs; Azure OpenAI \/ AI Services request logs/);
  });

  test('the library scenario asks what the configuration was before the compromise: ready on AWS from Config, a named gap on Azure', () => {
    const { readiness: r } = readiness();
    const items = r.scenarios.find((s) => s.id === 'compromised-ml-library')!.items.filter((i) => i.sources.includes('configuration-history'));
    expect(items.map((i) => i.cloud)).toEqual(['aws', 'gcp', 'azure']);
    const [aws, , azure] = items;
    expect(aws.need).toMatch(/before the compromise/);
    expect(aws.readiness).toBe('ready');
    expect(aws.evidence).toMatch(/AWS Config configuration recorder.*Evidence1F48D0F2 \(locked/);
    expect(azure.readiness).toBe('gap');
    expect(azure.gaps.join()).toMatch(/configuration-history: .*14 days only/);
  });

  test('training data without blob versioning has no last known-good version', () => {
    const list = mutated(/azure-forensic-readiness/, (doc) => {
      for (const a of Object.values<any>(doc.resource.azurerm_storage_account)) {
        if (a.tags?.['forensic-evidence-store'] !== 'true' && a.blob_properties) a.blob_properties.versioning_enabled = false;
      }
    });
    const item = readiness(list).readiness.scenarios[1].items.find((i) => /known-good/.test(i.need))!;
    expect(item.readiness).not.toBe('ready');
    expect(item.gaps.join()).toMatch(/no blob versioning/);
  });

  test('an untagged account a diagnostic setting writes into is evidence, not training data without versioning', () => {
    const list = mutated(/azure-forensic-readiness/, (doc) => {
      doc.resource.azurerm_storage_account.logsink = { name: 'logsink', resource_group_name: 'rg', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'LRS' };
      doc.resource.azurerm_monitor_diagnostic_setting.to_logsink = {
        name: 'to-logsink',
        target_resource_id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
        storage_account_id: '${azurerm_storage_account.logsink.id}',
        enabled_log: [{ category: 'AuditEvent' }],
      };
    });
    const item = readiness(list).readiness.scenarios[1].items.find((i) => /known-good/.test(i.need))!;
    expect(item.gaps.join()).not.toMatch(/logsink/);
  });
});

describe('scenario answers', () => {
  test('each question names the query of the kit that answers it, with the cloud\'s caveat', () => {
    const { readiness: r } = readiness();
    const who = r.scenarios[0].items[0];
    expect(who.answer).toMatchObject({ question: 'endpoint-callers', recorded: 'where-recorded', query: 'queries/aws/endpoint-callers.sql' });
    expect(who.answer?.caveat).toMatch(/data capture/);
    const knownGood = r.scenarios[1].items.find((i) => /known-good/.test(i.need))!;
    expect(knownGood.answer).toBeUndefined();
  });

  test('deployed only when the checked templates hold the pack\'s statement of that question', () => {
    // The reference account stack deploys the complete AWS pack.
    const before = readiness().readiness.scenarios[0].items[0].answer!;
    const list = mutated(/ForensicReadinessStack/, (doc) => {
      for (const [id, r] of Object.entries<any>(doc.Resources)) if (r.Type === 'AWS::Athena::PreparedStatement' && r.Properties.StatementName === 'endpoint_callers') delete doc.Resources[id];
    });
    const after = readiness(list).readiness.scenarios[0].items;
    expect([before.deployed, after[0].answer!.deployed]).toEqual([true, false]);
    // Another question's statement stays deployed.
    expect(after.find((i) => i.answer?.question === 'credential-origin')!.answer!.deployed).toBe(true);
  });

  test('GCP and Azure: deployed when the checked templates hold the pack\'s table function or KQL function of that question', () => {
    const egress = (list = templates) =>
      readiness(list).readiness.scenarios[2].items.filter((i) => i.answer?.question === 'network-egress' && i.cloud !== 'aws').map((i) => [i.cloud, i.answer!.query, i.answer!.deployed]);
    // The reference stacks deploy both packs.
    expect(egress()).toEqual([
      ['gcp', 'queries/gcp/network-egress.sql', true],
      ['azure', 'queries/azure/network-egress.kql', true],
    ]);
    const list = mutated(/(gcp|azure)-forensic-readiness/, (doc) => {
      for (const r of Object.values<any>(doc.resource?.google_bigquery_routine ?? {})) if (r.routine_id === 'network_egress') r.routine_id = 'network_egress_v0';
      for (const r of Object.values<any>(doc.resource?.azurerm_log_analytics_saved_search ?? {})) if (r.function_alias === 'network_egress') delete r.function_alias;
    });
    expect(egress(list)).toEqual([
      ['gcp', 'queries/gcp/network-egress.sql', false],
      ['azure', 'queries/azure/network-egress.kql', false],
    ]);
    // The other questions' functions are untouched, and still deployed.
    expect(readiness(list).readiness.scenarios[2].items.filter((i) => i.cloud !== 'aws' && i.answer?.question === 'data-reads').map((i) => i.answer!.deployed)).toEqual([true, true]);
    const { model, result } = readiness();
    expect(HTML_RENDERER.render(buildReport(result, { readiness: buildReadiness(model, result) }))).toContain('<strong>network-egress</strong>: <code>queries/gcp/network-egress.sql</code>, deployed by the checked templates');
  });

  test('a question without a query for a cloud says so, and the report shows the answering query', () => {
    const { model, result } = readiness();
    const report = buildReport(result, { readiness: buildReadiness(model, result) });
    const html = HTML_RENDERER.render(report);
    expect(html).toContain('<strong>endpoint-callers</strong>: <code>queries/aws/endpoint-callers.sql</code>, deployed by the checked templates');
    expect(MARKDOWN_RENDERER.render(report)).toContain('endpoint-callers: queries/aws/endpoint-callers.sql, deployed by the checked templates');
    const activity = report.readiness!.scenarios[2].items.find((i) => i.cloud === 'aws' && i.answer?.question === 'principal-activity')!;
    expect(activity.answer).toMatchObject({ recorded: 'recorded', deployed: true, query: 'queries/aws/principal-activity.sql' });
    // Every scenario question has an AWS query now; a cloud's missing query is still said so.
    const withoutQuery = JSON.parse(JSON.stringify(report));
    delete withoutQuery.readiness.scenarios[2].items.find((i: { cloud: string; answer?: { question: string } }) => i.cloud === 'aws' && i.answer?.question === 'principal-activity').answer.query;
    expect(HTML_RENDERER.render(withoutQuery)).toContain('<strong>principal-activity</strong>: no query for this cloud yet');
    expect(HTML_RENDERER.render(report)).toContain('<strong>principal-activity</strong>: <code>queries/aws/principal-activity.sql</code>, deployed by the checked templates');
    expect(HTML_RENDERER.render(report)).not.toContain('no query for this cloud yet');
  });
});

describe('report outputs', () => {
  function reportOf(list = templates) {
    const { model, result } = readiness(list);
    return buildReport(result, { readiness: buildReadiness(model, result) });
  }

  test('report.json carries the coverage matrix under a top-level coverage key, unlimited retention as text', () => {
    const doc = JSON.parse(JSON_RENDERER.render(reportOf()));
    expect(doc.coverage.rows).toHaveLength(11);
    expect(doc.coverage.rows[0].cells.aws.status).toBe('captured');
    expect(doc.scenarios).toHaveLength(3);
    expect(doc.clouds.aws.resources).toBeGreaterThan(0);
    expect(JSON.stringify(doc.coverage)).toContain('"unlimited"');
    expect(doc.findings).toBeDefined();
  });

  test('the markdown has the matrix and the scenarios', () => {
    const md = MARKDOWN_RENDERER.render(reportOf());
    expect(md).toContain('## Coverage matrix');
    expect(md).toContain('## Incident readiness');
  });

  test('the HTML is self-contained and escapes what comes from a template', () => {
    const list = mutated(/ForensicReadinessStack/, (doc) => {
      doc.Resources['Evil<script>alert(1)</script>'] = { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: false, S3BucketName: '"><img src=x onerror=alert(1)>' } };
    });
    const html = HTML_RENDERER.render(reportOf(list));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('Evil&lt;script&gt;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/<link|@import/i);
  });

  test('a previous report folder is replaced whole, marked as the kit\'s, with no staging folder left', () => {
    const out = path.join(dir, 'report');
    writeReportFolder(out, reportOf());
    fs.writeFileSync(path.join(out, 'report.md'), 'stale');
    writeReportFolder(out, reportOf());
    expect(fs.readdirSync(out).sort()).toEqual([REPORT_MARKER, ...Object.keys(REPORT_FOLDER_FILES)].sort());
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).not.toBe('stale');
    // Beside it only its versions folder, holding the one version the link shows.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.report'))).toEqual(['.report.reports']);
    expect(fs.readdirSync(path.join(dir, '.report.reports'))).toEqual([path.basename(fs.readlinkSync(out))]);
  });

  test('an empty folder, or one holding only report files of an earlier version, is replaced', () => {
    const empty = path.join(dir, 'empty-out');
    fs.mkdirSync(empty);
    writeReportFolder(empty, reportOf());
    expect(fs.existsSync(path.join(empty, 'report.html'))).toBe(true);
    const older = path.join(dir, 'older-out');
    fs.mkdirSync(older);
    fs.writeFileSync(path.join(older, 'report.json'), '{}');
    writeReportFolder(older, reportOf());
    expect(fs.existsSync(path.join(older, REPORT_MARKER))).toBe(true);
  });

  test("refuses a folder of the user's own files and leaves every file as it was", () => {
    const out = path.join(dir, 'users-folder');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'thesis.docx'), 'mine');
    fs.writeFileSync(path.join(out, 'report.html'), 'also mine');
    expect(() => writeReportFolder(out, reportOf(), 'users-folder')).toThrow(
      '--out users-folder: the folder holds files that are not a forensic-readiness report; give a new or empty folder',
    );
    expect(fs.readdirSync(out).sort()).toEqual(['report.html', 'thesis.docx']);
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toBe('also mine');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.users-folder'))).toEqual([]);
  });

  test('removes the staging folders of killed runs, and never those of a live run or not the kit\'s', () => {
    const out = path.join(dir, 'swept');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const leftover = path.join(dir, `.swept.staging-${dead}-abc123`);
    fs.mkdirSync(leftover);
    fs.writeFileSync(path.join(leftover, REPORT_MARKER), '{}');
    const live = path.join(dir, `.swept.staging-${process.ppid}-def456`);
    fs.mkdirSync(live);
    fs.writeFileSync(path.join(live, REPORT_MARKER), '{}');
    const foreign = path.join(dir, `.swept.staging-${dead}-xyz789`);
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'notes.txt'), 'not the kit\'s');
    writeReportFolder(out, reportOf());
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.readdirSync(foreign)).toEqual(['notes.txt']);
  });

  test('a report folder that cannot be written leaves nothing behind and names --out', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    expect(() => writeReportFolder(file, reportOf())).toThrow(/--out .*exists and is not a folder/);
    expect(() => writeReportFolder(path.join(dir, 'no', 'such', 'parent'), reportOf())).toThrow(/parent folder does not exist/);
  });
});

describe('forensic-readiness report', () => {
  function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir });
    return { code, out: out.join(''), err: err.join('') };
  }

  test('writes the four files and exits 0 on the reference stacks', () => {
    const r = run(['report', 'cdk.out', 'cdktf.out', '--out', 'r1']);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'r1')).sort()).toEqual(['.forensic-readiness-report', 'report.html', 'report.json', 'report.md', 'report.sarif']);
    expect(r.out).toMatch(/aws\s+\d+\s+0\s+0\s+11 of 11 recorded/);
  });

  test('exits 1 when a template has errors', () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ Resources: { T: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: false, S3BucketName: 'x' } } } }));
    expect(run(['report', 'bad.json', '--out', 'r2']).code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'r2', 'report.json'), 'utf8')).summary.errors).toBeGreaterThan(0);
  });

  test('exits 2 with one line for a missing path, an unknown option, or an output folder that holds an input', () => {
    for (const argv of [['report', 'missing.json'], ['report', 'cdk.out', '--format', 'json'], ['report', 'cdk.out', '--out', 'cdk.out']]) {
      const r = run(argv);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
