/** `forensic-readiness hold on|off TARGET --case ID`: S3 Object Lock legal holds, GCS temporary holds, an Azure container legal hold. */
import * as path from 'path';
import { InputError } from '../../policies/engine/errors';
import { AZURE_MANAGEMENT_ENDPOINT, HoldState, PartialHoldError, azureHoldRequest, azureHoldTag, azureManagementToken, holdGcs, holdS3, sendAzureHold } from '../../investigate/custody/hold';
import { azureIdentityOfToken } from '../../investigate/custody/identity';
import { CloudIdentity, appendCustodyRecord, awsIdentity, identityOf, prepareCustodyStore } from '../../investigate/custody/record';
import { Command, helpRows } from './command';
import { cwdOf } from './common';
import { CUSTODY_HELP, CUSTODY_OPTIONS, caseIdOf, custodyOptions, locationOf } from './custody';

export const DEFAULT_BATCH_THRESHOLD = 10_000;

export const HOLD: Command = {
  name: 'hold',
  synopsis: 'hold on|off',
  summary: ['TARGET --case ID: set or clear a legal hold on every version under', 's3://BUCKET/PREFIX, every generation under gs://, or an Azure container.'],
  help: [
    'Options of hold:',
    helpRows([
      ['--case ID', 'Required: the case the hold is for (recorded; the Azure tag).'],
      [`--batch-threshold N`, `S3: past N versions, write an S3 Batch Operations manifest`, `and job definition instead of calling the API (default: ${DEFAULT_BATCH_THRESHOLD}).`],
      ['--batch-out DIR', 'Where those two files go (default: the working folder).'],
      ['--subscription ID --resource-group NAME', 'Azure: the storage account\'s (management API).'],
      ['--management-endpoint URL', `Azure (default: ${AZURE_MANAGEMENT_ENDPOINT}).`],
      ...CUSTODY_HELP.filter(([term]) => !term.startsWith('--case')),
    ]),
    '  Exit: 0 held, or the Batch Operations files written; 2 bad input or a refused call.',
  ].join('\n'),
  options: {
    'batch-threshold': { type: 'string' },
    'batch-out': { type: 'string' },
    subscription: { type: 'string' },
    'resource-group': { type: 'string' },
    'management-endpoint': { type: 'string' },
    ...CUSTODY_OPTIONS,
  },
  takesPaths: true,
  run(args, io) {
    const [state, target, ...extra] = args.paths;
    if (state !== 'on' && state !== 'off') throw new InputError(`hold needs on or off, got ${state === undefined ? 'nothing' : JSON.stringify(state)}`);
    if (target === undefined || extra.length > 0) throw new InputError(`hold ${state} needs one TARGET (s3://BUCKET/PREFIX, gs://BUCKET/PREFIX or an Azure container URL)`);
    const caseId = caseIdOf(args, `hold ${state}`)!;
    const location = locationOf(target, 'TARGET', io, false);
    const thresholdText = args.value('batch-threshold');
    if (thresholdText !== undefined && (!/^\d+$/.test(thresholdText) || Number(thresholdText) < 1)) throw new InputError(`--batch-threshold must be a whole number of versions, 1 or more, got ${JSON.stringify(thresholdText)}`);
    const threshold = thresholdText === undefined ? DEFAULT_BATCH_THRESHOLD : Number(thresholdText);
    if (location.kind !== 's3' && (thresholdText !== undefined || args.value('batch-out') !== undefined)) throw new InputError('--batch-threshold and --batch-out are for s3:// targets');
    const azure = location.kind === 'azure' ? azureArgs(args, location.prefix, target, caseId) : undefined;
    const custody = custodyOptions(args, io);
    const cwd = cwdOf(io);
    return (async () => {
      await prepareCustodyStore(custody);
      let result: Record<string, unknown>;
      let who: CloudIdentity;
      if (location.kind === 's3') {
        who = await awsIdentity();
        const aws = who;
        const r = await holdS3({ location, state: state as HoldState, caseId, batchThreshold: threshold, batchDir: path.resolve(cwd, args.value('batch-out') ?? '.'), accountId: who.cloud === 'aws' ? who.account : null }).catch(async (err: unknown) => {
          // Versions already changed are evidence of the action: record them before failing.
          if (err instanceof PartialHoldError && err.held > 0) {
            await appendCustodyRecord(custody, { action: `hold ${state}`, caseId, cloud: [aws], inputs: [{ name: 'target', value: target }], result: { mode: 'direct', versions: err.versions, held: err.held, error: err.message } });
          }
          throw err;
        });
        result = { ...r };
        if (r.mode === 'direct') io.stdout(`legal hold ${state.toUpperCase()} on ${r.held} version${r.held === 1 ? '' : 's'} under ${target} (case ${caseId})\n`);
        else io.stdout(`${r.versions} versions under ${target} exceed --batch-threshold ${threshold}: no hold set yet; S3 Batch Operations manifest ${r.manifestCsv} and job ${r.jobJson} written (see docs/custody.md)\n`);
      } else if (location.kind === 'gcs') {
        who = await identityOf(location, 'OAuth access token (GOOGLE_OAUTH_ACCESS_TOKEN)');
        const r = await holdGcs(location, state as HoldState);
        result = { ...r };
        io.stdout(`temporary hold ${state.toUpperCase()} on ${r.held} generation${r.held === 1 ? '' : 's'} under ${target} (case ${caseId})\n`);
      } else if (location.kind === 'azure') {
        const req = azureHoldRequest({ ...azure!, account: location.account, container: location.container, state: state as HoldState, caseId });
        const token = await azureManagementToken(azure!.endpoint);
        // The principal of the management token that set the hold (its claims, decoded, not verified).
        who = azureIdentityOfToken(location.account, 'DefaultAzureCredential (management API)', token);
        const answer = await sendAzureHold(req, token);
        result = { mode: 'container', request: { method: req.method, url: req.url, body: req.body }, hasLegalHold: answer.hasLegalHold, tags: answer.tags };
        io.stdout(`legal hold ${state === 'on' ? 'set' : 'cleared'} on container ${location.container} of ${location.account} with tag ${req.body.tags[0]} (case ${caseId}); the container now ${answer.hasLegalHold ? 'has' : 'has no'} legal hold\n`);
      } else {
        throw new InputError(`TARGET ${target}: holds are for cloud stores`);
      }
      const rec = await appendCustodyRecord(custody, { action: `hold ${state}`, caseId, cloud: [who], inputs: [{ name: 'target', value: target }], result });
      io.stdout(`custody record ${rec.record.seq} in ${custody.log} sha256 ${rec.sha256}${rec.stored ? `, stored at ${rec.stored}` : ''}\n`);
      return 0;
    })();
  },
};

function azureArgs(args: Parameters<Command['run']>[0], prefix: string, target: string, caseId: string): { endpoint: string; subscription: string; resourceGroup: string } {
  if (prefix !== '') throw new InputError(`TARGET ${target}: an Azure legal hold is on a whole container; give the container URL without a path`);
  const subscription = args.value('subscription');
  const resourceGroup = args.value('resource-group');
  if (!subscription || !resourceGroup) throw new InputError('hold on an Azure container needs --subscription ID and --resource-group NAME (the storage account\'s, for the management API)');
  try {
    azureHoldTag(caseId);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  return { endpoint: args.value('management-endpoint') ?? AZURE_MANAGEMENT_ENDPOINT, subscription, resourceGroup };
}
