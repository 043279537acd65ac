/**
 * A problem with what the user gave a custody command (a URL, a folder, a case id) or with the
 * store it names (unreachable, refused): one line. bin/ turns it into exit code 2.
 */
export class CustodyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustodyInputError';
  }
}

/** One line naming what failed, from an SDK, fetch or fs error. */
export function describeCloudError(what: string, err: unknown): CustodyInputError {
  if (err instanceof CustodyInputError) return err;
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string }; $metadata?: { httpStatusCode?: number } };
  const code = e?.cause?.code ?? e?.code;
  const status = e?.$metadata?.httpStatusCode;
  const name = e?.name && e.name !== 'Error' ? e.name : undefined;
  const detail = [name, code, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
  const message = (e?.message ?? String(err)).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return new CustodyInputError(`${what}: ${detail ? `${detail}: ` : ''}${message || 'failed'}`);
}
