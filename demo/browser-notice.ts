import { accessSync, constants } from 'node:fs';
import { CHROMIUM_ENV, chromiumPath, INSTALL_HINT } from '../probes/browser/chromium.js';

/**
 * What the demo says before scanning when there is no Chromium to load its payment pages:
 * SCR-01..04 will be inconclusive (never pass), and how to get the browser.
 */
export function browserNotice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = chromiumPath(undefined, env);
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return `No Chromium at ${path}: the payment-page checks SCR-01..04 will be inconclusive. Install it (${INSTALL_HINT}) or set ${CHROMIUM_ENV} to its path, then run the demo again.`;
  }
}
