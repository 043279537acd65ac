/**
 * `forensic-readiness investigate QUESTION --logs PATH... [--param name=value ...] [--from TIME]
 * [--to TIME] [--format text|json|csv|html] [--output FILE]`: answer a catalog question (or the
 * timeline) over a forensic copy of the evidence, read in place with DuckDB (investigate/engine.ts).
 * Exit 0 with an answer in full (rows or none); 1 when, for some cloud of the inputs, the question
 * was not answered (the files it reads are missing, or its query failed: the warnings say which),
 * the rows of the other clouds still given; 2 on a usage error or when no input is readable.
 */
import * as path from 'path';
import { InputError, printable } from '../../policies/engine/errors';
import { investigate, INVESTIGATE_QUESTIONS } from '../../investigate/engine';
import { LAYOUTS } from '../../investigate/layouts';
import { INVESTIGATE_FORMATS, INVESTIGATE_RENDERERS, InvestigateFormat } from '../../investigate/render';
import { CliIo, Command, CommandArgs, helpRows } from './command';
import { cwdOf, realish, writeOutput } from './common';

const isFormat = (f: string): f is InvestigateFormat => (INVESTIGATE_FORMATS as readonly string[]).includes(f);

async function run(args: CommandArgs, io: CliIo): Promise<number> {
  const cwd = cwdOf(io);
  const [questionId, ...more] = args.paths;
  if (questionId === undefined) throw new InputError(`investigate needs a QUESTION (${INVESTIGATE_QUESTIONS.join(', ')})`);
  const format = args.value('format') ?? 'text';
  if (!isFormat(format)) throw new InputError(`--format must be one of ${INVESTIGATE_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  // `--logs a b c` (a shell glob): the words after the first are positionals, paths too.
  const logs = [...args.values('logs'), ...more];
  const params = args.values('param').map((p): [string, string] => {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new InputError(`--param ${JSON.stringify(p)} must be name=value (endpoint=NAME, principal=ARN, location=BUCKET/PREFIX, address=IP)`);
    return [p.slice(0, eq), p.slice(eq + 1)];
  });
  const output = args.value('output');
  if (output) {
    // Nothing is written into the copy.
    const target = realish(path.resolve(cwd, output));
    for (const l of logs) {
      const source = realish(path.resolve(cwd, l));
      if (target === source || target.startsWith(`${source}${path.sep}`)) throw new InputError(`--output ${output} is inside the evidence ${l}; the copy is read-only, write elsewhere`);
      // A file given at a service's delivery path (AWSLogs/.../CloudTrail/...) is one of a copy's folders: nothing goes beside it.
      const folder = path.dirname(source);
      if (LAYOUTS.some((layout) => layout.at?.(source.split(path.sep).join('/'))) && target.startsWith(`${folder}${path.sep}`)) {
        throw new InputError(`--output ${output} is in the folder of the evidence file ${l}, a folder of the copy (its delivery path); the copy is read-only, write elsewhere`);
      }
    }
  }
  const answer = await investigate({ question: questionId, logs, params, from: args.value('from'), to: args.value('to'), cwd });
  // Each warning one printable line: it quotes values of the logs (printable, as the text output does).
  for (const w of answer.warnings) io.stderr(`forensic-readiness: warning: ${printable(w)}\n`);
  if (answer.inputs.length === 0) {
    io.stderr(`forensic-readiness: nothing readable among the inputs (${printable(logs.join(', '))}); no answer\n`);
    return 2;
  }
  writeOutput(io, output, INVESTIGATE_RENDERERS[format](answer));
  if (output) io.stdout(`${answer.question}: ${answer.rows.length} ${answer.rows.length === 1 ? 'row' : 'rows'}; ${format} written to ${output}\n`);
  if (answer.unanswered.length > 0) {
    // "Looked and found nothing" (0) is not "could not look" (1).
    io.stderr(`forensic-readiness: ${answer.question} was not answered in full: not for ${answer.unanswered.map((c) => c.toUpperCase()).join(', ')} (see the warnings)\n`);
    return 1;
  }
  if (answer.leftOut.length > 0) {
    // An answer without some of the evidence (a file emptied, cut short or unreadable) is not one in full.
    io.stderr(`forensic-readiness: ${answer.question} was not answered in full: it stands without evidence of the inputs that could not be read (${answer.leftOut.length} ${answer.leftOut.length === 1 ? 'warning' : 'warnings'} above)\n`);
    return 1;
  }
  return 0;
}

export const INVESTIGATE: Command = {
  name: 'investigate',
  synopsis: 'investigate QUESTION',
  summary: [
    '--logs PATH...: answer a question of the catalog (or the timeline) over a',
    'forensic copy of the evidence of AWS, GCP and Azure; read-only.',
  ],
  help: [
    'Options of investigate:',
    helpRows([
      ['QUESTION', `One of ${INVESTIGATE_QUESTIONS.join(', ')}.`],
      ['--logs PATH', 'A folder or file of the copy (repeatable; a shell glob works).'],
      ['--param name=value', 'endpoint=, principal=, location=, address= (repeatable; the', 'timeline takes several of each and shows the events of any).'],
      ['--from TIME, --to TIME', 'The window, ISO 8601 UTC (--to exclusive); default: all.'],
      [`--format ${INVESTIGATE_FORMATS.join('|')}`, 'Output format (default: text); every format lists the warnings.'],
      ['--output FILE', 'Write the answer to FILE (atomically; never inside --logs).'],
    ]),
    '  Exit 0 answered (rows or none); 1 not answered for some cloud of the inputs',
    '  (its files missing or its query failed; the warnings say why, the other clouds\'',
    '  rows given); 2 a usage error, or nothing readable among the inputs.',
  ].join('\n'),
  options: { logs: { type: 'string', multiple: true }, param: { type: 'string', multiple: true }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' } },
  takesPaths: true,
  run,
};
