import { InputError } from '../../constructs/core/input-error';

/**
 * A problem with what the user gave a custody command (a URL, a folder, a case id) or with the
 * store it names (unreachable, refused): the CLI's one-line input error (exit code 2).
 */
export class CustodyInputError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'CustodyInputError';
  }
}

/** One line naming what failed, from an SDK, fetch or fs error. */
export function describeCloudError(what: string, err: unknown): CustodyInputError {
  if (err instanceof CustodyInputError) return err;
  const fsWords: Record<string, string> = { ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'is a folder, expected a file', ENOTDIR: 'a part of the path is not a folder', ENOSPC: 'no space left on the device', EROFS: 'a read-only file system' };
  const fsCode = (err as NodeJS.ErrnoException)?.code;
  if (typeof fsCode === 'string' && fsWords[fsCode] && typeof (err as NodeJS.ErrnoException).syscall === 'string') return new CustodyInputError(`${what}: ${fsWords[fsCode]}`);
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string }; $metadata?: { httpStatusCode?: number } };
  const code = e?.cause?.code ?? e?.code;
  const status = e?.$metadata?.httpStatusCode;
  const name = e?.name && e.name !== 'Error' ? e.name : undefined;
  const detail = [name, code, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
  const message = (e?.message ?? String(err)).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return new CustodyInputError(`${what}: ${detail ? `${detail}: ` : ''}${message || 'failed'}`);
}
