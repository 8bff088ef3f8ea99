import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';

/** A file the user named that cannot be used; the CLI shows it as one line and exits 2. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Largest files mageprobe reads or accepts (a full Mozilla CA bundle is about 220 KB). */
export const SIZE_CAP = {
  targetsFile: 1 << 20,
  caFile: 1 << 20,
  /** Evidence documents are hashed, not parsed: an audit PDF may be large, a disk image not. */
  evidence: 100 << 20,
} as const;

const KIND: [(s: Stats) => boolean, string][] = [
  [(s) => s.isDirectory(), 'a directory'],
  [(s) => s.isFIFO(), 'a FIFO'],
  [(s) => s.isCharacterDevice(), 'a character device'],
  [(s) => s.isBlockDevice(), 'a block device'],
  [(s) => s.isSocket(), 'a socket'],
];

function refuse(path: string, stats: Stats, cap: number): void {
  if (!stats.isFile()) {
    const kind = KIND.find(([is]) => is(stats))?.[1] ?? 'not a regular file';
    throw new InputFileError(path, `${kind}, not a regular file`);
  }
  if (stats.size > cap) throw new InputFileError(path, `${stats.size} bytes, over the ${cap}-byte limit`);
}

function reason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'not readable (permission denied)';
  if (code === 'ENOTDIR') return 'a path component is not a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  return (e as Error).message;
}

/** Checks without reading that `path` is a regular file of at most `cap` bytes. */
export function checkRegularFile(path: string, cap: number): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    throw new InputFileError(path, reason(e));
  }
  refuse(path, stats, cap);
}

/**
 * Reads a regular file of at most `cap` bytes. Opened non-blocking so a FIFO cannot hang us,
 * checked on the open descriptor (no swap between check and read), and read no further than
 * the cap, so /proc files that claim size 0 cannot grow without bound either.
 */
export function readRegularFile(path: string, cap: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new InputFileError(path, reason(e));
  }
  try {
    refuse(path, fstatSync(fd), cap);
    const buffer = Buffer.alloc(cap + 1);
    let length = 0;
    while (length <= cap) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > cap) throw new InputFileError(path, `over the ${cap}-byte limit`);
    return buffer.subarray(0, length);
  } catch (e) {
    throw e instanceof InputFileError ? e : new InputFileError(path, reason(e));
  } finally {
    closeSync(fd);
  }
}
