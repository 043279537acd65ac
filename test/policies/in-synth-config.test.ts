import * as fs from 'fs';
import * as path from 'path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { App as TfApp, TerraformStack, Testing } from 'cdktf';
import { ForensicReadinessChecks } from '../../policies/adapters/aws';
import { addForensicReadinessChecks } from '../../policies/adapters/cdktf';
import { loadConfigFile } from '../../policies/engine/config';
import { RuleConfig } from '../../policies/engine/types';
import { S3ObjectLockCompliance } from '../../policies/rules/aws/S3ObjectLockCompliance';
import { StorageRetentionLocked } from '../../policies/rules/gcp/StorageRetentionLocked';
import { pluginLog, scratchRoot } from './plugin-harness';

/** The in-synth checks take the CLI's thresholds and refuse what the CLI refuses, with its messages. */
const tmpRoot = scratchRoot('fr-insynth-config-');

/** What the plugin logged beside CDK's report (acknowledged findings, internal failures). */
const { lines: logged, log } = pluginLog();

const LOCK_30_DAYS = { tags: [{ key: 'forensic-evidence-store', value: 'true' }], objectLockEnabled: true, objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', days: 30 } } } };

/** A stack with an evidence bucket (tagged as one) locked 30 days. */
function cdkStack(): Stack {
  const stack = new Stack(new App({ outdir: fs.mkdtempSync(path.join(tmpRoot, 'cdk-')) }), 'Evidence');
  new CfnBucket(stack, 'Short', LOCK_30_DAYS);
  return stack;
}

function tfSynth(config: unknown): void {
  const app = Testing.app() as TfApp;
  const stack = new TerraformStack(app, 'gcp');
  new GoogleProvider(stack, 'google', { project: 'evidence-project' });
  addForensicReadinessChecks(stack, { rules: [StorageRetentionLocked], config: config as Partial<RuleConfig>, log });
  new StorageBucket(stack, 'Short', { name: 'short', location: 'EU', labels: { 'forensic-evidence-store': 'true' }, retentionPolicy: { retentionPeriod: 30 * 86_400, isLocked: true } });
  app.synth();
}

const REFUSED: readonly [string, unknown, string][] = [
  ['NaN (a floor read from an unset variable)', NaN, 'config: retentionFloorDays must be an integer from 1 to 36500, got NaN'],
  ['null', null, 'config: retentionFloorDays must be a number, got null'],
  ['-1', -1, 'config: retentionFloorDays must be an integer from 1 to 36500, got -1'],
  ['0', 0, 'config: retentionFloorDays must be an integer from 1 to 36500, got 0'],
  ['1.5', 1.5, 'config: retentionFloorDays must be an integer from 1 to 36500, got 1.5'],
  ['"abc"', 'abc', 'config: retentionFloorDays must be a number, got a string "abc"'],
  ['"365" (a string)', '365', 'config: retentionFloorDays must be a number, got a string "365"'],
  ['Infinity', Infinity, 'config: retentionFloorDays must be an integer from 1 to 36500, got Infinity (a number out of range)'],
];

describe('the config of the in-synth checks', () => {
  test.each(REFUSED)('CDK validateScope refuses retentionFloorDays %s with one line naming it', (_, value, message) => {
    const pack = new ForensicReadinessChecks(undefined, { rules: [S3ObjectLockCompliance], config: { retentionFloorDays: value as number }, log });
    expect(() => pack.validateScope(cdkStack())).toThrow(new Error(message));
  });

  test.each(REFUSED)('the CDK plugin fails synth on retentionFloorDays %s (ChecksDidNotRun), the line on stderr', (_, value, message) => {
    const stack = cdkStack();
    const app = stack.node.root as App;
    Validations.of(app).addPlugins(new ForensicReadinessChecks(app, { rules: [S3ObjectLockCompliance], config: { retentionFloorDays: value as number }, log }));
    const before = process.exitCode;
    try {
      expect(() => app.synth()).toThrow(/ForensicReadiness\.ChecksDidNotRun/);
    } finally {
      process.exitCode = before;
    }
    expect(logged).toEqual([`forensic-readiness: the checks could not run, so synth fails (fail closed): ${message}`]);
  });

  test.each(REFUSED)('the CDKTF check fails app.synth() on retentionFloorDays %s, naming it', (_, value, message) => {
    expect(() => tfSynth({ retentionFloorDays: value })).toThrow(`[gcp] forensic-readiness: the checks could not run, so synth fails (fail closed): ${message}`);
    expect(logged).toEqual([`forensic-readiness: the checks could not run, so synth fails (fail closed): ${message}`]);
  });

  test('refuses every threshold out of its range, an unknown key and a config that is not an object', () => {
    const judge = (config: unknown) => () => new ForensicReadinessChecks(undefined, { rules: [S3ObjectLockCompliance], config: config as Partial<RuleConfig>, log }).validateScope(cdkStack());
    expect(judge({ fullSamplingPercentage: 101 })).toThrow(new Error('config: fullSamplingPercentage must be a number from 1 to 100, got 101'));
    expect(judge({ interactiveRetentionFloorDays: 0 })).toThrow(new Error('config: interactiveRetentionFloorDays must be an integer from 1 to 36500, got 0'));
    expect(judge({ retentionFloor: 365 })).toThrow(new Error('config: unknown config key "retentionFloor" (known: retentionFloorDays, interactiveRetentionFloorDays, fullSamplingPercentage, context, allowEmpty)'));
    expect(judge(365)).toThrow(new Error('config must be an object of thresholds, got 365'));
  });

  test('the messages are the CLI\'s: a config file with the same bad value gets the same line', () => {
    const file = path.join(tmpRoot, 'nan.yaml');
    fs.writeFileSync(file, 'retentionFloorDays: .nan\n');
    expect(() => loadConfigFile(file, 'nan.yaml')).toThrow(new Error('nan.yaml: retentionFloorDays must be an integer from 1 to 36500, got NaN'));
  });

  test('a valid threshold is used: a floor of 30 days passes the 30-day lock, a floor of 400 fails it', () => {
    const judge = (retentionFloorDays: number) => new ForensicReadinessChecks(undefined, { rules: [S3ObjectLockCompliance], config: { retentionFloorDays }, log }).validateScope(cdkStack());
    expect(judge(30).success).toBe(true);
    expect(judge(400).violations.map((v) => v.ruleName)).toEqual(['AWS.S3.ObjectLockCompliance']);
  });

  test('a threshold weaker than its default warns once at synth, naming the option, its value and the default; a stricter one does not', () => {
    const WEAKER = 'forensic-readiness: warning: config.retentionFloorDays is 30, weaker than its default of 365 (minimum retention, in days, of every evidence store and log): the checks pass what the default fails';
    new ForensicReadinessChecks(undefined, { rules: [S3ObjectLockCompliance], config: { retentionFloorDays: 30 }, log }).validateScope(cdkStack());
    expect(logged).toEqual([WEAKER]);
    logged.length = 0;
    tfSynth({ retentionFloorDays: 30 });
    expect(logged).toEqual([WEAKER]);
    logged.length = 0;
    // One options object for several stacks (as an app checks each of its stacks): said once, not per stack.
    const app = Testing.app() as TfApp;
    const options = { rules: [StorageRetentionLocked], config: { retentionFloorDays: 30 }, log };
    for (const name of ['one', 'two']) {
      const stack = new TerraformStack(app, name);
      new GoogleProvider(stack, 'google', { project: 'evidence-project' });
      addForensicReadinessChecks(stack, options);
      new StorageBucket(stack, 'Locked', { name: `locked-${name}`, location: 'EU', labels: { 'forensic-evidence-store': 'true' }, retentionPolicy: { retentionPeriod: 400 * 86_400, isLocked: true } });
    }
    app.synth();
    expect(logged).toEqual([WEAKER]);
    logged.length = 0;
    new ForensicReadinessChecks(undefined, { rules: [S3ObjectLockCompliance], config: { retentionFloorDays: 400, fullSamplingPercentage: 50 }, log }).validateScope(cdkStack());
    expect(logged).toEqual([
      'forensic-readiness: warning: config.fullSamplingPercentage is 50, weaker than its default of 100 (data-capture sampling percentage below which a warning is raised): the checks pass what the default fails',
    ]);
  });
});
