import { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { SentinelLogAnalyticsWorkspaceOnboarding } from '@cdktf/provider-azurerm/lib/sentinel-log-analytics-workspace-onboarding';
import { ForensicValidationError, isUnresolved, requirePattern, Retention, RETENTION_BOUNDS, validateRetention, WARNINGS } from '../core';
import { azureTags, ILogAnalyticsWorkspace, kitWarning } from './common';

/** The kit's floor for interactive (queryable) retention: 90 days, what Sentinel includes at no charge. */
export const INTERACTIVE_RETENTION_FLOOR_DAYS = 90;

/** Total retention values the table API accepts above 730 days (azurerm `total_retention_in_days`). */
export const TOTAL_RETENTION_LONG_VALUES = [1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383] as const;

/**
 * The tables the kit's writers fill, kept for the total retention. Each exists in every workspace
 * (Azure tables are predefined); the table resource only changes their retention.
 */
export const EVIDENCE_TABLES = [
  'AzureActivity',
  'SigninLogs',
  'AADNonInteractiveUserSignInLogs',
  'AADServicePrincipalSignInLogs',
  'AADManagedIdentitySignInLogs',
  'AuditLogs',
  'StorageBlobLogs',
  'NTANetAnalytics',
  'AmlComputeJobEvent',
  'AmlOnlineEndpointTrafficLog',
] as const;

/** The props of LogAnalytics: the workspace's name and place, its interactive retention, the tables kept for the total retention, and Sentinel. */
export interface LogAnalyticsProps {
  /** Resource group that holds the workspace. */
  readonly resourceGroupName: string;
  /** Azure region. */
  readonly location: string;
  /** Workspace name: 4 to 63 letters, digits and hyphens. */
  readonly workspaceName: string;
  /** Interactive (queryable) retention of the workspace. @default - 90 days */
  readonly retention?: Retention;
  /**
   * Total retention (interactive plus long-term) of the evidence tables. azurerm 4.x has no
   * workspace-wide total retention; it is set per table. @default - 365 days
   */
  readonly totalRetention?: Retention;
  /** Tables to keep for the total retention. @default - EVIDENCE_TABLES */
  readonly tables?: string[];
  /** Onboard Microsoft Sentinel on the workspace (billed per GB). @default - false */
  readonly sentinelEnabled?: boolean;
  /** Tags added to every resource. @default - the kit's evidence tags only */
  readonly tags?: Record<string, string>;
}

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
    requirePattern('workspaceName', props.workspaceName, /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/, '4 to 63 letters, digits and hyphens, not starting or ending with a hyphen', where);
    const retention = props.retention ?? Retention.days(INTERACTIVE_RETENTION_FLOOR_DAYS);
    validateRetention('retention', retention, RETENTION_BOUNDS.logAnalyticsInteractive, where);
    const total = props.totalRetention ?? Retention.default();
    validateRetention('totalRetention', total, RETENTION_BOUNDS.logAnalyticsTotal, where);
    if (!isUnresolved(total.days)) {
      if (total.days > 730 && !(TOTAL_RETENTION_LONG_VALUES as readonly number[]).includes(total.days)) {
        throw new ForensicValidationError('totalRetention', `${total.days} days`, `4 to 730 days or one of ${TOTAL_RETENTION_LONG_VALUES.join(', ')} days (Log Analytics table total retention)`, where);
      }
      if (!isUnresolved(retention.days) && total.days < retention.days) {
        throw new ForensicValidationError('totalRetention', `${total.days} days`, `at least the interactive retention (${retention.days} days)`, where);
      }
    }
    const tables = props.tables ?? [...EVIDENCE_TABLES];
    for (const t of tables) requirePattern('tables', t, /^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'a Log Analytics table name', where);
    if (new Set(tables).size !== tables.length) throw new ForensicValidationError('tables', tables, 'a list without duplicates', where);
    this.retention = retention;
    this.totalRetention = total;
    this.location = props.location;

    this.workspace = new LogAnalyticsWorkspace(this, 'Resource', {
      name: props.workspaceName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'PerGB2018',
      retentionInDays: retention.days,
      // Entra ID only: shared workspace keys would let anyone holding one write forged records.
      localAuthenticationEnabled: false,
      tags: azureTags('control-plane-audit', true, props.tags),
      lifecycle: { preventDestroy: true },
    });
    this.workspaceResourceId = this.workspace.id;
    this.workspaceGuid = this.workspace.workspaceId;

    for (const name of tables) {
      new LogAnalyticsWorkspaceTable(this, `Table-${name}`, {
        name,
        workspaceId: this.workspace.id,
        plan: 'Analytics',
        retentionInDays: retention.days,
        totalRetentionInDays: total.days,
      });
    }

    if (props.sentinelEnabled) {
      this.sentinel = new SentinelLogAnalyticsWorkspaceOnboarding(this, 'Sentinel', { workspaceId: this.workspace.id });
    }

    if (retention.days < INTERACTIVE_RETENTION_FLOOR_DAYS) {
      kitWarning(this, WARNINGS.SHORT_RETENTION, `${where}: interactive retention ${retention.days} days is below the kit's floor of ${INTERACTIVE_RETENTION_FLOOR_DAYS} days.`);
    }
    if (total.days < 365) {
      kitWarning(this, WARNINGS.SHORT_RETENTION, `${where}: total retention ${total.days} days is below the kit's floor of 365 days.`);
    }
  }
}
