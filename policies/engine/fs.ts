import { isAscii, isUtf8 } from 'buffer';
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
 * reading: binary content (NUL bytes, invalid UTF-8 or UTF-16) and empty files.
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
  const text = decodeText(buf, display);
  if (text.trim() === '') throw new InputError(`${display}: empty file`);
  return text;
}

/**
 * The text of a file's bytes: UTF-8 (a BOM dropped), or UTF-16 LE/BE when a BOM says so (Windows
 * PowerShell 5.1 writes `>` redirections as UTF-16LE with a BOM). Anything else with NUL bytes is binary.
 */
function decodeText(buf: Buffer, display: string): string {
  const utf16 = buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe ? 'LE' : buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff ? 'BE' : undefined;
  let text: string;
  if (utf16) {
    const body = Buffer.from(buf.subarray(2));
    if (body.length % 2 !== 0) throw new InputError(`${display}: not valid UTF-16${utf16} text (an odd number of bytes after the byte-order mark)`);
    // Node decodes UTF-16LE natively; BE is LE with each pair of bytes swapped.
    if (utf16 === 'BE') body.swap16();
    try {
      text = new TextDecoder('utf-16le', { fatal: true }).decode(body);
    } catch {
      throw new InputError(`${display}: not valid UTF-16${utf16} text, expected a JSON or YAML text file`);
    }
    if (text.includes('\0')) throw new InputError(`${display}: binary content (NUL characters), expected a JSON or YAML text file`);
    return text;
  }
  if (buf.includes(0)) throw new InputError(`${display}: binary content (NUL bytes), expected a JSON or YAML text file`);
  // Most templates are ASCII, whose bytes are their characters: decoded as Latin-1 (the same text
  // for bytes below 0x80), a copy, several times faster than the UTF-8 decoder over megabytes.
  if (isAscii(buf)) return buf.toString('latin1');
  // Validated natively, then decoded by Node's own UTF-8 reader (what readFileSync(path, 'utf8') does).
  if (!isUtf8(buf)) throw new InputError(`${display}: not valid UTF-8 text, expected a JSON or YAML text file`);
  text = buf.toString('utf8');
  // The byte-order mark goes (and a second one after it, as the decoder used before did).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
