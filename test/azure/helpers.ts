/**
 * Test helpers for the Azure constructs: synthesize one stack with cdktf's Testing helpers, read
 * its resources by Terraform type, and collect the kit's warnings from the construct tree.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';

export interface Synthesized {
  readonly app: App;
  readonly stack: TerraformStack;
  /** The synthesized Terraform JSON as text (for Testing.toHaveResourceWithProperties). */
  readonly text: string;
  readonly json: { resource?: Record<string, Record<string, any>>; provider?: Record<string, any[]> };
}

/** Builds constructs in a fresh stack and synthesizes it. */
export function synth(build: (stack: TerraformStack) => void, context: Record<string, unknown> = {}): Synthesized {
  const app = Testing.app({ context });
  const stack = new TerraformStack(app, 'test');
  build(stack);
  const text = Testing.synth(stack);
  return { app, stack, text, json: JSON.parse(text) };
}

/** Every resource body of a Terraform type, in address order. */
export function resources(s: Synthesized, type: string): Record<string, any>[] {
  return Object.values(s.json.resource?.[type] ?? {});
}

/** The only resource of a type; fails when there is not exactly one. */
export function only(s: Synthesized, type: string): Record<string, any> {
  const all = resources(s, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The addresses (`type.name`) of a type. */
export function addresses(s: Synthesized, type: string): string[] {
  return Object.keys(s.json.resource?.[type] ?? {}).map((name) => `${type}.${name}`);
}

/** The warning every writer given EXTERNAL_STORE raises (asserted in existing-store.test.ts). */
export const EXISTING_STORE_WARNING = /: destination is an existing storage account \(/;

/**
 * Warnings (or infos) raised below a scope, as `[id] message` texts; besides the existing-account
 * warning of EXTERNAL_STORE, which the tests of each writer's own choices leave out.
 */
export function messages(scope: IConstruct, level: 'warn' | 'info' = 'warn'): string[] {
  const type = level === 'warn' ? '@cdktf/warn' : '@cdktf/info';
  return allMessages(scope, type).filter((m) => !EXISTING_STORE_WARNING.test(m));
}

/** Every warning or info below a scope, the existing-account warning too. */
export function allMessages(scope: IConstruct, type: '@cdktf/warn' | '@cdktf/info' = '@cdktf/warn'): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => String(m.data)));
}

/** The kit warning ids raised below a scope. */
export function warningIds(scope: IConstruct): string[] {
  return messages(scope).map((m) => /^\[([^\]]+)\]/.exec(m)?.[1] ?? m);
}

export const SUB = '11111111-2222-3333-4444-555555555555';
export const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg`;
export const STORAGE_ID = `${RG_ID}/providers/Microsoft.Storage/storageAccounts/trainingdata`;
/** The props of a HardenedMlWorkspace over the ids above: the least a workspace needs. */
export const ML_WORKSPACE_PROPS = {
  workspaceName: 'ml-ws',
  resourceGroupName: 'rg',
  location: 'westeurope',
  applicationInsightsId: `${RG_ID}/providers/Microsoft.Insights/components/ai`,
  keyVaultId: `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv`,
  storageAccountId: STORAGE_ID,
} as const;
export const VNET_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet`;
export const ML_ID = `${RG_ID}/providers/Microsoft.MachineLearningServices/workspaces/ml`;
export const ENDPOINT_ID = `${ML_ID}/onlineEndpoints/scoring`;
export const REGISTRY_ID = `${RG_ID}/providers/Microsoft.MachineLearningServices/registries/models`;

/** A plain evidence store (an existing account, no container management). */
export const EXTERNAL_STORE = { storageAccountId: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/evidence`, location: 'westeurope' };
/** A plain workspace reference. */
export const EXTERNAL_WORKSPACE = {
  workspaceResourceId: `${RG_ID}/providers/Microsoft.OperationalInsights/workspaces/law`,
  workspaceGuid: '99999999-8888-7777-6666-555555555555',
  location: 'westeurope',
};
