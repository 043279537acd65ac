/** `forensic-readiness rules`: list the rules, as Markdown (RULES.md) or JSON. */
import { InputError } from '../../policies/engine/errors';
import { renderRulesJson, renderRulesMarkdown } from '../../policies/report';
import { ALL_RULES } from '../../policies/rules';
import { Command, helpRows } from './command';
import { writeOutput } from './common';

export const RULES: Command = {
  name: 'rules',
  synopsis: 'rules',
  summary: ['List the rules.'],
  help: [
    'Options of rules:',
    helpRows([
      ['--format markdown|json', '(default: markdown)'],
      ['--output FILE', 'Write to FILE (atomically), not stdout.'],
    ]),
  ].join('\n'),
  options: { format: { type: 'string' }, output: { type: 'string' } },
  takesPaths: false,
  run(args, io) {
    const format = args.value('format') ?? 'markdown';
    if (format !== 'markdown' && format !== 'json') throw new InputError(`--format for rules must be markdown or json, got ${JSON.stringify(format)}`);
    const ruleList = io.rules ?? ALL_RULES;
    writeOutput(io, args.value('output'), format === 'json' ? renderRulesJson(ruleList) : renderRulesMarkdown(ruleList));
    return 0;
  },
};
