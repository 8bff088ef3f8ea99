import { Readable } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../probes/http/decode.js';
import type { HttpExchange } from '../../probes/http/exchange.js';
import { recogniseInterference } from '../../probes/http/interference.js';
import { notTheStore, usableErrorPage } from '../../probes/http/usable.js';

// The interference table and the "did we see the store" rule on recorded answers (no server needed).
type Answer = { status: number; headers?: Record<string, string | string[]>; body?: string };
const ex = ({ status, headers = {}, body = '' }: Answer, method = 'GET'): HttpExchange => ({
  url: 'https://shop.example.test/x',
  method,
  status,
  headers,
  body: Buffer.from(body),
  bodyTruncated: false,
  address: '198.18.0.2:443',
  at: new Date(0).toISOString(),
  elapsedMs: 1,
});
const seen = (a: Answer) => recogniseInterference(ex(a));

const RECORDED: readonly [string, Answer][] = [
  [
    'AWS WAF challenge',
    {
      status: 202,
      headers: { 'x-amzn-waf-action': 'challenge', 'content-type': 'text/html' },
      body: '<script src="https://x.edge.sdk.awswaf.com/x/challenge.js"></script>',
    },
  ],
  ['AWS WAF CAPTCHA', { status: 405, headers: { 'x-amzn-waf-action': 'captcha' }, body: '<div id="captcha-container"></div>' }],
  [
    'CloudFront/AWS WAF block',
    {
      status: 403,
      headers: { server: 'CloudFront', 'x-cache': 'Error from cloudfront' },
      body: '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">\n<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">\n<TITLE>ERROR: The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>403 ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n<HR noshade size="1px">\nRequest blocked.\nWe can\'t connect to the server for this app or website at this time.',
    },
  ],
  [
    'Cloudflare challenge',
    {
      status: 403,
      headers: { server: 'cloudflare', 'cf-mitigated': 'challenge', 'cf-ray': '8a1b2c3d4e5f6a7b-AMS' },
      body: '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>',
    },
  ],
  [
    'Cloudflare challenge',
    {
      status: 503,
      headers: { server: 'cloudflare' },
      body: "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script>(function(){window._cf_chl_opt={cvId: '3'};}());</script>",
    },
  ],
  [
    'Cloudflare block',
    {
      status: 403,
      headers: { server: 'cloudflare' },
      body: '<!DOCTYPE html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1>',
    },
  ],
  [
    'Cloudflare block',
    { status: 403, headers: { server: 'cloudflare' }, body: '<title>Access denied | shop.example.test used Cloudflare to restrict access</title>' },
  ],
  [
    'DataDome challenge',
    {
      status: 403,
      headers: { 'x-datadome': 'protected', 'x-dd-b': '1' },
      body: '<html><head><title>shop.example.test</title></head><body><p id="cmsg">Please enable JS and disable any ad blocker</p>',
    },
  ],
  [
    'DataDome challenge',
    {
      status: 403,
      headers: {},
      body: "<script>var dd={'rt':'c','host':'geo.captcha-delivery.com'}</script><script src=\"https://ct.captcha-delivery.com/c.js\"></script>",
    },
  ],
  [
    'Akamai block',
    {
      status: 403,
      headers: { server: 'AkamaiGHost' },
      body: '<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don\'t have permission to access "http&#58;&#47;&#47;shop&#46;example&#46;test&#47;" on this server.<P>\nReference&#32;&#35;18&#46;73cfdb17&#46;1784462921&#46;702954a2\n<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;73cfdb17&#46;1784462921&#46;702954a2</P>\n</BODY>\n</HTML>',
    },
  ],
  [
    'Imperva/Incapsula challenge',
    {
      status: 200,
      headers: {},
      body: '<html style="height:100%"><head><META NAME="robots" CONTENT="noindex,nofollow"></head><body style="margin:0px;height:100%"><iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=24&xinfo=1-2-3" frameborder=0 width="100%" height="100%"></iframe></body></html>',
    },
  ],
  [
    'Imperva/Incapsula challenge',
    {
      status: 403,
      headers: {},
      body: '<iframe src="/_Incapsula_Resource?CWUDNSAI=2"></iframe>Request unsuccessful. Incapsula incident ID: 123000010123456789-12345678901234567',
    },
  ],
  ['Sucuri firewall', { status: 403, headers: { server: 'Sucuri/Cloudproxy', 'x-sucuri-block': 'BLK01' }, body: '<html>blocked</html>' }],
  [
    'Sucuri firewall',
    {
      status: 403,
      headers: { server: 'Sucuri/Cloudproxy' },
      body: '<title>Sucuri WebSite Firewall - Access Denied</title><link rel="stylesheet" href="https://cdn.sucuri.net/sucuri-firewall-block.css">',
    },
  ],
  [
    'F5 BIG-IP ASM block',
    {
      status: 200,
      headers: { 'set-cookie': 'TS01a2b3c4=01abcdef; Path=/' },
      body: "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: 8176542235019841739<br><br><a href='javascript:history.back();'>[Go Back]</a></body></html>",
    },
  ],
  [
    'Wordfence block',
    {
      status: 403,
      headers: {},
      body: '<h1>Your access to this site has been limited by the site owner</h1><p>Generated by Wordfence at Mon, 30 Nov 2026 12:00:00 GMT.</p>',
    },
  ],
  [
    'PerimeterX/HUMAN challenge',
    {
      status: 403,
      headers: {},
      body: '<html><head><title>Access to this page has been denied</title></head><body><div id="px-captcha"></div><script>window._pxAppId = \'PXabcdef12\';</script>',
    },
  ],
  [
    'Kasada challenge',
    {
      status: 429,
      headers: { 'x-kpsdk-ct': '0abcDEF', 'content-type': 'text/html' },
      body: '<script src="/149e9513-01fa-4fb0-aad4-566afd725d1b/2d206a39-8ed7-437e-a3be-862e0f06eea3/ips.js"></script>',
    },
  ],
  [
    'ModSecurity block',
    {
      status: 406,
      headers: {},
      body: '<h1>Not Acceptable!</h1><p>An appropriate representation of the requested resource could not be found on this server. This error was generated by Mod_Security.</p>',
    },
  ],
  ['DDoS-Guard challenge', { status: 403, headers: { server: 'ddos-guard' }, body: '<title>DDoS-Guard</title>' }],
];

// Ordinary store answers behind the same services: vendor headers, cookies and scripts on every page.
const ORDINARY: readonly [string, Answer][] = [
  [
    'a store page behind Cloudflare (bot script on every page)',
    {
      status: 200,
      headers: { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f6a7b-AMS', 'cf-cache-status': 'DYNAMIC' },
      body: '<html><head><title>Home page</title></head><body><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></body></html>',
    },
  ],
  [
    'a store 404 behind Akamai',
    { status: 404, headers: { server: 'AkamaiGHost' }, body: '<html><title>404 Not Found</title><body>Whoops, our bad...</body></html>' },
  ],
  [
    "nginx's own 403",
    {
      status: 403,
      headers: { server: 'nginx' },
      body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>',
    },
  ],
  [
    'a store page with the HUMAN sensor',
    {
      status: 200,
      headers: { 'set-cookie': '_pxhd=abc; Path=/' },
      body: "<html><script>window._pxAppId = 'PXabcdef12';</script><body>Hot Sellers</body></html>",
    },
  ],
  [
    'a store page with the script Incapsula injects',
    {
      status: 200,
      headers: {},
      body: '<html><body>Hot Sellers<script type="text/javascript" src="/_Incapsula_Resource?SWJIYLWA=719d34d31c8e3a6e6fffd425f7e032f3&ns=1"></script></body></html>',
    },
  ],
  [
    'a store page behind Incapsula (cookies only)',
    { status: 200, headers: { 'set-cookie': ['visid_incap_123=abc; Path=/', 'incap_ses_1_123=def; Path=/'] }, body: '<html><body>Home</body></html>' },
  ],
  // A plain 429 is the store's own rate limit: the client backs off, and usable() names a lasting one.
  ['a plain 429 with Retry-After', { status: 429, headers: { 'retry-after': '60' }, body: 'Too Many Requests' }],
  ['a page that only mentions DataDome in its text', { status: 200, headers: {}, body: '<p>We use DataDome to protect this shop.</p>' }],
];

describe('interference table on recorded answers', () => {
  it.each(RECORDED)('recognises %s', (name, answer) => expect(seen(answer)).toBe(name));
  it.each(ORDINARY)('leaves %s to the checks', (_name, answer) => expect(seen(answer)).toBeUndefined());
});

describe('did we see the store', () => {
  const redirect = (leads: 'target' | 'plain-http' | 'other-origin', targetMovedTo?: string): HttpExchange => ({
    ...ex({ status: 301, headers: { location: '/y' } }),
    redirect: {
      to: leads === 'target' ? 'https://shop.example.test/y' : leads === 'plain-http' ? 'http://shop.example.test/y' : 'https://www.shop.example.test/y',
      leads,
      ...(targetMovedTo ? { targetMovedTo } : {}),
    },
  });

  it("judges the store's own answers: 2xx, 4xx, and redirects that stay on the target", () => {
    for (const status of [200, 204, 401, 403, 404, 405]) expect(notTheStore(ex({ status }))).toBeUndefined();
    expect(notTheStore(redirect('target'))).toBeUndefined();
  });

  it("5xx is not the store, naming Retry-After; 501 to a method is a refusal; the store's error page is the store to MAG-04 only", () => {
    expect(notTheStore(ex({ status: 503, headers: { 'retry-after': '120' } }))).toBe('server error, not an answer from the store (Retry-After: 120)');
    for (const status of [500, 502, 504]) expect(notTheStore(ex({ status }))).toMatch(/^server error/);
    expect(notTheStore(ex({ status: 501 }, 'MAGEPROBE'))).toBeUndefined();
    expect(notTheStore(ex({ status: 501 }, 'GET'))).toMatch(/^server error/);
    const report = ex({ status: 503, body: '<title>There has been an error processing your request</title><p>Exception printing is disabled</p>' });
    const fatal = ex({ status: 500, body: '<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function x() in /var/www/html/index.php:3' });
    const gateway = ex({ status: 503, body: '<h1>Service Temporarily Unavailable</h1>' });
    for (const page of [report, fatal, gateway]) expect(notTheStore(page)).toMatch(/^server error/);
    expect(usableErrorPage({ ok: true, exchange: report }).ok).toBe(true);
    expect(usableErrorPage({ ok: true, exchange: fatal }).ok).toBe(true);
    expect(usableErrorPage({ ok: true, exchange: gateway }).ok).toBe(false);
  });

  it('a redirect off the target is not the store, and names where the target moved', () => {
    expect(notTheStore(redirect('other-origin'))).toBe('redirects to another origin (https://www.shop.example.test/y), not the store at this URL');
    expect(notTheStore(redirect('other-origin', 'https://www.shop.example.test/'))).toMatch(
      /; target redirects to https:\/\/www\.shop\.example\.test\/ — scan that URL$/,
    );
    expect(notTheStore(redirect('plain-http'))).toBe('redirects from HTTPS to plain HTTP (http://shop.example.test/y), not followed');
  });

  it('a WAF page and a lasting 429 are not the store', () => {
    expect(notTheStore({ ...ex({ status: 200 }), interference: 'F5 BIG-IP ASM block' })).toBe('F5 BIG-IP ASM block answered instead of the store');
    expect(notTheStore(ex({ status: 429 }))).toBe('still rate limited (429) after backing off');
  });
});

describe('Content-Encoding decoding', () => {
  const text = 'DB_PASSWORD=s3cret\n'.repeat(50);
  const wire = (buf: Buffer, chunk = 64) => {
    const parts: Buffer[] = [];
    for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
    return Readable.from(parts);
  };

  it.each([
    ['gzip', gzipSync(text)],
    ['x-gzip', gzipSync(text)],
    ['deflate', deflateSync(text)],
    ['deflate', deflateRawSync(text)],
    ['br', brotliCompressSync(text)],
  ] as const)('decodes %s', async (coding, bytes) => {
    const r = await readBody(wire(bytes), coding, 1 << 20);
    expect(r.body.toString()).toBe(text);
    expect(r.decoding).toEqual({ encoding: coding, wireBytes: bytes.length, decodedBytes: text.length, capped: false });
  });

  it('undoes stacked codings last to first', async () => {
    const r = await readBody(wire(brotliCompressSync(gzipSync(text))), 'gzip, br', 1 << 20);
    expect(r.body.toString()).toBe(text);
  });

  it('caps decoded bytes and marks the body truncated', async () => {
    const r = await readBody(wire(gzipSync(Buffer.alloc(8 << 20)), 4096), 'gzip', 100_000);
    expect(r).toMatchObject({ truncated: true, decoding: { decodedBytes: 100_000, capped: true } });
    expect(r.body.length).toBe(100_000);
  });

  it('decodes a partial stream (a Range, a capped wire) as far as it goes', async () => {
    const bytes = gzipSync(text);
    const r = await readBody(wire(bytes.subarray(0, bytes.length - 12)), 'gzip', 1 << 20);
    expect(r.body.toString()).toBe(text.slice(0, r.body.length));
    expect(r.body.length).toBeGreaterThan(0);
  });

  it('keeps the bytes as sent when they are not what the header claims, or the coding is unknown', async () => {
    const plain = await readBody(wire(Buffer.from(text)), 'gzip', 1 << 20);
    expect(plain.body.toString()).toBe(text);
    expect(plain.decoding?.error).toMatch(/body kept as sent$/);
    const zstd = await readBody(wire(Buffer.from('abc')), 'zstd', 1 << 20);
    expect(zstd.body.toString()).toBe('abc');
    expect(zstd.decoding?.error).toBe('content coding "zstd" is not decoded; body kept as sent');
  });

  it('treats a coding named like an Object member as unknown (it hung or threw before)', async () => {
    for (const coding of ['constructor', '__proto__']) {
      const r = await readBody(wire(Buffer.from('abc')), coding, 1 << 20);
      expect(r.body.toString(), coding).toBe('abc');
      expect(r.decoding?.error, coding).toBe(`content coding "${coding}" is not decoded; body kept as sent`);
    }
  });

  it('reads an identity body as it is', async () => {
    expect(await readBody(wire(Buffer.from(text)), undefined, 1 << 20)).toEqual({ body: Buffer.from(text), truncated: false });
    expect(await readBody(wire(Buffer.from(text)), 'identity', 10)).toEqual({ body: Buffer.from(text.slice(0, 10)), truncated: true });
  });
});
