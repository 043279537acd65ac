/**
 * Kit warnings of the CDKTF constructs are printed on stderr when `app.synth()` runs, so that an
 * app run directly (`npx tsx main.ts`) shows them; the cdktf CLI and jest stay quiet unless asked.
 * The shared logic lives in constructs/cdktf/warnings.ts; this file tests it through the GCP constructs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { acknowledgeKitWarning, Immutability, WARNINGS } from '../../constructs/core';
import { EvidenceBucket, PRINT_WARNINGS_CONTEXT, PRINT_WARNINGS_ENV, shouldPrintKitWarnings } from '../../constructs/gcp';
import { warningsOf } from './helpers';

const base = { bucketName: 'acme-evidence', location: 'us-central1' };

let outdir: string;
let written: string[];
let spy: jest.SpyInstance;
const savedEnv = process.env[PRINT_WARNINGS_ENV];

beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'frk-print-'));
  written = [];
  spy = jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as never);
});

afterEach(() => {
  spy.mockRestore();
  fs.rmSync(outdir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env[PRINT_WARNINGS_ENV];
  else process.env[PRINT_WARNINGS_ENV] = savedEnv;
});

/** A stack with a provider (so that cdktf's own validation passes) in an app of the given context. */
function soakStack(context: Record<string, unknown> = {}): { app: App; stack: TerraformStack } {
  const app = new App({ outdir, context });
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: 'acme-prod' });
  return { app, stack };
}

/** The lines written that are kit warnings. */
const kitLines = () => written.join('').split('\n').filter((l) => l.startsWith('[WARNING] '));

describe('kit warnings printed at synth (CDKTF)', () => {
  test('a construct id holding terminal controls (ESC, CR) is printed escaped: one line, no terminal sequence', () => {
    const { app, stack } = soakStack({ [PRINT_WARNINGS_CONTEXT]: true });
    new EvidenceBucket(stack, 'Evidence\u001b[2J\r', { ...base, immutability: Immutability.SOAK });
    app.synth();
    const lines = kitLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[WARNING\] test\/Evidence\\u001b\[2J\\r: /);
    expect(written.join('')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  test('forced on: each warning is printed once, as one line, at app.synth() and not at construction', () => {
    const { app, stack } = soakStack({ [PRINT_WARNINGS_CONTEXT]: true });
    new EvidenceBucket(stack, 'Evidence', { ...base, immutability: Immutability.SOAK });
    const [message] = warningsOf(stack);
    expect(message).toContain(`[${WARNINGS.SOAK_MODE}]`);
    expect(written).toEqual([]);

    app.synth();
    const line = `[WARNING] test/Evidence: ${message}`;
    expect(written.filter((w) => w === `${line}\n`)).toHaveLength(1);
    expect(kitLines()).toEqual([line]);

    // A second synth of the same app prints nothing again.
    app.synth();
    expect(kitLines()).toEqual([line]);
    // The manifest keeps the annotation for the cdktf CLI.
    expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toContain(WARNINGS.SOAK_MODE);
  });

  test('forced on through the environment variable, set after construction', () => {
    const { app, stack } = soakStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, immutability: Immutability.SOAK });
    process.env[PRINT_WARNINGS_ENV] = '1';
    app.synth();
    expect(kitLines()).toEqual([expect.stringMatching(/^\[WARNING\] test\/Evidence: \[forensic-readiness:soak-immutability\] /)]);
  });

  test('quiet by default under jest', () => {
    const { app, stack } = soakStack();
    new EvidenceBucket(stack, 'Evidence', { ...base, immutability: Immutability.SOAK });
    app.synth();
    expect(kitLines()).toEqual([]);
  });

  test('the context wins over the environment variable', () => {
    process.env[PRINT_WARNINGS_ENV] = 'true';
    const { app, stack } = soakStack({ [PRINT_WARNINGS_CONTEXT]: false });
    new EvidenceBucket(stack, 'Evidence', { ...base, immutability: Immutability.SOAK });
    app.synth();
    expect(kitLines()).toEqual([]);
  });

  test('an acknowledged warning is neither recorded nor printed (the acknowledgement is checked at construction)', () => {
    const { app, stack } = soakStack({ [PRINT_WARNINGS_CONTEXT]: true });
    acknowledgeKitWarning(stack, WARNINGS.SOAK_MODE, 'trial project, torn down after the evaluation week');
    new EvidenceBucket(stack, 'Evidence', { ...base, immutability: Immutability.SOAK });
    app.synth();
    expect(kitLines()).toEqual([]);
  });

  test('a stack without kit warnings prints nothing', () => {
    const { app, stack } = soakStack({ [PRINT_WARNINGS_CONTEXT]: true });
    new EvidenceBucket(stack, 'Evidence', base);
    app.synth();
    expect(kitLines()).toEqual([]);
  });

  test('decides from context, then the environment variable, then the cdktf CLI and jest markers', () => {
    const { stack } = soakStack();
    const { stack: forced } = soakStack({ [PRINT_WARNINGS_CONTEXT]: 'true' });
    expect(shouldPrintKitWarnings(stack, {})).toBe(true);
    // The cdktf CLI runs the app with these two set, and prints the manifest's annotations itself.
    expect(shouldPrintKitWarnings(stack, { CDKTF_OUTDIR: 'cdktf.out', CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' })).toBe(false);
    expect(shouldPrintKitWarnings(stack, { CDKTF_OUTDIR: 'out' })).toBe(true);
    expect(shouldPrintKitWarnings(stack, { JEST_WORKER_ID: '1' })).toBe(false);
    expect(shouldPrintKitWarnings(stack, { JEST_WORKER_ID: '1', [PRINT_WARNINGS_ENV]: '1' })).toBe(true);
    expect(shouldPrintKitWarnings(stack, { [PRINT_WARNINGS_ENV]: 'false' })).toBe(false);
    expect(shouldPrintKitWarnings(forced, { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' })).toBe(true);
  });
});
