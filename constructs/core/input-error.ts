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

/** One line, whatever a message holds (multi-line parser messages included). */
export function oneLine(text: string, max = 400): string {
  // Split and trim, not /\s*\r?\n\s*/g: that pattern backtracks quadratically over a long run of blanks.
  const flat = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

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
