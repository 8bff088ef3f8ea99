import { readFileSync } from 'node:fs';

/**
 * mageprobe's version as package.json states it: the one source for reports (tool.version)
 * and the User-Agent, so a release bumps it in one place. Read once, when first imported.
 */
export const VERSION: string = readVersion();

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || !pkg.version) throw new Error('package.json has no version');
  return pkg.version;
}
