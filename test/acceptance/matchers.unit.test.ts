import { describe, expect, it } from 'vitest';
import { asCheck, type CheckBody } from '../../acceptance/check.js';
import { verdictOf } from '../../acceptance/findings.js';
import { CustomCheckError, customSpec } from '../../acceptance/spec.js';
import { createEngine, type Engine } from '../../core/engine.js';
import { runCheck } from '../../core/evaluate.js';
import { evidence } from '../../core/evidence.js';
import { CheckCrashed } from '../../core/internal-error.js';
import { makeTarget } from '../../core/targets.js';
import type { HttpClient, RequestOptions } from '../../probes/http/client.js';
import type { HttpResult } from '../../probes/http/exchange.js';
import type { ProtocolScan, TlsScan } from '../../probes/tls/enumerate.js';
import { PROTOCOLS, type Protocol } from '../../probes/tls/protocol.js';
import { webClientFact } from '../../probes/web/session.js';
import { tlsScan } from '../../suites/tls/facts.js';
import { refusedProtocol } from '../tls/recorded-scans.js';

// The acceptance matchers and check() on recorded answers: a recorded HTTP client and TLS scan stand
// in the target's shared facts (as the built-in judges are tested), so every outcome is shown without a server.

const HOST = 'shop.example.test';
const target = makeTarget({
  name: 'shop',
  url: `https://${HOST}/`,
  address: '198.18.0.9',
  waivers: [{ check: 'ACME-09', justification: 'PSP header rolls out with release 42', expires: '2099-12-31' }],
});

interface Answer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string | string[]>;
}

const NOT_FOUND =
  '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Whoops, our bad...</h1><p>The page you requested was not found.</p></body></html>';
const HOME_HEADERS = { 'content-type': 'text/html; charset=UTF-8', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': 'max-age=31536000' };
const HOME: Answer = {
  status: 200,
  body: '<!doctype html><html><head><title>ACME Shop</title></head><body><h1>Welcome to ACME</h1><p>Spring sale on every bicycle.</p></body></html>',
  headers: HOME_HEADERS,
};
const LISTING =
  '<html>\r\n<head><title>Index of /var/export/</title></head>\r\n<body>\r\n<h1>Index of /var/export/</h1><hr><pre><a href="../">../</a>\r\n<a href="products.csv">products.csv</a>    30-Nov-2026 02:00    81234\r\n</pre><hr></body>\r\n</html>\r\n';
const CSV = 'sku,store_view_code,attribute_set_code,product_type,name\nB-100,,Default,simple,Road bike\n';

/** A recorded HTTP client: each path (any method unless keyed "METHOD path") answers as written, everything else as '*' or with the 404 page. */
function recorded(answers: Record<string, Answer | 'reset'>): HttpClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    requestsSent: 0,
    async request(opts: RequestOptions): Promise<HttpResult> {
      const method = opts.method ?? 'GET';
      const url = new URL(opts.path, `https://${HOST}/`);
      asked.push(`${method} ${url.pathname}`);
      const a = answers[`${method} ${url.pathname}`] ??
        answers[url.pathname] ??
        answers['*'] ?? { status: 404, body: NOT_FOUND, headers: { 'content-type': 'text/html' } };
      const at = new Date(0).toISOString();
      if (a === 'reset') return { ok: false, failure: { url: url.href, method, kind: 'reset', error: 'ECONNRESET', address: '198.18.0.9:443', at } };
      const location = a.headers?.location;
      const redirect = typeof location === 'string' ? { to: new URL(location, url).href, leads: 'target' as const } : undefined;
      const interference = a.headers?.['x-amzn-waf-action'] ? 'AWS WAF challenge' : undefined;
      return {
        ok: true,
        exchange: {
          url: url.href,
          method,
          status: a.status,
          headers: a.headers ?? {},
          body: Buffer.from(a.body ?? ''),
          bodyTruncated: false,
          address: '198.18.0.9:443',
          at,
          elapsedMs: 3,
          ...(redirect ? { redirect } : {}),
          ...(interference ? { interference } : {}),
        },
      };
    },
    close: async () => undefined,
    destroy: async () => undefined,
  };
}

function scanOf(accepted: readonly Protocol[], open: readonly Protocol[] = []): TlsScan {
  const protocols = Object.fromEntries(
    PROTOCOLS.map((p) => [
      p,
      accepted.includes(p)
        ? {
            ...refusedProtocol(p),
            status: 'accepted',
            refusals: [],
            accepted: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
            hello: {
              version: '0x0303',
              suite: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
              compression: 'null',
              extensions: [],
              sessionTicket: false,
              renegotiationInfo: true,
            },
          }
        : open.includes(p)
          ? { ...refusedProtocol(p), status: 'inconclusive', refusals: [], errors: ['timeout after 5000 ms'] }
          : refusedProtocol(p),
    ]),
  ) as Record<Protocol, ProtocolScan>;
  return { address: '198.18.0.9', port: 443, sni: HOST, reachable: true, protocols, handshakes: 12, elapsedMs: 40 };
}

async function contextWith(answers: Record<string, Answer | 'reset'>, scan?: TlsScan): Promise<Engine & { client: ReturnType<typeof recorded> }> {
  const ctx = createEngine(target);
  const client = recorded({ '/': HOME, ...answers });
  ctx.seed(webClientFact, client);
  if (scan) ctx.seed(tlsScan, scan);
  return Object.assign(ctx, { client });
}

let n = 0;
/** Runs a check body as the engine does (runCheck: waivers, bugs as CheckCrashed) against recorded answers. */
async function judge(body: CheckBody, answers: Record<string, Answer | 'reset'> = {}, scan?: TlsScan, id = `UNIT-${String(++n).padStart(2, '0')}`) {
  const spec = customSpec({ id, title: 'recorded', severity: 'high' });
  return runCheck(asCheck(spec, body), await contextWith(answers, scan));
}

describe('toBlock: content and the not-found baseline decide, never a status alone', () => {
  it("passes when the path answers like the site's not-found page, with the answer and the baseline as evidence", async () => {
    const v = await judge(async (store) => expect(store).toBlock('/var/export/'));
    expect(v.outcome).toBe('pass');
    expect(v.message).toMatch(
      /^\/var\/export\/ is blocked: https:\/\/shop\.example\.test\/var\/export\/ answered 404 like the site's not-found page \(\/.+\)$/,
    );
    expect(v.evidence.map((e) => e.label)).toEqual([
      'GET https://shop.example.test/var/export/ → 404',
      'not-found baseline: how https://shop.example.test answers 12 paths that cannot exist',
    ]);
  });

  it('passes on a 403 without the content, and fails on a 403 that carries a directory listing', async () => {
    expect(
      (
        await judge(async (s) => expect(s).toBlock('/var/export/'), {
          '/var/export/': { status: 403, body: '<html><body><h1>403 Forbidden</h1></body></html>' },
        })
      ).outcome,
    ).toBe('pass');
    const v = await judge(async (s) => expect(s).toBlock('/var/export/'), {
      '/var/export/': { status: 403, body: LISTING, headers: { 'content-type': 'text/html' } },
    });
    expect(v.outcome).toBe('fail');
    expect(v.message).toMatch(
      /^\/var\/export\/ is served: GET https:\/\/shop\.example\.test\/var\/export\/ → 403 carries an nginx directory listing \(".*"\)$/,
    );
  });

  it("fails on a 2xx that is not the not-found page, and on the team's marker", async () => {
    const page = await judge(async (s) => expect(s).toBlock('/var/export/'), {
      '/var/export/': { status: 200, body: 'export queue: 3 files pending', headers: { 'content-type': 'text/plain' } },
    });
    expect(page.outcome).toBe('fail');
    expect(page.message).toBe(
      "/var/export/ is served: GET https://shop.example.test/var/export/ → 200 with 29 bytes of text/plain that are not the site's not-found page",
    );
    const csv = await judge(async (s) => expect(s).toBlock('/var/export/products.csv', { markers: ['sku,store_view_code'] }), {
      '/var/export/products.csv': { status: 404, body: CSV },
    });
    expect(csv.outcome).toBe('fail');
    expect(csv.message).toContain('→ 404 carries the marker "sku,store_view_code" ("sku,store_view_code,attribute_set_code,product_type,name');
    expect(csv.evidence[0]!.facts.bodyExcerpt).toContain('sku,store_view_code');
  });

  it('passes on a soft 404 (200 with the not-found page, as for every missing path)', async () => {
    const soft: Record<string, Answer> = {};
    const v = await judge(async (s) => expect(s).toBlock('/var/export/'), soft);
    expect(v.outcome).toBe('pass');
  });

  it('follows a redirect that only adds the slash, and judges where it leads', async () => {
    const v = await judge(async (s) => expect(s).toBlock('/var/export'), {
      '/var/export': { status: 301, headers: { location: '/var/export/' } },
      '/var/export/': { status: 200, body: LISTING, headers: { 'content-type': 'text/html' } },
    });
    expect(v.outcome).toBe('fail');
    expect(v.evidence.map((e) => e.label).slice(0, 2)).toEqual([
      'GET https://shop.example.test/var/export/ → 200',
      'GET https://shop.example.test/var/export → 301',
    ]);
  });

  it('is inconclusive on a 5xx, a WAF challenge, a lasting 429 and no answer: never a pass', async () => {
    const cases: Record<string, Answer | 'reset'>[] = [
      { '/var/export/': { status: 503, body: 'maintenance', headers: { 'retry-after': '3600' } } },
      { '/var/export/': { status: 202, body: '<html></html>', headers: { 'x-amzn-waf-action': 'challenge' } } },
      { '/var/export/': { status: 429, body: 'slow down' } },
      { '/var/export/': 'reset' },
    ];
    const reasons = [];
    for (const answers of cases) {
      const v = await judge(async (s) => expect(s).toBlock('/var/export/'), answers);
      expect(v.outcome).toBe('inconclusive');
      expect(v.evidence.length).toBeGreaterThan(0);
      reasons.push(v.message);
    }
    expect(reasons).toEqual([
      '/var/export/: GET https://shop.example.test/var/export/ → 503: server error, not an answer from the store (Retry-After: 3600)',
      '/var/export/: GET https://shop.example.test/var/export/ → 202: AWS WAF challenge answered instead of the store',
      '/var/export/: GET https://shop.example.test/var/export/ → 429: still rate limited (429) after backing off',
      '/var/export/: GET https://shop.example.test/var/export/: no answer (reset: ECONNRESET)',
    ]);
  });

  it('is inconclusive when the not-found page cannot be learned', async () => {
    const v = await judge(async (s) => expect(s).toBlock('/var/export/'), { '*': { status: 502, body: 'bad gateway' } });
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toMatch(/^\/var\/export\/: could not learn the site's not-found page \(GET .* → 502: server error/);
  });
});

describe('toRefuseMethod', () => {
  it('is inconclusive when given no path: no request, nothing seen', async () => {
    const v = await judge(async (s) => expect(s).toRefuseMethod('PUT', { paths: [] }));
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toContain('PUT: no path was asked, so nothing was seen');
  });

  it('passes on 405 everywhere, fails on a 2xx, is inconclusive on a 5xx', async () => {
    const refusedAll = await judge(async (s) => expect(s).toRefuseMethod('put', { paths: ['/'] }), {
      'PUT /': { status: 405, headers: { allow: 'GET, HEAD, POST' } },
    });
    expect(refusedAll.outcome).toBe('pass');
    expect(refusedAll.message).toBe('PUT refused: / → 405 by application or unknown');
    const accepted = await judge(async (s) => expect(s).toRefuseMethod('DELETE', { paths: ['/'] }), { 'DELETE /': { status: 204 } });
    expect(accepted.outcome).toBe('fail');
    expect(accepted.message).toBe('DELETE accepted: https://shop.example.test/ → 204');
    const down = await judge(async (s) => expect(s).toRefuseMethod('PUT', { paths: ['/'] }), { 'PUT /': { status: 502 } });
    expect(down.outcome).toBe('inconclusive');
  });
});

describe('toAcceptOnlyTls', () => {
  it('passes on exactly the listed versions, fails on an extra or a missing one, is inconclusive when undecided', async () => {
    const only = (body: string[]) => async (s: Parameters<CheckBody>[0]) => expect(s).toAcceptOnlyTls(body);
    expect((await judge(only(['1.2', '1.3']), {}, scanOf(['TLSv1.2', 'TLSv1.3']))).message).toBe(
      'only TLS 1.2 and TLS 1.3 accepted; SSLv2, SSLv3, TLS 1.0, TLS 1.1 refused',
    );
    const extra = await judge(only(['1.2', 'TLSv1.3']), {}, scanOf(['TLSv1.0', 'TLSv1.2', 'TLSv1.3']));
    expect([extra.outcome, extra.message]).toEqual(['fail', 'TLS 1.0 accepted (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)']);
    const missing = await judge(only(['1.2', '1.3']), {}, scanOf(['TLSv1.2']));
    expect([missing.outcome, missing.message]).toEqual(['fail', 'TLS 1.3 refused (fatal alert protocol_version)']);
    const open = await judge(only(['1.2', '1.3']), {}, scanOf(['TLSv1.2', 'TLSv1.3'], ['TLSv1.1']));
    expect([open.outcome, open.message]).toEqual(['inconclusive', 'no decision for TLS 1.1 (timeout after 5000 ms)']);
    const none = await judge(only(['1.2']), {}, scanOf([]));
    expect(none.outcome).toBe('inconclusive');
    expect(none.message).toMatch(/^no ServerHello to any of 12 hellos/);
  });
});

describe('toSendHeader', () => {
  it('judges the home page a browser ends on: equal, matching, absent, other value', async () => {
    const send = (name: string, value?: string | RegExp) => async (s: Parameters<CheckBody>[0]) => expect(s).toSendHeader(name, value);
    expect((await judge(send('X-Frame-Options', /^(DENY|SAMEORIGIN)$/))).message).toBe(
      'X-Frame-Options: SAMEORIGIN on https://shop.example.test/ (wanted /^(DENY|SAMEORIGIN)$/)',
    );
    expect((await judge(send('Strict-Transport-Security'))).outcome).toBe('pass');
    const absent = await judge(send('Permissions-Policy', /payment=\(self\)/));
    expect([absent.outcome, absent.message]).toEqual(['fail', 'Permissions-Policy is absent on https://shop.example.test/ (200)']);
    expect((absent.evidence[0]!.facts.headers as Record<string, string>)['x-frame-options']).toBe('SAMEORIGIN');
    const other = await judge(send('X-Frame-Options', 'DENY'));
    expect([other.outcome, other.message]).toEqual(['fail', 'X-Frame-Options is "SAMEORIGIN" on https://shop.example.test/ (wanted "DENY")']);
  });

  it('combines repeated fields before matching (RFC 9110 §5.3), and is inconclusive off a 2xx page', async () => {
    const twice = await judge(async (s) => expect(s).toSendHeader('X-Frame-Options', /^(DENY|SAMEORIGIN)$/), {
      '/': { ...HOME, headers: { ...HOME_HEADERS, 'x-frame-options': ['DENY', 'SAMEORIGIN'] } },
    });
    expect([twice.outcome, twice.message]).toEqual([
      'fail',
      'X-Frame-Options is "DENY, SAMEORIGIN" on https://shop.example.test/ (wanted /^(DENY|SAMEORIGIN)$/)',
    ]);
    const down = await judge(async (s) => expect(s).toSendHeader('X-Frame-Options'), { '/': { status: 503, headers: HOME_HEADERS } });
    expect(down.outcome).toBe('inconclusive');
  });
});

describe('check(): matchers, returned verdicts and errors make the case', () => {
  it("all matchers met: a pass carrying every matcher's evidence", async () => {
    const v = await judge(async (s) => {
      await expect(s).toBlock('/var/export/');
      await expect(s).toSendHeader('X-Frame-Options');
    });
    expect(v.outcome).toBe('pass');
    expect(v.message).toMatch(/^\/var\/export\/ is blocked: .*; X-Frame-Options: SAMEORIGIN on https:\/\/shop\.example\.test\/$/);
    expect(v.evidence.length).toBe(3);
  });

  it('a failed matcher ends the check as a fail with its evidence; later matchers do not run', async () => {
    let after = false;
    const v = await judge(async (s) => {
      await expect(s).toSendHeader('Permissions-Policy');
      after = true;
    });
    expect([v.outcome, v.message, after]).toEqual(['fail', 'Permissions-Policy is absent on https://shop.example.test/ (200)', false]);
  });

  it('an unusable answer through store.get is inconclusive with its evidence', async () => {
    const v = await judge(
      async (s) => {
        const ex = await s.get('/checkout/');
        return s.pass(`checkout answered ${ex.status}`);
      },
      { '/checkout/': { status: 503, body: 'maintenance' } },
    );
    expect(v.outcome).toBe('inconclusive');
    expect(v.evidence[0]!.label).toBe('GET https://shop.example.test/checkout/ → 503');
  });

  it('a returned verdict counts with the findings; store.pass defaults to what the case observed', async () => {
    const v = await judge(async (s) => {
      const ex = await s.get('/robots.txt');
      return ex.status === 404 ? s.pass('no robots.txt') : s.fail('robots.txt served');
    });
    expect([v.outcome, v.evidence.map((e) => e.label)]).toEqual(['pass', ['GET https://shop.example.test/robots.txt → 404']]);
  });

  it('a plain failed expect() fails with what the case observed', async () => {
    const v = await judge(async (s) => {
      const ex = await s.get('/robots.txt');
      expect(ex.status).toBe(200);
    });
    expect(v.outcome).toBe('fail');
    expect(v.message).toMatch(/^assertion failed: expected 404 to be 200/);
    expect(v.evidence.map((e) => e.label)).toEqual(['GET https://shop.example.test/robots.txt → 404']);
  });

  it('a waiver in the targets file applies to a custom ID', async () => {
    const v = await judge(async (s) => expect(s).toSendHeader('Permissions-Policy'), {}, undefined, 'ACME-09');
    expect(v.outcome).toBe('waived');
    expect(v.message).toBe(
      'waived until 2099-12-31: PSP header rolls out with release 42 (found: Permissions-Policy is absent on https://shop.example.test/ (200))',
    );
  });

  it('bugs in a check are internal errors, never verdicts: a TypeError, nothing judged, a pass without evidence, .not, a non-RE2 pattern, a request body', async () => {
    const bodies: CheckBody[] = [
      async () => {
        (undefined as unknown as { x: number }).x;
      },
      async () => undefined,
      async (s) => s.pass('looks fine'),
      async (s) => expect(s).not.toBlock('/var/export/'),
      async (s) => expect(s).toSendHeader('X-Frame-Options', /(?=DENY)/),
      async (s) => s.pass(`${(await s.request({ path: '/cart', method: 'POST', body: 'qty=1' } as Parameters<typeof s.request>[0])).ok}`),
      async (s) => {
        // A bug after a caught failed matcher is still a bug, not that failure.
        await expect(s)
          .toSendHeader('Permissions-Policy')
          .catch(() => undefined);
        JSON.parse('{');
      },
    ];
    const why = [
      /TypeError: Cannot read properties of undefined/,
      /TypeError: UNIT-\d+: the check met no matcher and returned no verdict/,
      /TypeError: UNIT-\d+: a pass needs evidence/,
      /TypeError: expect\(store\)\.not\.toBlock\(\) is not supported/,
      /TypeError: toSendHeader: \/\(\?=DENY\)\/ cannot run in linear time/,
      /TypeError: UNIT-\d+: store\.request sends no request body/,
      /SyntaxError: /,
    ];
    for (const [i, body] of bodies.entries()) {
      const crash = await judge(body).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(crash).toBeInstanceOf(CheckCrashed);
      expect((crash as CheckCrashed).message).toMatch(why[i]!);
    }
  });

  it('a probe error that is about the target stays inconclusive', async () => {
    const v = await judge(async () => {
      throw new Error('socket hang up');
    });
    expect([v.outcome, v.message]).toEqual(['inconclusive', 'probe error: Error: socket hang up']);
  });
});

describe('custom check IDs', () => {
  it('refuses a catalogue ID naming the catalogue check, a catalogue prefix, a malformed ID, and a bad severity', () => {
    expect(() => customSpec({ id: 'HDR-01', title: 'Framing', severity: 'high' })).toThrow(
      new CustomCheckError(
        'check HDR-01 "Framing": collides with the catalogue\'s HDR-01 "X-Frame-Options restricts framing"; give your check its own prefix (e.g. ACME-01)',
      ),
    );
    expect(() => customSpec({ id: 'TLS-42', title: 'x', severity: 'high' })).toThrow(/prefix TLS belongs to the catalogue/);
    expect(() => customSpec({ id: 'acme-1', title: 'x', severity: 'high' })).toThrow(/an ID is 2–10 capitals or digits/);
    expect(() => customSpec({ id: 'ACME-01', title: ' ', severity: 'severe' as 'high' })).toThrow(
      /a title is required; severity must be one of info, low, medium, high, critical/,
    );
  });

  it("accepts the documented shape and keeps the team's remediation text", () => {
    expect(customSpec({ id: 'SHOP2-105', title: ' Exports ', severity: 'low', why: 'w', fix: ' f ' })).toEqual({
      id: 'SHOP2-105',
      title: 'Exports',
      area: 'acceptance',
      severity: 'low',
      source: 'team acceptance check',
      why: 'w',
      fix: 'f',
    });
  });
});

describe('the rule over findings', () => {
  const e = evidence('seen', {});
  it('fail if any failed, else inconclusive if any could not judge, else pass', () => {
    const p = { outcome: 'pass', message: 'p', evidence: [e] } as const;
    const f = { outcome: 'fail', message: 'f', evidence: [e] } as const;
    const i = { outcome: 'inconclusive', message: 'i', evidence: [] } as const;
    expect(verdictOf([p, i, f])?.outcome).toBe('fail');
    expect(verdictOf([p, i])?.outcome).toBe('inconclusive');
    expect(verdictOf([p, p])?.message).toBe('p; p');
    expect(verdictOf([])).toBeUndefined();
  });
});
