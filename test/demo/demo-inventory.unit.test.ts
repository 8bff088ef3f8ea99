import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../core/inventory.js';
import { BUILT_IN } from '../../core/targets.js';
import { browserNotice } from '../../demo/browser-notice.js';
import { BOOTSTRAP, PAGE_HEADERS, SKIMMER_HOST, SKIMMER_PATH, STATIC } from '../../demo/checkout.js';
import { authorise } from '../../suites/scripts/inventory-match.js';

// The inventory shipped with the demo must authorise exactly what the demo store serves, but
// not the script its tampered module injects: otherwise the demo's SCR failures would lie.
const file = fileURLToPath(new URL('../../demo/inventory.yaml', import.meta.url));
const inventory = parseInventory(readFileSync(file, 'utf8'), file);
const origin = 'https://demo-store.mageprobe.test:40123';
const external = (url: string) => ({ kind: 'external' as const, url, origin: new URL(url).origin, sha256: 'x', excerpt: '' });

describe('the demo inventory', () => {
  it('authorises the store modules on any port and the bootstrap by its hash', () => {
    for (const m of ['requirejs/require', 'Magento_Theme/js/theme', 'Vendor_Analytics/js/tracker', 'Magento_Checkout/js/view/payment']) {
      expect(authorise(external(`${origin}${STATIC}${m}.js`), inventory).kind, m).toBe('authorised');
    }
    const sha256 = createHash('sha256').update(BOOTSTRAP).digest('base64');
    expect(authorise({ kind: 'inline', sha256, excerpt: BOOTSTRAP }, inventory).kind).toBe('authorised');
  });

  it('does not authorise the injected script, nor store files outside the static tree', () => {
    expect(authorise(external(`https://${SKIMMER_HOST}:40123${SKIMMER_PATH}`), inventory).kind).toBe('unlisted');
    expect(authorise(external(`${origin}/media/evil.js`), inventory).kind).toBe('unlisted');
    expect(authorise({ kind: 'dynamic', sha256: 'AAAA', excerpt: 'eval(atob("..."))' }, inventory).kind).toBe('unlisted');
  });

  it('records the headers every default payment page sends', () => {
    for (const page of BUILT_IN.paymentPages) expect(inventory.headers[page], page).toEqual(PAGE_HEADERS);
  });
});

describe('the demo without Chromium', () => {
  it('says how to install it and that SCR-01..04 will be inconclusive', () => {
    const notice = browserNotice({ MAGEPROBE_CHROMIUM: '/nonexistent/chromium' });
    expect(notice).toContain('No Chromium at /nonexistent/chromium');
    expect(notice).toContain('SCR-01..04 will be inconclusive');
    expect(notice).toContain('apt-get install chromium');
    expect(notice).toContain('MAGEPROBE_CHROMIUM');
  });

  it('says nothing when the browser is there', () => {
    expect(browserNotice({ MAGEPROBE_CHROMIUM: process.execPath })).toBeUndefined();
  });
});
