/**
 * A writer given an existing storage account (`{ storageAccountId, location }`) rather than an
 * EvidenceStorage of the app: nothing in the stacks shows that account immutable, so each writer
 * says so at synth (a kit warning, acknowledgeable like the others); given an EvidenceStorage it
 * does not.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { IConstruct } from 'constructs';
import { WARNINGS } from '../../constructs/core';
import { ActivityLogs, CognitiveAccountAudit, EntraIdLogs, EvidenceStorage, FlowLogs, IEvidenceStore, MachineLearningAudit, StorageAccessLogs } from '../../constructs/azure';
import { allMessages, EXISTING_STORE_WARNING, EXTERNAL_STORE, EXTERNAL_WORKSPACE, ML_ID, RG_ID, STORAGE_ID, SUB, synth, VNET_ID } from './helpers';

const WRITERS: readonly [string, (stack: TerraformStack, destination: IEvidenceStore) => IConstruct][] = [
  ['ActivityLogs', (s, destination) => new ActivityLogs(s, 'W', { subscriptionId: SUB, destination, workspace: EXTERNAL_WORKSPACE })],
  ['CognitiveAccountAudit', (s, destination) => new CognitiveAccountAudit(s, 'W', { cognitiveAccountId: `${RG_ID}/providers/Microsoft.CognitiveServices/accounts/ai`, destination, workspace: EXTERNAL_WORKSPACE })],
  ['EntraIdLogs', (s, destination) => new EntraIdLogs(s, 'W', { destination, workspace: EXTERNAL_WORKSPACE })],
  ['FlowLogs', (s, destination) => new FlowLogs(s, 'W', { virtualNetworkId: VNET_ID, location: 'westeurope', destination, workspace: EXTERNAL_WORKSPACE })],
  ['MachineLearningAudit', (s, destination) => new MachineLearningAudit(s, 'W', { machineLearningWorkspaceId: ML_ID, destination, workspace: EXTERNAL_WORKSPACE })],
  ['StorageAccessLogs', (s, destination) => new StorageAccessLogs(s, 'W', { storageAccountId: STORAGE_ID, destination, workspace: EXTERNAL_WORKSPACE })],
];

describe.each(WRITERS)('%s', (name, make) => {
  test('an existing storage account: one warning naming the writer, the account and what is not shown', () => {
    let writer: IConstruct | undefined;
    synth((stack) => void (writer = make(stack, EXTERNAL_STORE)));
    const warned = allMessages(writer!).filter((m) => EXISTING_STORE_WARNING.test(m));
    expect(warned).toEqual([
      `[${WARNINGS.WEAKENED_DEFAULT}] ${name} test/W: destination is an existing storage account (${EXTERNAL_STORE.storageAccountId}), not an EvidenceStorage of this app: nothing in the stacks shows that it keeps an immutable copy (a locked time-based retention of at least 365 days); check it where it is defined, and check that template too.`,
    ]);
  });

  test('an existing storage account by a token (a variable): the warning says its id is known only at deploy, never the token', () => {
    let writer: IConstruct | undefined;
    synth((stack) => {
      const id = new TerraformVariable(stack, 'evidence_account_id', { type: 'string' });
      writer = make(stack, { storageAccountId: id.stringValue, location: 'westeurope' });
    });
    const warned = allMessages(writer!).filter((m) => EXISTING_STORE_WARNING.test(m));
    expect(warned).toEqual([expect.stringContaining(`${name} test/W: destination is an existing storage account (its id known only at deploy), not an EvidenceStorage of this app`)]);
    expect(warned[0]).not.toMatch(/Token/);
  });

  test('an EvidenceStorage of the app: no such warning', () => {
    let writer: IConstruct | undefined;
    synth((stack) => void (writer = make(stack, new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01' }))));
    expect(allMessages(writer!).filter((m) => EXISTING_STORE_WARNING.test(m))).toEqual([]);
  });
});
