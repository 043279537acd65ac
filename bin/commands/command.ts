/**
 * What a subcommand of `forensic-readiness` is, and the one argument parser they all share
 * (node's util.parseArgs). A new subcommand is a module exporting a `Command`, listed in the
 * table of bin/cli.ts; it declares its options in that object and never sees raw argv.
 */
import { parseArgs } from 'node:util';
import { InputError, oneLine } from '../../policies/engine/errors';
import { FileSystem } from '../../policies/engine/fs';
import { Rule } from '../../policies/engine/types';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** File system for inputs (tests simulate EACCES through it). @default node fs */
  readonly fs?: FileSystem;
  /** The rules to run. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

/** One option, as util.parseArgs takes it; the key of an OptionSpecs is its long name without `--`. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** A string option that may be given more than once (`--param a=1 --param b=2`); read with values(). */
  readonly multiple?: boolean;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** A command's arguments once parsed: every value checked for presence, none given twice. */
export interface CommandArgs {
  /** Positionals, `--` removed; everything after `--` is one, whatever it starts with. */
  readonly paths: readonly string[];
  /** The value of a string option (long name, no `--`), undefined when not given. */
  value(name: string): string | undefined;
  /** Every value of a `multiple` string option, in the order given (empty when not given). */
  values(name: string): readonly string[];
  /** Whether a boolean option was given. */
  flag(name: string): boolean;
}

export interface Command {
  /** The word after `forensic-readiness`. */
  readonly name: string;
  /** First column of the Commands list in USAGE, e.g. `check PATH...`. */
  readonly synopsis: string;
  /** Second column of that list, one string a line. */
  readonly summary: readonly string[];
  /** Its section of USAGE ("Options of ..."), without a trailing newline. */
  readonly help: string;
  /** Its options; `--help`/`-h` is added to every command, do not declare it. */
  readonly options: OptionSpecs;
  /** Whether it takes positionals (PATHs); when not, one is a usage error. */
  readonly takesPaths: boolean;
  /**
   * Does the work; returns the exit code, or a promise of it for a command that talks to a cloud
   * (investigate, verify s3://, pull, manifest, hold; runCli in bin/cli.ts awaits it). Throws (or rejects with)
   * InputError for a usage or input error (exit 2).
   */
  run(args: CommandArgs, io: CliIo): number | Promise<number>;
}

const HELP: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

/** A util.parseArgs token, as node documents it (@types/node does not export the type). */
type Token =
  | { kind: 'option'; index: number; name: string; rawName: string; value: string | undefined; inlineValue: boolean | undefined }
  | { kind: 'positional'; index: number; value: string }
  | { kind: 'option-terminator'; index: number };

/**
 * Parses a command's arguments (argv after the command word), or says `help` when `--help`/`-h`
 * appears before any `--`: help wins over any mistake beside it, as the user asked for the text.
 * Throws InputError, in the kit's words, for anything util.parseArgs refuses, and for an option
 * given twice or with an empty value (parseArgs would silently keep the last).
 */
export function parseCommandArgs(command: Command, argv: readonly string[]): CommandArgs | 'help' {
  const options = { ...command.options, ...HELP };
  const args = [...argv];
  // A lenient pass never throws; its tokens tell which argument a strict-mode error is about, so
  // the message can name it without parsing node's wording (which changes between versions).
  const tokenize = (strict: boolean, allowPositionals: boolean) => parseArgs({ args, options, strict, allowPositionals, tokens: true }).tokens as Token[];
  const seen = tokenize(false, true);
  // Only a whole argument counts: `-dash.json` parses as -d -a -s -h ..., and is no request for help.
  if (seen.some((t) => t.kind === 'option' && t.name === 'help' && (argv[t.index] === '--help' || argv[t.index] === '-h'))) return 'help';

  let tokens: Token[];
  try {
    tokens = tokenize(true, command.takesPaths);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw err;
    throw new InputError(reword(code, (err as Error).message, command, options, seen, argv));
  }

  const values = new Map<string, string | true>();
  const multiples = new Map<string, string[]>();
  const paths: string[] = [];
  for (const t of tokens) {
    // No file name holds a NUL byte; node's fs would throw a TypeError deep inside a command.
    if ((t.kind === 'positional' || t.kind === 'option') && t.value?.includes('\0')) {
      throw new InputError(`${t.kind === 'option' ? `--${t.name}` : 'PATH'} ${JSON.stringify(t.value)} holds a NUL byte, which no file name or value can`);
    }
    if (t.kind === 'positional' && t.value === '') throw new InputError('an empty PATH (""); give a template file or folder');
    if (t.kind === 'positional') paths.push(t.value);
    if (t.kind !== 'option' || t.name === 'help') continue;
    if (options[t.name].type === 'boolean') {
      values.set(t.name, true); // a repeated switch means the same thing; harmless
      continue;
    }
    if (!t.value) throw new InputError(`--${t.name} needs a value`); // `--format=` or `--format ''`
    if (options[t.name].multiple) {
      multiples.set(t.name, [...(multiples.get(t.name) ?? []), t.value]);
      continue;
    }
    if (values.has(t.name)) throw new InputError(`--${t.name} given twice`);
    values.set(t.name, t.value);
  }

  // A name the command did not declare is a bug in the command, not in the user's input.
  const declared = (name: string, type: OptionSpec['type']) => {
    if (!Object.hasOwn(command.options, name) || command.options[name].type !== type) throw new Error(`${command.name} reads undeclared ${type} option --${name}`);
  };
  return {
    paths,
    value(name) {
      declared(name, 'string');
      const v = values.get(name);
      return typeof v === 'string' ? v : undefined;
    },
    values(name) {
      declared(name, 'string');
      if (!command.options[name].multiple) throw new Error(`${command.name} reads --${name} with values(), which is not a multiple option`);
      return multiples.get(name) ?? [];
    },
    flag(name) {
      declared(name, 'boolean');
      return values.get(name) === true;
    },
  };
}

/** The kit's one-line message for a util.parseArgs error, from the token it is about. */
function reword(code: string, nodeMessage: string, command: Command, options: OptionSpecs, tokens: readonly Token[], argv: readonly string[]): string {
  const known = (name: string) => Object.hasOwn(options, name);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const t = tokens.find((x) => x.kind === 'option' && !known(x.name));
      if (t?.kind !== 'option') break;
      const arg = argv[t.index];
      // `-dash.json` parses as the short options -d -a -s ...: say which argument it came from,
      // and how to pass a PATH that starts with a dash.
      if (arg.startsWith('--') || arg === t.rawName) return `unknown option ${t.rawName} for ${command.name} (try --help)`;
      return `unknown option ${t.rawName} in ${JSON.stringify(arg)} for ${command.name} (try --help; a PATH that starts with - goes after --)`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const t = tokens.find((x) => x.kind === 'option' && known(x.name) && invalidValue(x, options[x.name]));
      if (t?.kind !== 'option') break;
      const flag = `--${t.name}`;
      if (options[t.name].type === 'boolean') return `${flag} takes no value`;
      // parseArgs takes `--output -x` as a forgotten value; `--output=-x` says it is meant.
      if (t.value === undefined || t.value.startsWith('--')) return `${flag} needs a value`;
      return `${flag} needs a value (to give ${JSON.stringify(t.value)}, write ${flag}=${t.value})`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const t = tokens.find((x) => x.kind === 'positional');
      if (t?.kind !== 'positional') break;
      return `${command.name} takes no paths, got ${JSON.stringify(t.value)}`;
    }
  }
  return `${command.name}: ${oneLine(nodeMessage)}`;
}

/** What strict mode refuses in a known option's value: a boolean given one, a string given none or a dash-led one. */
function invalidValue(t: Token & { kind: 'option' }, spec: OptionSpec): boolean {
  if (spec.type === 'boolean') return t.value !== undefined;
  return t.value === undefined || (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-'));
}

/**
 * Rows of a USAGE options list: the term in a 42-column field, its description beside it (or on
 * the next line when the term does not fit), further description lines under the first.
 */
export function helpRows(rows: readonly (readonly [term: string, ...description: string[]])[]): string {
  const indent = ' '.repeat(44);
  return rows
    .flatMap(([term, first, ...rest]) => {
      const head = term.length < 42 ? [`  ${term.padEnd(42)}${first}`] : [`  ${term}`, `${indent}${first}`];
      return [...head, ...rest.map((line) => `${indent}${line}`)];
    })
    .join('\n');
}
