import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputFileError } from '../core/input-file.js';

/** What a scan writes into --out. */
export const REPORT_FILES = ['junit.xml', 'results.json', 'report.html', 'summary.md'] as const;

const REASON: Readonly<Record<string, string>> = {
  EEXIST: 'exists and is not a directory',
  ENOTDIR: 'a path component is not a directory',
  EACCES: 'not writable (permission denied)',
  EPERM: 'not writable (permission denied)',
  EROFS: 'on a read-only file system',
  ENOSPC: 'no space left on the device',
};

/**
 * Makes sure the reports can be written before anything is sent: a scan whose results cannot
 * be saved is traffic for nothing. Creates the directory, then writes and removes a file in
 * it, since root passes every permission check yet still cannot write to a read-only mount.
 */
export function prepareOutDir(dir: string): string {
  const out = resolve(dir);
  const refuse = (e: unknown): never => {
    const code = (e as { code?: string }).code ?? '';
    throw new InputFileError(`--out ${dir}`, REASON[code] ?? (e as Error).message);
  };
  try {
    mkdirSync(out, { recursive: true });
    if (!statSync(out).isDirectory()) throw Object.assign(new Error(), { code: 'EEXIST' });
  } catch (e) {
    refuse(e);
  }
  for (const name of REPORT_FILES) {
    const existing = statSync(join(out, name), { throwIfNoEntry: false });
    if (existing && !existing.isFile()) throw new InputFileError(`--out ${dir}`, `${name} there is not a regular file`);
  }
  const probe = join(out, `.mageprobe-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    refuse(e);
  }
  return out;
}
