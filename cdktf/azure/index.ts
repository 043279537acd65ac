import { App } from 'cdktf';
import { AzureStacksProps, resolveAzureProps } from './config';
import { AzureEntraIdLogsStack } from './entra-id-logs-stack';
import { AzureForensicReadinessStack } from './forensic-readiness-stack';

export * from './config';
export * from './forensic-readiness-stack';
export * from './entra-id-logs-stack';
export * from './ml-workload';

/** Stable stack names: renaming one would move its state. */
export const AZURE_STACK_NAMES = {
  readiness: 'azure-forensic-readiness',
  entraIdLogs: 'azure-entra-id-logs',
} as const;

export interface AzureStacks {
  readonly readiness: AzureForensicReadinessStack;
  readonly entraIdLogs: AzureEntraIdLogsStack;
}

/** The Azure reference stacks of one subscription, added to an app (bin/cdktf.ts calls this). */
export function createAzureStacks(app: App, props?: AzureStacksProps): AzureStacks {
  const resolved = resolveAzureProps(app, props);
  const readiness = new AzureForensicReadinessStack(app, AZURE_STACK_NAMES.readiness, resolved);
  const entraIdLogs = new AzureEntraIdLogsStack(app, AZURE_STACK_NAMES.entraIdLogs, resolved, readiness);
  return { readiness, entraIdLogs };
}
