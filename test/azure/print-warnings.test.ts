/** The Azure constructs print their kit warnings at synth through the same shared helper as GCP. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Immutability, WARNINGS } from '../../constructs/core';
import { EvidenceStorage, PRINT_WARNINGS_CONTEXT } from '../../constructs/azure';
import { messages } from './helpers';

test('EvidenceStorage in SOAK mode prints each of its warnings once at app.synth()', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-print-az-'));
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as never);
  try {
    const app = new App({ outdir, context: { [PRINT_WARNINGS_CONTEXT]: true } });
    const stack = new TerraformStack(app, 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const store = new EvidenceStorage(stack, 'Evidence', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'evidence01', immutability: Immutability.SOAK });
    const raised = messages(store);
    expect(raised.some((m) => m.includes(`[${WARNINGS.SOAK_MODE}]`))).toBe(true);
    expect(written).toEqual([]);
    app.synth();
    app.synth();
    const lines = written.join('').split('\n').filter((l) => l.startsWith('[WARNING] '));
    // One line per warning raised, each with the path of the construct that raised it.
    const expected = store.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => `[WARNING] ${c.node.path}: ${m.data}`));
    expect(lines).toEqual(expected);
    expect(lines).toContain(`[WARNING] test/Evidence: ${raised.find((m) => m.includes(WARNINGS.SOAK_MODE))}`);
  } finally {
    spy.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
