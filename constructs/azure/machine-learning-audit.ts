import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PropCheck, PropKeys, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { AZURE_NAMES, evidenceStore, logAnalyticsWorkspace, optionalAzureName, resourceId } from './azure-props';
import { evidenceContainers, IEvidenceStore, ILogAnalyticsWorkspace, kitWarning, resourceLogContainer } from './common';

/** Online endpoint log categories (Azure Monitor supported logs for workspaces/onlineEndpoints). */
export const ONLINE_ENDPOINT_LOG_CATEGORIES = ['AmlOnlineEndpointTrafficLog', 'AmlOnlineEndpointConsoleLog', 'AmlOnlineEndpointEventLog'] as const;

/** Registry log categories (Azure Monitor supported logs for registries): who read or wrote which asset version. */
export const REGISTRY_LOG_CATEGORIES = ['RegistryAssetReadEvent', 'RegistryAssetWriteEvent'] as const;

/** The category group that selects every log category of a workspace, present and future. */
export const ALL_LOGS_CATEGORY_GROUP = 'allLogs';

/** The props of MachineLearningAudit: the Azure ML workspace, online endpoints and registries whose logs are exported, the store and Log Analytics workspace they go to, and whether metrics go too. */
export interface MachineLearningAuditProps {
  /** The Azure ML workspace whose logs are exported. */
  readonly machineLearningWorkspaceId: string;
  /** Its online endpoints, by a stable name (the name keeps construct ids stable). @default - none */
  readonly onlineEndpoints?: Record<string, string>;
  /** Azure ML registries, by a stable name. azurerm has no registry resource: pass the resource id. @default - none */
  readonly registries?: Record<string, string>;
  /** The immutable store that keeps the evidence (same region as the workspace; an id string is refused). */
  readonly destination: IEvidenceStore;
  /** The workspace that receives the same records for querying. @default - none: storage only, and synth warns */
  readonly workspace?: ILogAnalyticsWorkspace;
  /** Export AllMetrics of the workspace too; false warns. @default - true */
  readonly metricsEnabled?: boolean;
  /** Name of the diagnostic settings (1 to 260 characters, none of `< > * % & : \ ? + /`). @default - 'forensic-readiness-ml' */
  readonly settingName?: string;
}

/** The props MachineLearningAuditProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const MACHINE_LEARNING_AUDIT_PROPS_KEYS = { machineLearningWorkspaceId: true, onlineEndpoints: true, registries: true, destination: true, workspace: true, metricsEnabled: true, settingName: true } as const satisfies PropKeys<MachineLearningAuditProps>;

/**
 * Diagnostic settings for Azure Machine Learning: every log category of the workspace (the
 * `allLogs` group: jobs and runs, compute, models, datasets, data stores, environments,
 * deployments) with AllMetrics; traffic, console and event logs of online endpoints (who called
 * which deployment, from where, with which result); asset reads and writes of registries.
 *
 * Honest limits: with `allLogs` the set of categories is Azure's, so their containers are created
 * by Azure Monitor and protected by the account-level policy of EvidenceStorage (after phase two);
 * endpoint and registry containers are created locked up front. Traffic logs hold request
 * metadata, not the payloads: capture inputs in the scoring script if they are needed.
 */
export class MachineLearningAudit extends Construct {
  /** The diagnostic setting on the Azure ML workspace: the allLogs group, and AllMetrics unless metricsEnabled is false. */
  public readonly setting: MonitorDiagnosticSetting;
  /** One diagnostic setting per online endpoint, in the order of onlineEndpoints. */
  public readonly endpointSettings: MonitorDiagnosticSetting[] = [];
  /** One diagnostic setting per registry, in the order of registries. */
  public readonly registrySettings: MonitorDiagnosticSetting[] = [];

  constructor(scope: Construct, id: string, props: MachineLearningAuditProps) {
    super(scope, id);
    const where = `MachineLearningAudit ${this.node.path}`;
    const check = propCheck(this);
    props = check.props<MachineLearningAuditProps>('props', props, MACHINE_LEARNING_AUDIT_PROPS_KEYS, 'a MachineLearningAuditProps object');
    const workspaceId = resourceId(check, 'machineLearningWorkspaceId', props.machineLearningWorkspaceId, 'Microsoft.MachineLearningServices/workspaces');
    const endpoints = keyedIds(check, 'onlineEndpoints', props.onlineEndpoints, 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints');
    const registries = keyedIds(check, 'registries', props.registries, 'Microsoft.MachineLearningServices/registries');
    const destination = evidenceStore(check, 'destination', props.destination, { scope: this, where });
    const workspace = logAnalyticsWorkspace(check, 'workspace', props.workspace);
    const metrics = check.bool('metricsEnabled', props.metricsEnabled, true);
    const name = optionalAzureName(check, 'settingName', props.settingName, AZURE_NAMES.diagnosticSetting) ?? 'forensic-readiness-ml';
    const destinations = {
      storageAccountId: destination.storageAccountId,
      ...(workspace ? { logAnalyticsWorkspaceId: workspace.workspaceResourceId } : {}),
    };

    this.setting = new MonitorDiagnosticSetting(this, 'Resource', {
      name,
      targetResourceId: workspaceId,
      ...destinations,
      enabledLog: [{ categoryGroup: ALL_LOGS_CATEGORY_GROUP }],
      ...(metrics ? { enabledMetric: [{ category: 'AllMetrics' }] } : {}),
    });

    for (const [key, endpointId] of endpoints) {
      this.endpointSettings.push(
        new MonitorDiagnosticSetting(this, `Endpoint-${key}`, {
          name,
          targetResourceId: endpointId,
          ...destinations,
          enabledLog: ONLINE_ENDPOINT_LOG_CATEGORIES.map((category) => ({ category })),
          dependsOn: evidenceContainers(destination, ONLINE_ENDPOINT_LOG_CATEGORIES.map(resourceLogContainer)),
        }),
      );
    }
    for (const [key, registryId] of registries) {
      this.registrySettings.push(
        new MonitorDiagnosticSetting(this, `Registry-${key}`, {
          name,
          targetResourceId: registryId,
          ...destinations,
          enabledLog: REGISTRY_LOG_CATEGORIES.map((category) => ({ category })),
          dependsOn: evidenceContainers(destination, REGISTRY_LOG_CATEGORIES.map(resourceLogContainer)),
        }),
      );
    }

    if (!metrics) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: workspace metrics are not exported.`);
    }
    if (!workspace) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no Log Analytics workspace; ML logs are kept in storage only and cannot be queried in place.`);
    }
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

/** A record of stable keys (letters, digits and hyphens: they become construct ids) to resource ids of one type. */
function keyedIds(check: PropCheck, prop: string, value: unknown, type: string): [string, string][] {
  if (value === undefined) return [];
  const record = check.object<Record<string, unknown>>(prop, value, `an object of stable names to ${type} ids`);
  return Object.entries(record).map(([key, id]) => {
    check.string(prop, key, { pattern: KEY, expected: 'keys of 1 to 63 letters, digits and hyphens, beginning with a letter or digit' });
    return [key, resourceId(check, `${prop}.${key}`, id, type)];
  });
}
