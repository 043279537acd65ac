import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { acknowledgeKitWarning, deployedQueryName, question, QUESTIONS, QuestionId, WARNINGS } from '../../constructs/core';
import { functionParameters, InvestigationPack, InvestigationPackProps, LogAnalytics, SENTINEL_DETECTIONS } from '../../constructs/azure';
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { ALL_RULES } from '../../policies/rules';
import { messages, only, resources, SUB, synth, warningIds } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const AZURE_FILES = fs.readdirSync(path.join(ROOT, 'queries', 'azure')).filter((f) => f.endsWith('.kql')).map((f) => f.replace(/\.kql$/, '') as QuestionId).sort();
const fileText = (id: string, sub = ''): string => fs.readFileSync(path.join(ROOT, 'queries', 'azure', sub, `${id}.kql`), 'utf8');
const WORKSPACE_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/forensic-logs`;
const EXISTING = { workspaceResourceId: WORKSPACE_ID, workspaceGuid: '00000000-0000-0000-0000-000000000001', location: 'westeurope' };

/** A pack on the kit's LogAnalytics (sentinelEnabled as given), or on an existing workspace. */
function build(props: Partial<InvestigationPackProps> = {}, options: { sentinelEnabled?: boolean; existing?: boolean; before?: (stack: TerraformStack) => void } = {}) {
  let pack!: InvestigationPack;
  let la: LogAnalytics | undefined;
  const s = synth((stack) => {
    options.before?.(stack);
    if (!options.existing) la = new LogAnalytics(stack, 'LogAnalytics', { resourceGroupName: 'rg', location: 'westeurope', workspaceName: 'forensic-logs', sentinelEnabled: options.sentinelEnabled });
    pack = new InvestigationPack(stack, 'Pack', { workspace: la ?? EXISTING, ...props });
  });
  return { s, pack, la };
}

/** The expected `function_parameters` of a question: its catalog parameters, timestamps as datetime. */
const catalogParameters = (id: QuestionId): string[] => question(id).parameters.map((p) => `${p.name}:${p.type === 'timestamp' ? 'datetime' : 'string'}`);

describe('Azure InvestigationPack', () => {
  test('defaults: one saved search per Azure query, a KQL function under "Forensic readiness", the file byte for byte, parameters in catalog order', () => {
    const { s } = build();
    const searches = resources(s, 'azurerm_log_analytics_saved_search');
    expect(searches.map((x) => x.function_alias).sort()).toEqual(AZURE_FILES.map((id) => deployedQueryName(id)).sort());
    for (const id of AZURE_FILES) {
      const x = searches.find((r) => r.function_alias === deployedQueryName(id))!;
      expect(x).toEqual({
        name: `forensic_readiness_${deployedQueryName(id)}`,
        log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.LogAnalytics_[0-9A-F]+\.id\}$/),
        category: 'Forensic readiness',
        display_name: question(id).title,
        query: fileText(id),
        function_alias: deployedQueryName(id),
        function_parameters: catalogParameters(id),
        tags: { 'forensic-readiness': 'forensic-readiness-kit', 'forensic-evidence-source': 'control-plane-audit' },
      });
    }
    expect(AZURE_FILES).toEqual(QUESTIONS.filter((q) => q.clouds.azure.status !== 'not-recorded').map((q) => q.id).sort());
    // Sentinel is off by default: no onboarding, no rule.
    expect(Testing.toHaveResource(s.text, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toBe(false);
    expect(resources(s, 'azurerm_sentinel_alert_rule_scheduled')).toEqual([]);
    expect(warningIds(s.stack)).toEqual([]);
  });

  test('defaults: every function_parameters element matches azurerm 4.x validation', () => {
    // The provider's pattern (log_analytics_saved_search_resource.go): name:type, or name:type=default.
    const AZURERM = /^[a-zA-Z_][a-zA-Z0-9-_]*:([a-z]+(=[^,\n]+)?|\(\*\)|(\([a-zA-Z_][a-zA-Z0-9-_]*:[a-z]+(,[a-zA-Z_][a-zA-Z0-9-_]*:([a-z]+))*\)))(,\s*[a-zA-Z_][a-zA-Z0-9-_]*:([a-z]+(=[^,\n]+)?|\(\*\)|(\([a-zA-Z_][a-zA-Z0-9-_]*:[a-z]+(,\s*[a-zA-Z_][a-zA-Z0-9-_]*:([a-z]+))*\))))*$/;
    for (const x of resources(build().s, 'azurerm_log_analytics_saved_search')) for (const p of x.function_parameters) expect(p).toMatch(AZURERM);
  });

  test('overrides: category, tags and a subset of the questions, on an existing workspace', () => {
    const { s } = build({ category: 'IR', tags: { team: 'ir' }, questions: ['evidence-tampering', 'data-writes'] }, { existing: true });
    const searches = resources(s, 'azurerm_log_analytics_saved_search');
    expect(searches.map((x) => x.function_alias)).toEqual(['data_writes', 'evidence_tampering']);
    for (const x of searches) expect(x).toMatchObject({ category: 'IR', log_analytics_workspace_id: WORKSPACE_ID, tags: { team: 'ir', 'forensic-readiness': 'forensic-readiness-kit' } });
  });

  test('sentinel: onboards the workspace and runs the two detections hourly, one alert per row, with tactics, techniques and entities', () => {
    const { s, pack } = build({ sentinel: {} });
    const onboarding = only(s, 'azurerm_sentinel_log_analytics_workspace_onboarding');
    expect(onboarding.workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\.LogAnalytics_[0-9A-F]+\.id\}$/);
    const rules = resources(s, 'azurerm_sentinel_alert_rule_scheduled');
    expect(rules.map((r) => r.name)).toEqual(['forensic-readiness-endpoint-volume', 'forensic-readiness-evidence-tampering']);
    const [volume, tampering] = rules;
    for (const r of rules) {
      expect(r.log_analytics_workspace_id).toMatch(/^\$\{azurerm_sentinel_log_analytics_workspace_onboarding\.Pack_Sentinel_[0-9A-F]+\.workspace_id\}$/);
      expect(r).toMatchObject({ severity: 'High', enabled: true, trigger_operator: 'GreaterThan', trigger_threshold: 0, event_grouping: { aggregation_method: 'AlertPerResult' } });
    }
    expect(volume).toMatchObject({
      query: fileText('endpoint-volume', 'detections'),
      query_frequency: 'PT1H',
      query_period: 'P1D',
      tactics: ['Exfiltration', 'InitialAccess'],
      techniques: ['T1567', 'T1078'],
      entity_mapping: [
        { entity_type: 'Account', field_mapping: [{ identifier: 'AadUserId', column_name: 'principal' }] },
        { entity_type: 'AzureResource', field_mapping: [{ identifier: 'ResourceId', column_name: 'resourceId' }] },
      ],
    });
    expect(tampering).toMatchObject({
      query: fileText('evidence-tampering', 'detections'),
      query_frequency: 'PT1H',
      query_period: 'PT1H',
      tactics: ['DefenseEvasion', 'Impact'],
      techniques: ['T1562', 'T1485'],
      entity_mapping: [
        { entity_type: 'Account', field_mapping: [{ identifier: 'FullName', column_name: 'principal' }] },
        { entity_type: 'IP', field_mapping: [{ identifier: 'Address', column_name: 'sourceIp' }] },
        { entity_type: 'AzureResource', field_mapping: [{ identifier: 'ResourceId', column_name: 'target' }] },
      ],
    });
    expect(tampering.description).toMatch(/T1562\.008.*T1685\.002/);
    expect(volume.description).toMatch(/AML\.T0024/);
    expect(Object.keys(pack.analyticsRules)).toEqual(SENTINEL_DETECTIONS.map((d) => d.id));
    // A scheduled rule's query stands alone: the detection files, not the parameterised functions.
    expect(volume.query).not.toBe(fileText('endpoint-volume'));
  });

  test('sentinel: a LogAnalytics that already onboards Sentinel is not onboarded twice; its onboarding is used', () => {
    const { s, pack, la } = build({ sentinel: {} }, { sentinelEnabled: true });
    expect(resources(s, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toHaveLength(1);
    expect(pack.sentinelOnboarding).toBe(la!.sentinel);
    for (const r of resources(s, 'azurerm_sentinel_alert_rule_scheduled')) expect(r.log_analytics_workspace_id).toMatch(/azurerm_sentinel_log_analytics_workspace_onboarding\.LogAnalytics_Sentinel_/);
  });

  test('sentinel overrides: onboarded elsewhere (onboard false) and another severity', () => {
    const { s } = build({ sentinel: { onboard: false, severity: 'Medium' } }, { existing: true });
    expect(resources(s, 'azurerm_sentinel_log_analytics_workspace_onboarding')).toEqual([]);
    for (const r of resources(s, 'azurerm_sentinel_alert_rule_scheduled')) expect(r).toMatchObject({ log_analytics_workspace_id: WORKSPACE_ID, severity: 'Medium' });
  });

  test('sentinel: rules created disabled warn, and the warning can be acknowledged', () => {
    const { s } = build({ sentinel: { rulesEnabled: false } });
    for (const r of resources(s, 'azurerm_sentinel_alert_rule_scheduled')) expect(r.enabled).toBe(false);
    expect(messages(s.stack)).toEqual([expect.stringMatching(/^\[forensic-readiness:weakened-default\] InvestigationPack test\/Pack: the Sentinel analytics rules are created disabled/)]);
    const acknowledged = build({ sentinel: { rulesEnabled: false } }, { before: (stack) => acknowledgeKitWarning(stack, WARNINGS.WEAKENED_DEFAULT, 'detections reviewed before they are switched on') });
    expect(warningIds(acknowledged.s.stack)).toEqual([]);
  });

  test('judged by the kit, the pack with Sentinel has no finding on the pack\'s resources', () => {
    const { s } = build({ sentinel: {} });
    const result = runRules(buildModel([loadDocument(JSON.parse(s.text), 'cdk.tf.json')]), ALL_RULES);
    expect(result.findings.filter((f) => /azurerm_(log_analytics_saved_search|sentinel_)/.test(f.address)).map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
  });

  test('fails when workspace is missing or not a workspace', () => {
    expect(() => build({ workspace: undefined as never }, { existing: true })).toThrow(/workspace must be the kit's LogAnalytics, or \{ workspaceResourceId, workspaceGuid, location \}/);
    expect(() => build({ workspace: WORKSPACE_ID as never }, { existing: true })).toThrow(/workspace must be an ILogAnalyticsWorkspace/);
    expect(() => build({ workspace: { ...EXISTING, workspaceResourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a' } }, { existing: true })).toThrow(/workspace\.workspaceResourceId must be a Resource Manager id of a Microsoft\.OperationalInsights\/workspaces/);
  });

  test('fails when category is empty or padded', () => {
    expect(() => build({ category: '' })).toThrow(/category must be a category of 1 to 256 characters/);
    expect(() => build({ category: ' IR' })).toThrow(/category must be/);
  });

  test('fails when questions is empty, repeats one, or names one without an Azure query', () => {
    expect(() => build({ questions: [] })).toThrow(/questions must be a non-empty list of question ids/);
    expect(() => build({ questions: ['data-reads', 'data-reads'] })).toThrow(/questions must be a non-empty list of question ids without repeats/);
    expect(() => build({ questions: ['who-did-it' as QuestionId] })).toThrow(/questions\[0\] must be one of "endpoint-callers"/);
  });

  test('fails when sentinel is not an object, onboards twice, or has an unknown severity', () => {
    expect(() => build({ sentinel: true as never })).toThrow(/sentinel must be an object \{ onboard\?, rulesEnabled\?, severity\? \}/);
    expect(() => build({ sentinel: { onboard: true } }, { sentinelEnabled: true })).toThrow(/sentinel\.onboard must be false or absent: the LogAnalytics already onboards Sentinel/);
    expect(() => build({ sentinel: { severity: 'Critical' as never } })).toThrow(/sentinel\.severity must be one of "High", "Medium", "Low", "Informational"/);
    expect(() => build({ sentinel: { rulesEnabled: 'no' as never } })).toThrow(/sentinel\.rulesEnabled must be true or false/);
  });

  test('the header parser refuses a file without a parameters line or with a malformed parameter, naming the file', () => {
    expect(functionParameters('endpoint-callers', fileText('endpoint-callers'))).toEqual(['endpointName:string', 'from:datetime', 'to:datetime']);
    expect(() => functionParameters('data-reads', '// Question: data-reads.\nStorageBlobLogs')).toThrow(/queries\/azure\/data-reads\.kql has no "\/\/ Parameters:" header line/);
    expect(() => functionParameters('data-reads', '// Parameters: location string\nStorageBlobLogs')).toThrow(/queries\/azure\/data-reads\.kql declares a parameter "location string"/);
  });
});
