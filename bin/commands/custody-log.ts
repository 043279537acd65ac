/** `forensic-readiness custody verify LOG`: walk a custody log's hash chain. */
import * as path from 'path';
import { InputError } from '../../policies/engine/errors';
import { verifyCustodyLog } from '../../investigate/custody/record';
import { Command, helpRows } from './command';
import { cwdOf } from './common';

export const CUSTODY: Command = {
  name: 'custody',
  synopsis: 'custody verify',
  summary: ['LOG: check a custody log\'s hash chain; an edited, removed or reordered', 'record is named (exit 1).'],
  help: ['Options of custody:', helpRows([['--format text|json', '(default: text)']]), '  Exit: 0 the chain holds; 1 it is broken; 2 bad input.'].join('\n'),
  options: { format: { type: 'string' } },
  takesPaths: true,
  run(args, io) {
    const [verb, log, ...extra] = args.paths;
    if (verb !== 'verify') throw new InputError(`custody needs verify, got ${verb === undefined ? 'nothing' : JSON.stringify(verb)}`);
    if (log === undefined || extra.length > 0) throw new InputError('custody verify needs one LOG (a custody log, JSON lines)');
    const format = args.value('format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new InputError(`--format for custody must be text or json, got ${JSON.stringify(format)}`);
    return (async () => {
      const check = verifyCustodyLog(path.resolve(cwdOf(io), log));
      const intact = check.problems.length === 0;
      if (format === 'json') io.stdout(`${JSON.stringify({ log, intact, ...check }, null, 2)}\n`);
      else io.stdout(`${[...check.problems.map((p) => `${log} ${p}`), `${intact ? 'INTACT' : 'BROKEN'}: ${check.records} record${check.records === 1 ? '' : 's'}, ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}`].join('\n')}\n`);
      return intact ? 0 : 1;
    })();
  },
};
