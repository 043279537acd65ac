import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { MonitorAadDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-aad-diagnostic-setting';
import { PropKeys, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { announces, AZURE_NAMES, categoryList, evidenceStore, logAnalyticsWorkspace, optionalAzureName } from './azure-props';
import { evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, resourceLogContainer } from './common';

/** Every Entra ID diagnostic-setting category the kit knows: one definition, in constructs/core/catalogs.ts. */
export { ENTRA_ID_LOG_CATEGORIES, type EntraIdLogCategory } from '../core/catalogs';
import { ENTRA_ID_LOG_CATEGORIES, type EntraIdLogCategory } from '../core/catalogs';

/** Global Secure Access categories: only a tenant that uses it has records in them. */
const GLOBAL_SECURE_ACCESS_CATEGORIES: readonly EntraIdLogCategory[] = ['NetworkAccessTrafficLogs', 'EnrichedOffice365AuditLogs', 'RemoteNetworkHealthLogs'];

/**
 * The categories exported by default: every sign-in (user, non-interactive, service principal,
 * managed identity, AD FS), the directory audit trail, provisioning, ID Protection risk and
 * Microsoft Graph activity. The Global Secure Access categories are left to those who use it.
 */
export const ENTRA_ID_DEFAULT_CATEGORIES: readonly EntraIdLogCategory[] = ENTRA_ID_LOG_CATEGORIES.filter((c) => !GLOBAL_SECURE_ACCESS_CATEGORIES.includes(c));

/** The props of EntraIdLogs: the store and workspace the tenant's Entra ID logs are exported into, and the categories. */
export interface EntraIdLogsProps {
  /** The immutable store that keeps the evidence (an IEvidenceStore; an id string is refused). */
  readonly destination: IEvidenceStore;
  /** The workspace that receives the same records for querying. @default - none: storage only, and synth warns */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** Categories exported (a non-empty list without repeats); leaving out a default one warns. @default - ENTRA_ID_DEFAULT_CATEGORIES */
  readonly categories?: EntraIdLogCategory[];
  /** Name of the tenant diagnostic setting (1 to 260 characters, none of `< > * % & : \ ? + /`). @default - 'forensic-readiness-entra-id' */
  readonly settingName?: string;
}

/** The props EntraIdLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const ENTRA_ID_LOGS_PROPS_KEYS = { destination: true, workspace: true, categories: true, settingName: true } as const satisfies PropKeys<EntraIdLogsProps>;

/**
 * The tenant's Entra ID sign-in and audit logs, exported by the tenant diagnostic setting
 * (`azurerm_monitor_aad_diagnostic_setting`) into EvidenceStorage and Log Analytics.
 *
 * Honest limits:
 * - Who deploys it: the setting lives at tenant scope (microsoft.aadiam). The provider documents
 *   that this API does not support service principal authentication: deploy with Azure CLI
 *   authentication as a user who is Security Administrator (or Global Administrator) of the
 *   tenant. A pipeline principal with only subscription rights cannot create it.
 * - Licences: sign-in logs are exported only with Entra ID P1 or P2; the risk categories
 *   (RiskyUsers, UserRiskEvents, RiskyServicePrincipals, ServicePrincipalRiskEvents) come from ID
 *   Protection (P2, workload identities premium for service principals). A category the tenant is
 *   not licensed for stays empty.
 * - Azure keeps these logs for 7 to 30 days only; the export is the evidence.
 */
export class EntraIdLogs extends Construct {
  /** The tenant diagnostic setting that exports the logs. */
  public readonly setting: MonitorAadDiagnosticSetting;
  /** The categories exported: ENTRA_ID_DEFAULT_CATEGORIES, or those given. */
  public readonly categories: readonly EntraIdLogCategory[];

  constructor(scope: Construct, id: string, props: EntraIdLogsProps) {
    super(scope, id);
    const where = `EntraIdLogs ${this.node.path}`;
    const check = propCheck(this);
    props = check.props<EntraIdLogsProps>('props', props, ENTRA_ID_LOGS_PROPS_KEYS, 'an EntraIdLogsProps object');
    const destination = evidenceStore(check, 'destination', props.destination, { scope: this, where });
    const workspace = logAnalyticsWorkspace(check, 'workspace', props.workspace);
    const categories = categoryList(check, 'categories', props.categories, ENTRA_ID_LOG_CATEGORIES, ENTRA_ID_DEFAULT_CATEGORIES);
    const settingName = optionalAzureName(check, 'settingName', props.settingName, AZURE_NAMES.diagnosticSetting) ?? 'forensic-readiness-entra-id';
    this.categories = categories;

    this.setting = new MonitorAadDiagnosticSetting(this, 'Resource', {
      name: settingName,
      storageAccountId: destination.storageAccountId,
      ...(workspace ? { logAnalyticsWorkspaceId: workspace.workspaceResourceId } : {}),
      enabledLog: categories.map((category) => ({ category })),
      dependsOn: evidenceContainers(destination, categories.map(resourceLogContainer)),
    });

    Annotations.of(this).addInfo(
      `${where}: deploy with Azure CLI authentication as a Security Administrator or Global Administrator of the tenant; the Entra ID diagnostic-setting API refuses service principals. Sign-in categories need Entra ID P1/P2.`,
    );
    const missing = ENTRA_ID_DEFAULT_CATEGORIES.filter((c) => !categories.includes(c));
    if (missing.length > 0) {
      kitWarning(this, WARNINGS.AUDIT_EXEMPTION, `${where}: Entra ID categories not exported: ${missing.join(', ')}.` + announces('AZURE.Monitor.EntraSignInLogs'));
    }
    if (!workspace) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no Log Analytics workspace; sign-in logs are kept in storage only and cannot be queried in place.`);
    }
  }
}
