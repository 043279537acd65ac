/**
 * The coverage matrix pairs a retention with the stores it belongs to: a cell never says "kept
 * 365 d, immutable" when the immutable copy is kept 30 days and the 365 days are a mutable log
 * group's; a lock or retention not resolvable is said unknown, never immutable; and a cell carries
 * every NON_COMPLIANT or UNKNOWN finding on the producers and stores it rests on, whatever
 * evidence source the rule is tagged with. In every format.
 */
import { buildModel, loadDocument, runRules } from '../../policies/engine';
import { buildReadiness, buildReport, REPORT_RENDERERS } from '../../policies/report';
import type { CoverageCell } from '../../policies/report/coverage';
import { ALL_RULES } from '../../policies/rules';

/** The AWS quick start as it synthesizes: an Object Lock COMPLIANCE bucket and a trail into it and into a CloudWatch log group kept 365 days. */
function quickStart(lockDays: unknown): Record<string, unknown> {
  return {
    ...(typeof lockDays === 'object' ? { Parameters: { LockDays: { Type: 'Number' } } } : {}),
    Resources: {
      Evidence: {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          ObjectLockEnabled: true,
          ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: lockDays } } },
          VersioningConfiguration: { Status: 'Enabled' },
        },
      },
      TrailLogsRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
      TrailLogGroup: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { RetentionInDays: 365 } },
      Trail: {
        Type: 'AWS::CloudTrail::Trail',
        Properties: {
          IsLogging: true,
          IsMultiRegionTrail: true,
          IncludeGlobalServiceEvents: true,
          EnableLogFileValidation: true,
          S3BucketName: { Ref: 'Evidence' },
          CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['TrailLogGroup', 'Arn'] },
          CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['TrailLogsRole', 'Arn'] },
        },
      },
    },
  };
}

function reportOf(doc: unknown, file: string) {
  const model = buildModel([loadDocument(doc, file)]);
  const result = runRules(model, ALL_RULES, { retentionFloorDays: 30 });
  const readiness = buildReadiness(model, result);
  const report = buildReport(result, { readiness });
  return { result, readiness, report };
}
const cellOf = (r: ReturnType<typeof reportOf>, source: string, cloud: 'aws' | 'gcp' | 'azure'): CoverageCell => r.readiness.coverage.rows.find((row) => row.source === source)!.cells[cloud];

/** The Markdown cell of one row and cloud column, as read. */
function markdownCell(r: ReturnType<typeof reportOf>, title: string, column: number): string {
  const md = REPORT_RENDERERS.markdown.render(r.report);
  const line = md.split('\n').find((l) => l.startsWith(`| **${title}**`))!;
  // Markdown escapes `_` and the like; compare the text a reader sees.
  return line.split(' | ')[column].replace(/\\(.)/g, '$1');
}
function htmlRow(r: ReturnType<typeof reportOf>, title: string): string {
  const html = REPORT_RENDERERS.html.render(r.report);
  const at = html.indexOf(`${title}</th>`) >= 0 ? html.indexOf(`${title}</th>`) : html.indexOf(title);
  return html.slice(at, html.indexOf('</tr>', at));
}

describe('AWS quick start, the bucket locked 30 days, the trail also into a log group kept 365 days', () => {
  const r = reportOf(quickStart(30), 'quick-start.template.json');

  test('the control-plane audit and log integrity cells give the immutable copy its own retention, 30 d, and the 365 d as the log group\'s, mutable', () => {
    for (const source of ['control-plane-audit', 'log-integrity']) {
      const cell = cellOf(r, source, 'aws');
      expect(cell.immutable).toBe(true);
      expect(cell.retentionDays).toBe(30);
      expect(cell.lockedIn).toEqual(['Evidence']);
      expect(cell.mutableRetention).toEqual({ days: 365, store: 'TrailLogGroup' });
    }
  });

  test('the JSON, Markdown and HTML never pair 365 d with immutable', () => {
    const json = JSON.parse(REPORT_RENDERERS.json.render(r.report));
    const cpa = json.coverage.rows.find((row: { source: string }) => row.source === 'control-plane-audit').cells.aws;
    expect([cpa.immutable, cpa.retentionDays, cpa.lockedIn]).toEqual([true, 30, ['Evidence']]);
    for (const title of ['Control-plane audit', 'Log integrity']) {
      const md = markdownCell(r, title, 1);
      expect(md).toContain('immutable copy kept 30 d in Evidence');
      expect(md).toContain('also kept 365 d, not locked, in TrailLogGroup');
      expect(md).not.toMatch(/kept 365 d, immutable/);
      const html = htmlRow(r, title);
      expect(html).toContain('Immutable copy kept 30 d in <code>Evidence</code>');
      expect(html).toContain('Also kept 365 d, <strong>not locked</strong>, in <code>TrailLogGroup</code>');
      expect(html).not.toMatch(/Kept 365 d, immutable/);
    }
  });
});

describe('AWS quick start, the lock\'s Days a parameter without default', () => {
  const r = reportOf(quickStart({ Ref: 'LockDays' }), 'quick-start.template.json');

  test('the control-plane audit cell carries the UNKNOWN finding on its trail and is weakened, its lock retention unknown', () => {
    const lockedDestination = r.result.findings.find((f) => f.ruleId === 'AWS.CloudTrail.LockedDestination')!;
    expect(lockedDestination.verdict).toBe('UNKNOWN');
    const cell = cellOf(r, 'control-plane-audit', 'aws');
    expect(cell.findings).toEqual(expect.arrayContaining(['AWS.CloudTrail.LockedDestination@quick-start.template.json#Trail', 'AWS.S3.ObjectLockCompliance@quick-start.template.json#Evidence']));
    expect(cell.status).toBe('weakened');
    expect(cell.immutable).toBe(false);
    expect(cell.immutability).toBe('unknown');
    expect(cell.retentionDays).toBeNull();
  });

  test('Markdown and HTML say the lock is unknown, never immutable nor kept 365 d immutable', () => {
    const md = markdownCell(r, 'Control-plane audit', 1);
    expect(md).toMatch(/^weakened/);
    expect(md).toContain('lock or retention unknown in Evidence');
    expect(md).not.toMatch(/, immutable|immutable copy/);
    const html = htmlRow(r, 'Control-plane audit');
    expect(html).toContain('Lock or retention <strong>unknown</strong> in <code>Evidence</code>');
    expect(html).not.toMatch(/, immutable|Immutable copy/);
  });
});

describe('GCP: Admin Activity routed into a locked bucket kept 30 days and an unlocked log bucket kept 365 days', () => {
  const doc = {
    resource: {
      google_storage_bucket: { locked: { name: 'ev', location: 'EU', retention_policy: { is_locked: true, retention_period: 2592000 } } },
      google_logging_project_bucket_config: { logs: { project: 'p', location: 'global', bucket_id: 'audit', retention_days: 365 } },
      google_logging_project_sink: {
        to_storage: { name: 's1', destination: 'storage.googleapis.com/${google_storage_bucket.locked.name}', filter: '' },
        to_logs: { name: 's2', destination: 'logging.googleapis.com/${google_logging_project_bucket_config.logs.id}', filter: '' },
      },
    },
  };
  const r = reportOf(doc, 'gcp/main.tf.json');

  test('the cell gives the locked bucket\'s 30 d and the log bucket\'s 365 d apart, and carries the findings on the sink and the stores', () => {
    const cell = cellOf(r, 'control-plane-audit', 'gcp');
    expect([cell.immutable, cell.retentionDays, cell.lockedIn]).toEqual([true, 30, ['google_storage_bucket.locked']]);
    expect(cell.mutableRetention).toEqual({ days: 365, store: 'google_logging_project_bucket_config.logs' });
    expect(cell.findings).toEqual(expect.arrayContaining([
      'GCP.Logging.SinkLockedDestination@gcp/main.tf.json#google_logging_project_sink.to_logs',
      'GCP.Logging.BucketLocked@gcp/main.tf.json#google_logging_project_bucket_config.logs',
      'GCP.Storage.NotDeletable@gcp/main.tf.json#google_storage_bucket.locked',
    ]));
    expect(markdownCell(r, 'Control-plane audit', 2)).toContain('immutable copy kept 30 d in google_storage_bucket.locked');
  });
});

describe('Azure: the Activity Log exported into a storage account locked 30 days and a workspace kept 365 days', () => {
  const doc = {
    resource: {
      azurerm_storage_account: { sa: { name: 's', resource_group_name: 'rg', location: 'x', account_tier: 'Standard', account_replication_type: 'LRS', immutability_policy: { state: 'Locked', period_since_creation_in_days: 30, allow_protected_append_writes: false } } },
      azurerm_log_analytics_workspace: { law: { name: 'w', location: 'x', resource_group_name: 'rg', retention_in_days: 365 } },
      azurerm_monitor_diagnostic_setting: {
        activity: {
          name: 'a',
          target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
          storage_account_id: '${azurerm_storage_account.sa.id}',
          log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}',
          enabled_log: ['Administrative', 'Security', 'Policy', 'Alert', 'Recommendation', 'ServiceHealth', 'ResourceHealth', 'Autoscale'].map((category) => ({ category })),
        },
      },
    },
  };
  const r = reportOf(doc, 'azure/main.tf.json');

  test('the cell gives the account\'s 30 d and the workspace\'s 365 d apart, and carries the findings on the account', () => {
    const cell = cellOf(r, 'control-plane-audit', 'azure');
    expect([cell.immutable, cell.retentionDays, cell.lockedIn]).toEqual([true, 30, ['azurerm_storage_account.sa']]);
    expect(cell.mutableRetention).toEqual({ days: 365, store: 'azurerm_log_analytics_workspace.law' });
    expect(cell.findings).toEqual(expect.arrayContaining(['AZURE.Storage.DeleteLock@azure/main.tf.json#azurerm_storage_account.sa']));
    expect(markdownCell(r, 'Control-plane audit', 3)).toContain('immutable copy kept 30 d in azurerm_storage_account.sa');
  });
});

describe('Azure: the evidence account\'s declared container locked, its account policy Unlocked, the Activity Log landing in a container only that policy covers', () => {
  const doc = {
    resource: {
      azurerm_storage_account: { sa: { name: 's', resource_group_name: 'rg', location: 'x', account_tier: 'Standard', account_replication_type: 'LRS', immutability_policy: { state: 'Unlocked', period_since_creation_in_days: 365, allow_protected_append_writes: false } } },
      azurerm_storage_container: { c: { name: 'evidence', storage_account_id: '${azurerm_storage_account.sa.id}' } },
      azurerm_storage_container_immutability_policy: { p: { storage_container_resource_manager_id: '${azurerm_storage_container.c.resource_manager_id}', immutability_period_in_days: 365, locked: true } },
      azurerm_monitor_diagnostic_setting: {
        activity: {
          name: 'a',
          target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
          storage_account_id: '${azurerm_storage_account.sa.id}',
          enabled_log: ['Administrative', 'Security', 'Policy', 'Alert', 'Recommendation', 'ServiceHealth', 'ResourceHealth', 'Autoscale'].map((category) => ({ category })),
        },
      },
    },
  };
  const r = reportOf(doc, 'azure/main.tf.json');

  test('AZURE.Storage.ImmutabilityLocked disputes the lock: no cell says immutable, each says the lock is not confirmed', () => {
    expect(r.result.findings.find((f) => f.ruleId === 'AZURE.Storage.ImmutabilityLocked')?.verdict).toBe('NON_COMPLIANT');
    for (const source of ['control-plane-audit', 'evidence-immutability']) {
      const cell = cellOf(r, source, 'azure');
      expect([cell.status, cell.immutable, cell.immutability, cell.retentionDays, cell.lockedIn]).toEqual(['weakened', false, 'unknown', null, []]);
      expect(cell.disputedIn).toEqual(['azurerm_storage_account.sa']);
      expect(cell.storedIn.find((s) => s.address === 'azurerm_storage_account.sa')?.immutability).toBe('unknown');
    }
    const md = markdownCell(r, 'Control-plane audit', 3);
    expect(md).toContain('lock disputed by a finding in azurerm_storage_account.sa');
    expect(md).not.toMatch(/immutable copy|, immutable/);
    const html = htmlRow(r, 'Control-plane audit');
    expect(html).not.toMatch(/Immutable copy|\(locked,/);
  });
});

describe('GCP and Azure: a lock whose retention is a variable', () => {
  test('GCP: the sink\'s bucket retention_period from a variable: the control-plane audit cell says unknown and carries GCP.Storage.RetentionLocked UNKNOWN', () => {
    const r = reportOf({
      variable: { days: { type: 'number' } },
      resource: {
        google_storage_bucket: { locked: { name: 'ev', location: 'EU', retention_policy: { is_locked: true, retention_period: '${var.days}' } } },
        google_logging_project_sink: { to_storage: { name: 's1', destination: 'storage.googleapis.com/${google_storage_bucket.locked.name}', filter: '' } },
      },
    }, 'gcp/main.tf.json');
    const cell = cellOf(r, 'control-plane-audit', 'gcp');
    expect([cell.status, cell.immutable, cell.immutability, cell.retentionDays, cell.unknownIn]).toEqual(['weakened', false, 'unknown', null, ['google_storage_bucket.locked']]);
    expect(cell.findings).toContain('GCP.Storage.RetentionLocked@gcp/main.tf.json#google_storage_bucket.locked');
    expect(markdownCell(r, 'Control-plane audit', 2)).toContain('lock or retention unknown in google_storage_bucket.locked');
  });

  test('Azure: the account policy\'s period from a variable: the control-plane audit cell says unknown and carries the lock findings on the account', () => {
    const r = reportOf({
      variable: { days: { type: 'number' } },
      resource: {
        azurerm_storage_account: { sa: { name: 's', resource_group_name: 'rg', location: 'x', account_tier: 'Standard', account_replication_type: 'LRS', immutability_policy: { state: 'Locked', period_since_creation_in_days: '${var.days}', allow_protected_append_writes: false } } },
        azurerm_monitor_diagnostic_setting: {
          activity: {
            name: 'a',
            target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
            storage_account_id: '${azurerm_storage_account.sa.id}',
            enabled_log: ['Administrative', 'Security', 'Policy', 'Alert', 'Recommendation', 'ServiceHealth', 'ResourceHealth', 'Autoscale'].map((category) => ({ category })),
          },
        },
      },
    }, 'azure/main.tf.json');
    const cell = cellOf(r, 'control-plane-audit', 'azure');
    expect([cell.status, cell.immutable, cell.immutability, cell.retentionDays]).toEqual(['weakened', false, 'unknown', null]);
    const lock = r.result.findings.filter((f) => f.address === 'azurerm_storage_account.sa' && /Immutability(Policy|Locked)/.test(f.ruleId));
    expect(lock.length).toBeGreaterThan(0);
    expect(cell.findings).toEqual(expect.arrayContaining(lock.map((f) => `${f.ruleId}@${f.file}#${f.address}`)));
    expect(markdownCell(r, 'Control-plane audit', 3)).toMatch(/lock or retention unknown in azurerm_storage_account\.sa|lock disputed by a finding in azurerm_storage_account\.sa/);
  });
});

describe('Azure: a workspace kept 90 days whose AzureActivity table keeps 4', () => {
  const doc = {
    resource: {
      azurerm_log_analytics_workspace: { law: { name: 'w', location: 'x', resource_group_name: 'rg', retention_in_days: 90 } },
      azurerm_log_analytics_workspace_table: { activity: { name: 'AzureActivity', workspace_id: '${azurerm_log_analytics_workspace.law.id}', retention_in_days: 4, total_retention_in_days: 365 } },
      azurerm_monitor_diagnostic_setting: {
        activity: {
          name: 'a',
          target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
          log_analytics_workspace_id: '${azurerm_log_analytics_workspace.law.id}',
          enabled_log: ['Administrative', 'Security', 'Policy', 'Alert', 'Recommendation', 'ServiceHealth', 'ResourceHealth', 'Autoscale'].map((category) => ({ category })),
        },
      },
    },
  };
  const r = reportOf(doc, 'azure/main.tf.json');

  test('the cell states the table\'s 4 d, not the workspace\'s 90 d, and carries the table\'s finding', () => {
    const cell = cellOf(r, 'control-plane-audit', 'azure');
    expect(cell.mutableRetention).toEqual({ days: 4, store: 'azurerm_log_analytics_workspace.law' });
    expect(cell.findings).toContain('AZURE.LogAnalytics.Retention@azure/main.tf.json#azurerm_log_analytics_workspace_table.activity');
  });
});

