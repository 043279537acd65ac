/**
 * A problem with what the user gave the engine: a path, a file, an option, an acknowledgement.
 * The CLI turns it into exit code 2 and one line on stderr; nothing else in the engine uses
 * exceptions for control flow.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** One line, whatever a message holds (multi-line parser messages included), printable (see printable). */
export function oneLine(text: string, max = 400): string {
  // Split and trim, not /\s*\r?\n\s*/g: that pattern backtracks quadratically over a long run of blanks.
  const flat = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  const safe = printable(flat);
  return safe.length > max ? `${safe.slice(0, max - 3)}...` : safe;
}

/**
 * Text made safe for a terminal and for one-line records: every control character (C0, DEL, C1),
 * line and paragraph separator and bidirectional override is written as its JSON string escape
 * (`\n`, `\u001b`, `\u202e`), so a value of the input cannot start a line of its own or send a
 * terminal sequence. Backslashes are left as they are (Windows paths stay readable); the JSON
 * report holds every value exactly.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** The message of an fs error, in words a user can act on, naming the path. */
export function describeFsError(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file or folder`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'ELOOP':
      return `${path}: too many levels of symbolic links (a symlink loop)`;
    case 'ENOTDIR':
      return `${path}: a part of the path is not a folder`;
    case 'EISDIR':
      return `${path}: is a folder, expected a file`;
    case 'ENAMETOOLONG':
      return `${path}: file name too long`;
    default:
      return `${path}: cannot read (${code ?? oneLine(String((err as Error)?.message ?? err))})`;
  }
}
