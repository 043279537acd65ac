import { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { DEFAULT_RETENTION_DAYS, PropKeys, Retention, RETENTION_BOUNDS, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { announces, AZURE_NAMES, azureName, azureTagsProp, nameList } from './azure-props';
import { azureTags, ILogAnalyticsWorkspace, kitWarning } from './common';

import { AZURE_EVIDENCE_TABLES, INTERACTIVE_RETENTION_FLOOR_DAYS } from '../core/catalogs';
export { INTERACTIVE_RETENTION_FLOOR_DAYS } from '../core/catalogs';

/** The longest total retention the table API accepts day by day; above it only TOTAL_RETENTION_LONG_VALUES. */
export const TOTAL_RETENTION_ANY_DAY_MAX = 730;

/** Total retention values the table API accepts above 730 days (azurerm `total_retention_in_days`). */
export const TOTAL_RETENTION_LONG_VALUES = [1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383] as const;

/**
 * The tables the kit's writers fill, kept for the total retention. Each exists in every workspace
 * (Azure tables are predefined); the table resource only changes their retention.
 */
export const EVIDENCE_TABLES = AZURE_EVIDENCE_TABLES;

/** The props of LogAnalytics: the workspace's name and place, its interactive retention, the tables kept for the total retention, and Sentinel. */
export interface LogAnalyticsProps {
  /** Resource group that holds the workspace. */
  readonly resourceGroupName: string;
  /** Azure region. */
  readonly location: string;
  /** Workspace name: 4 to 63 letters, digits and hyphens. */
  readonly workspaceName: string;
  /** Interactive (queryable) retention of the workspace, 30 to 730 days; below 90 warns. @default - 90 days */
  readonly retention?: Retention;
  /**
   * Total retention (interactive plus long-term) of the evidence tables. azurerm 4.x has no
   * workspace-wide total retention; it is set per table. 30 to 730 days, or one of
   * TOTAL_RETENTION_LONG_VALUES; below 365 warns. @default - 365 days, or the interactive retention when longer
   */
  readonly totalRetention?: Retention;
  /** Tables to keep for the total retention (without repeats); leaving out an evidence table (or `[]`) warns. @default - EVIDENCE_TABLES */
  readonly tables?: string[];
  /** Onboard Microsoft Sentinel on the workspace (billed per GB). @default - false */
  readonly sentinelEnabled?: boolean;
  /** Tags added to every resource. @default - the kit's evidence tags only */
  readonly tags?: Record<string, string>;
}

/** The props LogAnalyticsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const LOG_ANALYTICS_PROPS_KEYS = { resourceGroupName: true, location: true, workspaceName: true, retention: true, totalRetention: true, tables: true, sentinelEnabled: true, tags: true } as const satisfies PropKeys<LogAnalyticsProps>;

/**
 * A Log Analytics workspace for querying evidence: 90 days interactive retention or more, total
 * retention of 365 days on the evidence tables, Entra ID authentication only (no shared keys),
 * optional Sentinel, `prevent_destroy`.
 *
 * Honest limits: Log Analytics is for analysis, not for immutability. A workspace owner can purge
 * data and change retention; the unalterable copy is the one in EvidenceStorage. azurerm 4.55
 * offers total retention only per table (`azurerm_log_analytics_workspace_table`), so tables not
 * listed keep the interactive retention.
 */
export class LogAnalytics extends Construct implements ILogAnalyticsWorkspace {
  /** The Log Analytics workspace (Entra ID authentication only, prevent_destroy). */
  public readonly workspace: LogAnalyticsWorkspace;
  public readonly workspaceResourceId: string;
  public readonly workspaceGuid: string;
  public readonly location: string;
  /** The interactive (queryable) retention of the workspace and of the evidence tables. */
  public readonly retention: Retention;
  /** The total retention (interactive plus long-term) of the evidence tables. */
  public readonly totalRetention: Retention;
  /** The Microsoft Sentinel onboarding; undefined unless sentinelEnabled. */
  public readonly sentinel?: SentinelLogAnalyticsWorkspaceOnboarding;

  constructor(scope: Construct, id: string, props: LogAnalyticsProps) {
    super(scope, id);
    const where = `LogAnalytics ${this.node.path}`;
    const check = propCheck(this);
    props = check.props<LogAnalyticsProps>('props', props, LOG_ANALYTICS_PROPS_KEYS, 'a LogAnalyticsProps object');
    const resourceGroupName = azureName(check, 'resourceGroupName', props.resourceGroupName, AZURE_NAMES.resourceGroup);
    const location = azureName(check, 'location', props.location, AZURE_NAMES.location);
    const workspaceName = azureName(check, 'workspaceName', props.workspaceName, AZURE_NAMES.logAnalyticsWorkspace);
    const retention = check.retention('retention', props.retention, RETENTION_BOUNDS.logAnalyticsInteractive, Retention.days(INTERACTIVE_RETENTION_FLOOR_DAYS));
    // One source for the check and its message: the core bounds, the day-by-day maximum and the long values.
    const totalBounds = RETENTION_BOUNDS.logAnalyticsTotal;
    const long = TOTAL_RETENTION_LONG_VALUES as readonly number[];
    const given = props.totalRetention as unknown;
    if (given instanceof Retention && !check.isToken(given.days)) {
      const d = given.days;
      if (!Number.isInteger(d) || d < totalBounds.minDays || d > totalBounds.maxDays || (d > TOTAL_RETENTION_ANY_DAY_MAX && !long.includes(d))) {
        check.fail('totalRetention', `${d} days`, `${totalBounds.minDays} to ${TOTAL_RETENTION_ANY_DAY_MAX} days or one of ${long.join(', ')} days (${totalBounds.service})`);
      }
    }
    // The default never falls below the interactive retention (a 400-day workspace keeps its tables 400 days).
    const defaultTotal = !check.isToken(retention.days) && retention.days > DEFAULT_RETENTION_DAYS ? retention : Retention.default();
    const total = check.retention('totalRetention', given, totalBounds, defaultTotal);
    if (!check.isToken(total.days)) {
      if (!check.isToken(retention.days) && total.days < retention.days) {
        check.fail('totalRetention', `${total.days} days`, `at least the interactive retention (${retention.days} days)`);
      }
    }
    const tables = nameList(check, 'tables', props.tables, AZURE_NAMES.table, {}, EVIDENCE_TABLES);
    const sentinel = check.bool('sentinelEnabled', props.sentinelEnabled, false);
    const userTags = azureTagsProp(check, 'tags', props.tags);
    this.retention = retention;
    this.totalRetention = total;
    this.location = location;

    this.workspace = new LogAnalyticsWorkspace(this, 'Resource', {
      name: workspaceName,
      resourceGroupName,
      location,
      sku: 'PerGB2018',
      retentionInDays: retention.days,
      // Entra ID only: shared workspace keys would let anyone holding one write forged records.
      localAuthenticationEnabled: false,
      tags: azureTags('control-plane-audit', true, userTags),
      lifecycle: { preventDestroy: true },
    });
    this.workspaceResourceId = this.workspace.id;
    this.workspaceGuid = this.workspace.workspaceId;

    let tokenTables = 0;
    for (const name of tables) {
      // A token name cannot be part of a construct id; it is numbered in list order.
      const suffix = check.isToken(name) ? `token${++tokenTables}` : name;
      new LogAnalyticsWorkspaceTable(this, `Table-${suffix}`, {
        name,
        workspaceId: this.workspace.id,
        plan: 'Analytics',
        retentionInDays: retention.days,
        totalRetentionInDays: total.days,
      });
    }

    if (sentinel) {
      this.sentinel = new SentinelLogAnalyticsWorkspaceOnboarding(this, 'Sentinel', { workspaceId: this.workspace.id });
    }

    if (!check.isToken(retention.days) && retention.days < INTERACTIVE_RETENTION_FLOOR_DAYS) {
      kitWarning(
        this,
        WARNINGS.SHORT_RETENTION,
        `${where}: interactive retention ${retention.days} days is below the kit's floor of ${INTERACTIVE_RETENTION_FLOOR_DAYS} days.` + announces('AZURE.LogAnalytics.Retention'),
      );
    }
    if (!check.isToken(total.days) && total.days < DEFAULT_RETENTION_DAYS) {
      kitWarning(this, WARNINGS.SHORT_RETENTION, `${where}: total retention ${total.days} days is below the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
    const missing = check.isToken(tables) ? [] : EVIDENCE_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0) {
      kitWarning(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}: evidence tables without the total retention (they keep only the interactive ${retention.days} days): ${missing.join(', ')}.`,
      );
    }
  }
}
