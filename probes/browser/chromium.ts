import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; MAGEPROBE_CHROMIUM names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ENV = 'MAGEPROBE_CHROMIUM';
/**
 * Extra Chromium host resolver rules (e.g. "MAP shop.lab.test 127.0.0.2, MAP * ~NOTFOUND"),
 * applied after the target's own `address` mapping: the lab uses it to keep the browser on loopback.
 */
export const HOST_RULES_ENV = 'MAGEPROBE_BROWSER_HOST_RULES';
/**
 * Extra base64 sha256 SPKI hashes (comma-separated) whose certificate errors the browser ignores,
 * besides the caFile-verified leaf: the demo's store has an expired self-signed certificate on
 * purpose (TLS-04 fails it), and its payment pages must still be loaded to be judged.
 */
export const PINNED_KEYS_ENV = 'MAGEPROBE_BROWSER_PINNED_KEYS';
export const INSTALL_HINT = 'apt-get install chromium';
const LAUNCH_MS = 20_000;

export interface LaunchOptions {
  readonly executablePath: string;
  /** Host resolver rules, first match wins (Chromium net/base/host_mapping_rules.h). */
  readonly hostRules: readonly string[];
  /** base64 sha256 SPKI hashes whose certificate errors Chromium ignores (leaf keys verified against caFile). */
  readonly pinnedKeys: readonly string[];
}

export type Launched = { readonly ok: true; readonly browser: Browser } | { readonly ok: false; readonly detail: string };

export function chromiumPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? (env[CHROMIUM_ENV] || DEFAULT_CHROMIUM);
}

/**
 * Starts the system's Chromium headless; never downloads one. A missing or broken browser is
 * a `detail` naming the install command, so the caller can report inconclusive, not pass.
 */
export async function launchChromium(opts: LaunchOptions): Promise<Launched> {
  try {
    accessSync(opts.executablePath, constants.X_OK);
  } catch {
    return { ok: false, detail: `no Chromium at ${opts.executablePath}: install it (${INSTALL_HINT}) or set ${CHROMIUM_ENV} to its path` };
  }
  const args = [
    // Chromium refuses to run its sandbox as root (containers, CI runners).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(opts.hostRules.length ? [`--host-resolver-rules=${opts.hostRules.join(', ')}`] : []),
    ...(opts.pinnedKeys.length ? [`--ignore-certificate-errors-spki-list=${opts.pinnedKeys.join(',')}`] : []),
    // No --disable-features here: Chromium keeps only the last one, and Playwright's turns off
    // the browser's own background traffic.
  ];
  try {
    // Signals are the CLI's (it aborts the scan, which closes the browser); Playwright still
    // kills the browser when the process exits.
    const browser = await chromium.launch({
      executablePath: opts.executablePath,
      args,
      timeout: LAUNCH_MS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return { ok: true, browser };
  } catch (e) {
    const first = String((e as Error).message ?? e)
      .split('\n')[0]!
      .slice(0, 300);
    return { ok: false, detail: `Chromium at ${opts.executablePath} did not start (${first}): reinstall it (${INSTALL_HINT}) or set ${CHROMIUM_ENV}` };
  }
}
