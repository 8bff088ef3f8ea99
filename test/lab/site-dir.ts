import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SiteDir {
  /** Working directory for the server's config, pid and logs. */
  readonly dir: string;
  /** Document root, `${dir}/www`, holding the given files. */
  readonly www: string;
  /** Replaces `{{www}}` and `{{dir}}` in a config template. */
  fill(template: string): string;
}

/** A temporary server directory with a document root of the given files (world-readable for worker users). */
export function makeSiteDir(prefix: string, files: Record<string, string | Buffer> = {}): SiteDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const www = join(dir, 'www');
  mkdirSync(www, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const path = join(www, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return { dir, www, fill: (s) => s.replaceAll('{{www}}', www).replaceAll('{{dir}}', dir) };
}
