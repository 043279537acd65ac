import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { COGNITIVE_ACCOUNT_LOG_CATEGORIES, COGNITIVE_ACCOUNT_REQUIRED_CATEGORIES, CognitiveAccountLogCategory, PropKeys, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { announces, AZURE_NAMES, categoryList, evidenceStore, logAnalyticsWorkspace, optionalAzureName, resourceId } from './azure-props';
import { evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, resourceLogContainer } from './common';

export { COGNITIVE_ACCOUNT_LOG_CATEGORIES } from '../core/catalogs';
export type { CognitiveAccountLogCategory } from '../core/catalogs';

/** The props of CognitiveAccountAudit: the Azure OpenAI / AI Services account recorded, the store and workspace its logs go to, the categories, and whether metrics go too. */
export interface CognitiveAccountAuditProps {
  /** The Azure OpenAI / AI Services (cognitive) account whose logs are exported: an `azurerm_cognitive_account` id. */
  readonly cognitiveAccountId: string;
  /** The immutable store that keeps the evidence (same region as the account; an id string is refused). */
  readonly destination: IEvidenceStore;
  /** The workspace that receives the same records for querying (the AzureDiagnostics table). @default - none: storage only, and synth warns */
  readonly workspace?: ILogAnalyticsWorkspace;
  /**
   * Categories exported (a non-empty list without repeats). Leaving one out warns; leaving out
   * Audit or RequestResponse also makes AZURE.Monitor.CognitiveAccountDiagnostics fail. An account
   * kind that does not offer AzureOpenAIRequestUsage (neither OpenAI nor AIServices) needs it left out.
   * @default - Audit, RequestResponse, Trace and AzureOpenAIRequestUsage
   */
  readonly categories?: CognitiveAccountLogCategory[];
  /** Export AllMetrics too; false warns. @default - true */
  readonly metricsEnabled?: boolean;
  /** Name of the diagnostic setting (1 to 260 characters, none of `< > * % & : \ ? + /`). @default - 'forensic-readiness-ai-services' */
  readonly settingName?: string;
}

/** The props CognitiveAccountAuditProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const COGNITIVE_ACCOUNT_AUDIT_PROPS_KEYS = { cognitiveAccountId: true, destination: true, workspace: true, categories: true, metricsEnabled: true, settingName: true } as const satisfies PropKeys<CognitiveAccountAuditProps>;

/**
 * Diagnostic settings for an Azure OpenAI / AI Services (cognitive) account: Audit, RequestResponse
 * (each inference call: operation, caller IP, result, duration), Trace and AzureOpenAIRequestUsage
 * (token usage per call), with AllMetrics, into EvidenceStorage (containers created locked first)
 * and Log Analytics, where they land in AzureDiagnostics.
 *
 * Honest limits: these logs record calls, not prompts or completions; keep those in the calling
 * application (or an API Management gateway's LLM logs) if they are needed. Calls made with an
 * account key carry no identity: pair this with `local_auth_enabled = false` on the account
 * (AZURE.CognitiveServices.LocalAuthDisabled).
 */
export class CognitiveAccountAudit extends Construct {
  /** The diagnostic setting on the account. */
  public readonly setting: MonitorDiagnosticSetting;
  /** The categories exported: every one, or those given. */
  public readonly categories: readonly CognitiveAccountLogCategory[];

  constructor(scope: Construct, id: string, props: CognitiveAccountAuditProps) {
    super(scope, id);
    const where = `CognitiveAccountAudit ${this.node.path}`;
    const check = propCheck(this);
    props = check.props<CognitiveAccountAuditProps>('props', props, COGNITIVE_ACCOUNT_AUDIT_PROPS_KEYS, 'a CognitiveAccountAuditProps object');
    const accountId = resourceId(check, 'cognitiveAccountId', props.cognitiveAccountId, 'Microsoft.CognitiveServices/accounts');
    const destination = evidenceStore(check, 'destination', props.destination, { scope: this, where });
    const workspace = logAnalyticsWorkspace(check, 'workspace', props.workspace);
    const categories = categoryList(check, 'categories', props.categories, COGNITIVE_ACCOUNT_LOG_CATEGORIES, COGNITIVE_ACCOUNT_LOG_CATEGORIES);
    const metrics = check.bool('metricsEnabled', props.metricsEnabled, true);
    const name = optionalAzureName(check, 'settingName', props.settingName, AZURE_NAMES.diagnosticSetting) ?? 'forensic-readiness-ai-services';
    this.categories = categories;

    this.setting = new MonitorDiagnosticSetting(this, 'Resource', {
      name,
      targetResourceId: accountId,
      storageAccountId: destination.storageAccountId,
      ...(workspace ? { logAnalyticsWorkspaceId: workspace.workspaceResourceId } : {}),
      enabledLog: categories.map((category) => ({ category })),
      ...(metrics ? { enabledMetric: [{ category: 'AllMetrics' }] } : {}),
      dependsOn: evidenceContainers(destination, categories.map(resourceLogContainer)),
    });

    const missing = COGNITIVE_ACCOUNT_LOG_CATEGORIES.filter((c) => !categories.includes(c));
    if (missing.length > 0) {
      const required = missing.some((c) => (COGNITIVE_ACCOUNT_REQUIRED_CATEGORIES as readonly string[]).includes(c));
      kitWarning(
        this,
        WARNINGS.WEAKENED_DEFAULT,
        `${where}: AI Services log categories not exported: ${missing.join(', ')}.` + (required ? announces('AZURE.Monitor.CognitiveAccountDiagnostics') : ''),
      );
    }
    if (!metrics) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: account metrics are not exported (a burst of calls or tokens is not kept).`);
    }
    if (!workspace) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no Log Analytics workspace; AI Services logs are kept in storage only and cannot be queried in place.`);
    }
  }
}
