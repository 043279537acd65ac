/**
 * `forensic-readiness custody verify LOG [--custody-store URL]`: walk a custody log's hash chain and,
 * given its evidence store, compare every record there with the log's lines byte for byte.
 */
import * as path from 'path';
import { InputError } from '../../policies/engine/errors';
import { verifyCustodyLog, verifyCustodyLogWithStore } from '../../investigate/custody/record';
import { Command, helpRows } from './command';
import { cwdOf } from './common';
import { locationOf } from './custody';

export const CUSTODY: Command = {
  name: 'custody',
  synopsis: 'custody verify',
  summary: ['LOG: check a custody log\'s hash chain; an edited, removed or reordered', 'record is named (exit 1).'],
  help: [
    'Options of custody:',
    helpRows([
      ['--custody-store URL', 'Compare the records in the log\'s evidence store (s3://, gs://,', 'an Azure container URL) with the log, byte for byte.'],
      ['--format text|json', '(default: text)'],
    ]),
    '  Exit: 0 the chain holds (and the store, locked, equals the log); 1 it is broken, they',
    '  differ, or the store is not locked (UNPROVEN: its newest records could be deleted',
    '  unseen); 2 bad input.',
  ].join('\n'),
  options: { format: { type: 'string' }, 'custody-store': { type: 'string' } },
  takesPaths: true,
  run(args, io) {
    const [verb, log, ...extra] = args.paths;
    if (verb !== 'verify') throw new InputError(`custody needs verify, got ${verb === undefined ? 'nothing' : JSON.stringify(verb)}`);
    if (log === undefined || extra.length > 0) throw new InputError('custody verify needs one LOG (a custody log, JSON lines)');
    const format = args.value('format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new InputError(`--format for custody must be text or json, got ${JSON.stringify(format)}`);
    const storeText = args.value('custody-store');
    const store = storeText === undefined ? undefined : locationOf(storeText, '--custody-store', io, false);
    const file = path.resolve(cwdOf(io), log);
    return (async () => {
      const check = store ? await verifyCustodyLogWithStore(file, store) : { ...verifyCustodyLog(file), store: undefined };
      const problems = [...check.problems.map((p) => `${log} ${p}`), ...(check.store?.problems ?? [])];
      // A store that does not keep its records proves nothing of the log's end: never INTACT, exit 1.
      const unproven = check.store?.unproven ?? null;
      const verdict = problems.length > 0 ? 'BROKEN' : unproven ? 'UNPROVEN' : 'INTACT';
      const intact = verdict === 'INTACT';
      if (format === 'json') {
        io.stdout(`${JSON.stringify({ log, intact, verdict, records: check.records, problems: check.problems, ...(check.store ? { store: check.store } : {}) }, null, 2)}\n`);
      } else {
        const s = check.store;
        const storeLine = s ? `; store ${s.url}: ${s.objects} object${s.objects === 1 ? '' : 's'}, ${s.matched} equal to the log, ${s.notStored} record${s.notStored === 1 ? '' : 's'} written without it${unproven ? `; ${unproven}` : ''}` : '';
        const n = problems.length;
        io.stdout(`${[...problems, `${verdict}: ${check.records} record${check.records === 1 ? '' : 's'}, ${n} problem${n === 1 ? '' : 's'}${storeLine}`].join('\n')}\n`);
      }
      return intact ? 0 : 1;
    })();
  },
};
