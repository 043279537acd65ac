import * as nodeFs from 'fs';
import { InputError, describeFsError } from './errors';

/** Inputs larger than this are refused: a template this size is not one anybody reviews. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The file-system calls the loaders make. Injectable so that tests can simulate what root cannot
 * (EACCES) and so that the CDK plugin can hand in templates it already holds.
 */
export interface FileSystem {
  /** What is at a path, as `fs.statSync` says; throws when the path cannot be stat'ed. */
  statSync(path: string): nodeFs.Stats;
  /** The bytes of a file, as `fs.readFileSync` reads them. */
  readFileSync(path: string): Buffer;
  /** The names in a folder, as `fs.readdirSync` lists them. */
  readdirSync(path: string): string[];
}

/** The file system of the process: Node's `fs`, used when no other is given. */
export const NODE_FS: FileSystem = {
  statSync: (p) => nodeFs.statSync(p),
  readFileSync: (p) => nodeFs.readFileSync(p),
  readdirSync: (p) => nodeFs.readdirSync(p),
};

/** How input files are read. */
export interface ReadOptions {
  /** The file system to read from. @default NODE_FS */
  readonly fs?: FileSystem;
  /** Override of MAX_INPUT_BYTES (tests of the limit itself use the real constant). */
  readonly maxBytes?: number;
}

/** stat that turns every failure into an InputError naming the path. */
export function statInput(path: string, display: string, fs: FileSystem): nodeFs.Stats {
  try {
    return fs.statSync(path);
  } catch (err) {
    throw new InputError(describeFsError(err, display));
  }
}

/**
 * Read one input file as text. Refuses, before reading a byte: anything that is not a regular
 * file (a folder, a FIFO that would block forever, a device), files over the size limit. After
 * reading: binary content (NUL bytes, invalid UTF-8) and empty files.
 */
export function readTextInput(path: string, display: string, options: ReadOptions = {}): string {
  const fs = options.fs ?? NODE_FS;
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  const st = statInput(path, display, fs);
  if (st.isDirectory()) throw new InputError(`${display}: is a folder, expected a file`);
  if (!st.isFile()) throw new InputError(`${display}: not a regular file (a FIFO, socket or device cannot be a template)`);
  if (st.size > max) {
    throw new InputError(`${display}: ${formatBytes(st.size)} is over the ${formatBytes(max)} input limit`);
  }
  let buf: Buffer;
  try {
    buf = fs.readFileSync(path);
  } catch (err) {
    throw new InputError(describeFsError(err, display));
  }
  if (buf.length > max) throw new InputError(`${display}: ${formatBytes(buf.length)} is over the ${formatBytes(max)} input limit`);
  if (buf.includes(0)) throw new InputError(`${display}: binary content (NUL bytes), expected a JSON or YAML text file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError(`${display}: not valid UTF-8 text, expected a JSON or YAML text file`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError(`${display}: empty file`);
  return text;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
