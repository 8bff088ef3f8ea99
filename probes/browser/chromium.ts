import { accessSync, constants } from 'node:fs';
import type { Browser } from 'playwright-core';
import { importEsm } from '../../core/esm-import.js';
import { isProgrammingError } from '../../core/internal-error.js';

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

/**
 * Playwright's own feature lists (playwright-core 1.65.1, chromiumSwitches.ts), carried over:
 * Chromium keeps only the last --disable-features and the last --enable-features, so ours
 * replace Playwright's switches (ignoreDefaultArgs, exact strings) and must repeat them (they
 * keep the browser's own traffic to Google off). A Playwright upgrade that changes its lists
 * leaves the browser with two of each switch; test/scripts/browser-probe.test.ts fails then.
 */
export const PLAYWRIGHT_FEATURES = {
  disabled: [
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'ThirdPartyStoragePartitioning',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'TcpPortRandomizationWin',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
    'msForceBrowserSignIn',
    'msEdgeUpdateLaunchServicesPreferredVersion',
  ],
  enabled: ['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies'],
} as const;
const PLAYWRIGHT_FEATURE_SWITCHES = [
  `--disable-features=${PLAYWRIGHT_FEATURES.disabled.join(',')}`,
  `--enable-features=${PLAYWRIGHT_FEATURES.enabled.join(',')}`,
];

/**
 * Fewer processes for the same pages (issue 12: a scan in ≤ 600 MB). Headless Chromium
 * otherwise runs nine processes for one tab: on the payment lab, peak PSS ~390 MB (browser 126,
 * three renderers 143, two zygotes 34, network and storage 47, GPU 39) and 26 s CPU for eight
 * pages; with these five processes, ~310 MB (browser 168, renderer 78, zygotes 52, storage 15)
 * and 9 s CPU. Nothing here changes what a page runs or what the recorder sees. Measured and
 * left out, with why:
 * - --disable-site-isolation-trials: cross-site iframes (a PSP's card fields) would join the
 *   tab's renderer and its DevTools session, so their scripts would be recorded as the page's;
 * - --no-zygote: each renderer then starts from scratch instead of forking, which costs more;
 * - --renderer-process-limit: pages already load one at a time, and site isolation keeps
 *   cross-site frames apart whatever the limit; --disable-gpu: no change; with
 *   --disable-software-rasterizer 13 MB less, but pages lose WebGL, which skimmers probe;
 * - --single-process: unsupported, and one crash would lose the whole browser;
 * - blocking images or fonts: a skimmer can hide its code in an image (a favicon's EXIF) and
 *   run it from onload, so a blocked resource could hide a script.
 */
export const LEAN_FEATURES = {
  disabled: [
    // Full-Chrome headless preloads the omnibox popup's WebUI for a window nobody sees: one renderer (~35 MB).
    'WebUIOmniboxPopup',
    'WebUIOmniboxAimPopup',
    // A spare renderer kept warm for the next navigation (~30 MB): pages load one at a time anyway.
    'SpareRendererForSitePerProcess',
  ],
  enabled: [
    // The network service as a thread of the browser process, not a process of its own (~25 MB).
    'NetworkServiceInProcess2',
  ],
} as const;
/** The GPU service (SwiftShader compositing when headless) as a thread of the browser process (~40 MB). */
const LEAN_SWITCHES = ['--in-process-gpu'];

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
  } catch (e) {
    // A bug of ours (no path given at all) is not a missing browser.
    if (isProgrammingError(e)) throw e;
    return { ok: false, detail: `no Chromium at ${opts.executablePath}: install it (${INSTALL_HINT}) or set ${CHROMIUM_ENV} to its path` };
  }
  const args = [
    // Chromium refuses to run its sandbox as root (containers, CI runners).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(opts.hostRules.length ? [`--host-resolver-rules=${opts.hostRules.join(', ')}`] : []),
    ...(opts.pinnedKeys.length ? [`--ignore-certificate-errors-spki-list=${opts.pinnedKeys.join(',')}`] : []),
    ...LEAN_SWITCHES,
    `--disable-features=${[...PLAYWRIGHT_FEATURES.disabled, ...LEAN_FEATURES.disabled].join(',')}`,
    `--enable-features=${[...PLAYWRIGHT_FEATURES.enabled, ...LEAN_FEATURES.enabled].join(',')}`,
  ];
  // Loaded only when a browser starts: ~35 MB and 0.6 s of CPU that a scan without payment pages
  // never needs. Outside the launch's try: a missing or broken package is an install bug of ours,
  // not a browser to reinstall.
  const { chromium } = await importEsm<typeof import('playwright-core')>('playwright-core');
  try {
    // Signals are the CLI's (it aborts the scan, which closes the browser); Playwright still
    // kills the browser when the process exits.
    const browser = await chromium.launch({
      executablePath: opts.executablePath,
      args,
      ignoreDefaultArgs: PLAYWRIGHT_FEATURE_SWITCHES,
      timeout: LAUNCH_MS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return { ok: true, browser };
  } catch (e) {
    // A launch option of ours that is wrong is a bug, not a browser to reinstall.
    if (isProgrammingError(e)) throw e;
    const first = String((e as Error).message ?? e)
      .split('\n')[0]!
      .slice(0, 300);
    return { ok: false, detail: `Chromium at ${opts.executablePath} did not start (${first}): reinstall it (${INSTALL_HINT}) or set ${CHROMIUM_ENV}` };
  }
}
