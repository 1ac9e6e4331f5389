import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { quoted } from '../clinical/bundle';
import { UsageError } from './args';

const MiB = 1024 * 1024;

/**
 * The largest inputs the assessor reads, in bytes (README, "The command-line assessor"). A file
 * over its limit is refused with exit 2, never read until memory runs out. A Bundle file holds one
 * patient's record (a full Synthea chart is 1-2 MB); an ndjson line, one resource.
 */
export const LIMITS = {
  /** a Bundle file, and one patient's resources gathered from an ndjson export */
  record: 256 * MiB,
  /** one line (one resource) of an ndjson file */
  ndjsonLine: 64 * MiB,
  answers: 1 * MiB,
  token: 64 * 1024,
} as const;

export const megabytes = (bytes: number) => `${(bytes / MiB).toFixed(bytes < MiB ? 2 : 0)} MB`;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a regular file for reading, or refuses it: a pipe would hang the read, a device such as
 * /dev/zero would never end. O_NONBLOCK makes opening a pipe return at once (it has no effect on
 * a regular file); the check is on the opened descriptor, so the file cannot be swapped in between.
 */
export function openRegularFile(file: string, what: string, limit: number): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${quoted(file)}${code ? ` (${code})` : ''}`);
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new UsageError(`${what} ${quoted(file)} is ${kindOf(stats)}; give a regular file`);
  }
  if (stats.size > limit) {
    closeSync(fd);
    throw new UsageError(`${what} ${quoted(file)} is ${megabytes(stats.size)}, over the limit of ${megabytes(limit)}`);
  }
  return { fd, size: stats.size };
}

/**
 * One buffer for the files of a batch, read one after the other (and for an export's chunks and
 * read-back lines, ndjson-export.ts): grown to the largest file read (at most LIMITS.record) and kept, so that a file is read into memory already in use, not into a
 * fresh allocation whose pages the system must first hand over (a fifth of reading and converting
 * the x16 charts, README "The command-line assessor"). What a read gives is valid until the next.
 */
export class ReadBuffer {
  private buffer = Buffer.allocUnsafe(0);

  /** at least `size` bytes */
  take(size: number): Buffer {
    if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }
}

/**
 * The bytes of a regular file of at most `limit` bytes (see openRegularFile): a buffer of their
 * own, or with `into` a view of that buffer, valid until its next read.
 */
export function readRegularFile(file: string, what: string, limit: number, into?: ReadBuffer): Buffer {
  const { fd, size } = openRegularFile(file, what, limit);
  try {
    // one byte more than its size: a file that changes while it is read is refused, not cut
    const buffer = into ? into.take(size + 1).subarray(0, size + 1) : Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length !== size) throw new UsageError(`${what} ${quoted(file)} changed while it was read`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of UTF-8 bytes. Bytes that are all ASCII make the same string read as Latin-1, which
 * copies them instead of decoding: a quarter of the time on full charts, mostly ASCII.
 */
export const utf8Text = (bytes: Buffer): string => bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
