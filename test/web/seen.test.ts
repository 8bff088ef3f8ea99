import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import { movedTargetWarnings } from '../../cli/moved-targets.js';
import type { AreaChecks } from '../../core/check.js';
import { evaluateArea } from '../../core/evaluate.js';
import type { Verdict } from '../../core/verdict.js';
import { httpClientFor } from '../../probes/http/client.js';
import { followWithinSite } from '../../probes/http/follow.js';
import { adminChecks } from '../../suites/admin/checks.js';
import { headerChecks } from '../../suites/headers/checks.js';
import { magentoChecks } from '../../suites/magento/checks.js';
import { methodChecks } from '../../suites/methods/checks.js';
import { pathChecks } from '../../suites/paths/checks.js';
import {
  awsWafChallenge,
  bombs,
  brotliBomb,
  COMPRESSED_SECRETS,
  compressedSecrets,
  dataDomeBlock,
  endlessRedirects,
  GIT_CONFIG,
  gzipBomb,
  type Handler,
  maintenance,
  movedToWww,
  type OddStore,
  oddCertificate,
  startOddStore,
} from '../lab/odd-stores.js';

// "Never a pass without seeing the store": stores that answer, but not as the store, on loopback.
const WEB_AREAS: readonly AreaChecks[] = [pathChecks, methodChecks, adminChecks, magentoChecks, headerChecks];

async function scanAll(store: OddStore): Promise<Map<string, Verdict>> {
  const all = new Map<string, Verdict>();
  for (const area of WEB_AREAS) for (const [id, v] of await evaluateArea(area, store.target({ admin: { path: '/ops' } }))) all.set(id, v);
  return all;
}

describe('a check judges only answers from the store itself', () => {
  const stores: OddStore[] = [];
  const scans = new Map<string, Map<string, Verdict>>();
  const start = async (name: string, handler: Handler) => {
    const store = await startOddStore(handler);
    stores.push(store);
    scans.set(name, await scanAll(store));
  };
  beforeAll(async () => {
    await Promise.all([
      start('maintenance', maintenance),
      start('moved', movedToWww),
      start('loop', endlessRedirects),
      start('aws-waf', awsWafChallenge),
      start('datadome', dataDomeBlock),
    ]);
  }, 180_000);
  afterAll(() => Promise.all(stores.map((s) => s.close())));

  const everyWebCheck = (name: string, message: RegExp) => {
    const verdicts = scans.get(name)!;
    expect(verdicts.size).toBe(WEB_AREAS.reduce((n, a) => n + a.checks.length, 0));
    for (const [id, v] of verdicts) {
      expect(v.outcome, `${id}: ${v.message}`).toBe('inconclusive');
      // MAG-02 reports that no version was disclosed, without a reason of its own.
      if (id !== 'MAG-02') expect(v.message, id).toMatch(message);
    }
  };

  it('maintenance mode (503 + Retry-After everywhere): every web check is inconclusive, naming the 503', () => {
    everyWebCheck('maintenance', / → 503: server error, not an answer from the store \(Retry-After: 3600\)/);
  });

  it('a target that redirects to another origin: every web check is inconclusive and says which URL to scan', () => {
    everyWebCheck('moved', /target redirects to https:\/\/www\.shop\.example\.test\/ — scan that URL/);
    // The scan says the one cause once, as a warning, beside each check's message.
    const cases = [...scans.get('moved')!].map(([id, verdict]) => ({
      target: 'moved',
      url: 'http://shop.example.test/',
      check: checkSpec(id),
      verdict,
      startedAt: '',
      durationMs: 0,
    }));
    expect(movedTargetWarnings(cases)).toEqual([
      expect.stringMatching(
        /^moved: http:\/\/shop\.example\.test\/ redirects to https:\/\/www\.shop\.example\.test\/ — scan that URL \(\d+ checks could not judge/,
      ),
    ]);
    // Header checks are never judged on the 301 itself, good headers or not.
    expect(scans.get('moved')!.get('HDR-01')!.message).toMatch(
      /^GET http:\/\/shop\.example\.test:\d+\/ → 301: redirects to another origin \(https:\/\/www\.shop\.example\.test\/\)/,
    );
  });

  it('a home page that redirects forever leaves the header checks inconclusive, and an admin loop is named', () => {
    const loop = scans.get('loop')!;
    for (const id of ['HDR-01', 'HDR-02', 'HDR-03', 'HDR-04', 'HDR-05', 'HDR-06', 'HDR-07', 'HDR-08']) {
      expect(loop.get(id)!.outcome, id).toBe('inconclusive');
      expect(loop.get(id)!.message, id).toMatch(/more than 4 redirects: http:\/\/shop\.example\.test:\d+\/ → .*\?n=1/);
    }
    expect(loop.get('ADM-01')!.outcome).toBe('inconclusive');
    expect(loop.get('ADM-01')!.message).toMatch(/redirect loop: .*\/admin → .*\/admin\/ → .*\/admin\b/);
  });

  it('header checks judge only a 2xx home page, however good the headers on a 404', async () => {
    const store = await startOddStore((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html', 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' });
      res.end('<html><body>gone</body></html>');
    });
    stores.push(store);
    const verdicts = await evaluateArea(headerChecks, store.target(), (id) => id === 'HDR-01' || id === 'HDR-02');
    for (const v of verdicts.values()) {
      expect(v.outcome).toBe('inconclusive');
      expect(v.message).toMatch(/\/ → 404: the home page ends on no 2xx page/);
    }
  });

  it("every URL answering Magento's error report (503): only MAG-04 judges it; no path or admin check passes", async () => {
    const store = await startOddStore((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '3600' });
      res.end(
        '<html><body><h1>There has been an error processing your request</h1><p>Exception printing is disabled by default for security reasons.</p><p>Error log record number: 1234abcd</p></body></html>',
      );
    });
    stores.push(store);
    const verdicts = await scanAll(store);
    for (const [id, v] of verdicts) {
      if (id === 'MAG-04') expect(v.outcome, v.message).toBe('pass');
      else expect(v.outcome, `${id}: ${v.message}`).toBe('inconclusive');
      if (id !== 'MAG-02' && id !== 'MAG-04') expect(v.message, id).toMatch(/ → 503: server error, not an answer from the store \(Retry-After: 3600\)/);
    }
  });

  it('HDR-07 does not pass on a clean home page when the not-found page and the static asset were not the store', async () => {
    const store = await startOddStore((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>store</body></html>');
        return;
      }
      res.writeHead(503, { 'retry-after': '60', server: 'nginx/1.18.0', 'content-type': 'text/html' });
      res.end('<html><body>busy</body></html>');
    });
    stores.push(store);
    const v = (await evaluateArea(headerChecks, store.target(), (id) => id === 'HDR-07')).get('HDR-07')!;
    expect(v.outcome, v.message).toBe('inconclusive');
    expect(v.message).toMatch(
      /^no version-disclosing headers on 1 response\(s\), but 2 other response\(s\) could not be judged \(GET .* → 503: server error, not an answer from the store \(Retry-After: 60\)\)$/,
    );
  });

  it('an AWS WAF challenge (202 + x-amzn-waf-action) is never judged', () => {
    everyWebCheck('aws-waf', /AWS WAF challenge answered instead of the store/);
  });

  it('a DataDome block (403 + X-DataDome) is never judged, not even as "REST refuses"', () => {
    everyWebCheck('datadome', /DataDome challenge answered instead of the store/);
  });
});

describe('bodies are decoded before judging', () => {
  let secrets: OddStore;
  let bomb: OddStore;
  let paths: Map<string, Verdict>;
  const decodedBombBytes = 256 << 20;
  let gzBytes = 0;
  let brBytes = 0;
  beforeAll(async () => {
    const gz = await gzipBomb(decodedBombBytes);
    const br = brotliBomb(decodedBombBytes);
    [gzBytes, brBytes] = [gz.length, br.length];
    [secrets, bomb] = await Promise.all([startOddStore(compressedSecrets), startOddStore(bombs(gz, br))]);
    paths = await evaluateArea(pathChecks, secrets.target(), (id) => ['PATH-01', 'PATH-02', 'PATH-05'].includes(id));
  }, 120_000);
  afterAll(() => Promise.all([secrets?.close(), bomb?.close()]));

  it('PATH-01 fails on a gzipped .git/config with a credentialed remote and an unasked gzipped .env', () => {
    const v = paths.get('PATH-01')!;
    expect(v.outcome, v.message).toBe('fail');
    expect(v.message).toContain('/.git/config (a Git config file');
    expect(v.message).toContain('url = https://deploy:***@git.example.test/shop.git');
    expect(v.message).toContain('/.env (');
    const proof = v.evidence.find((e) => e.label.includes('/.git/config'))!;
    expect(proof.facts.contentDecoded).toBe(`gzip: ${gzipSync(GIT_CONFIG).length} wire bytes → ${Buffer.byteLength(GIT_CONFIG)} decoded bytes`);
  });

  it('PATH-02 fails on env.php sent brotli-compressed unasked, and on a deflated backup copy', () => {
    const v = paths.get('PATH-02')!;
    expect(v.outcome, v.message).toBe('fail');
    expect(v.message).toContain('/app/etc/env.php (');
    expect(v.message).toContain('/app/etc/env.php.bak (');
    expect(v.evidence.find((e) => e.label.endsWith('/app/etc/env.php → 200'))!.facts.contentDecoded).toMatch(/^br: /);
    expect(v.evidence.find((e) => e.label.endsWith('/app/etc/env.php.bak → 200'))!.facts.contentDecoded).toMatch(/^deflate: /);
  });

  it('PATH-05 fails on a .sql.gz sent as Content-Encoding: gzip, which the client decodes to the dump', () => {
    const v = paths.get('PATH-05')!;
    expect(v.outcome, v.message).toBe('fail');
    expect(v.message).toContain('/backup.sql.gz (a database dump: "-- MySQL dump');
  });

  it('never lets a decoded secret into a message or evidence', () => {
    const all = JSON.stringify([...paths.values()]);
    for (const s of COMPRESSED_SECRETS) expect(all).not.toContain(s);
  });

  it('decodes gzip the server sends although the request asked for identity', async () => {
    const client = httpClientFor(secrets.target());
    try {
      const r = await client.request({ path: '/.env', headers: { 'accept-encoding': 'identity' } });
      expect(r.ok && r.exchange.body.toString()).toContain('DB_PASSWORD=');
      expect(r.ok && r.exchange.decoding).toMatchObject({ encoding: 'gzip', capped: false });
    } finally {
      await client.close();
    }
  });

  it('stops a decompression bomb at the body cap, reading only part of the wire', async () => {
    const client = httpClientFor(bomb.target());
    try {
      for (const path of ['/bomb.gz', '/bomb.br']) {
        const r = await client.request({ path, maxBody: 1 << 20 });
        if (!r.ok) throw new Error(r.failure.error);
        expect(r.exchange.body.length, path).toBe(1 << 20);
        expect(r.exchange.bodyTruncated).toBe(true);
        expect(r.exchange.decoding).toMatchObject({ decodedBytes: 1 << 20, capped: true });
        expect(r.exchange.decoding!.wireBytes, path).toBeLessThanOrEqual(path === '/bomb.gz' ? gzBytes / 2 : brBytes);
      }
    } finally {
      await client.close();
    }
  });
});

describe('never from HTTPS down to plain HTTP', () => {
  let https: OddStore;
  let plain: OddStore;
  beforeAll(async () => {
    const cert = await oddCertificate();
    plain = await startOddStore((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>plain</body></html>');
    });
    https = await startOddStore((req, res) => {
      res.writeHead(301, { location: `http://shop.example.test:${plain.port}${req.url}` });
      res.end();
    }, cert);
  });
  afterAll(() => Promise.all([https?.close(), plain?.close()]));

  it('a redirect from HTTPS to HTTP is not followed, and the header checks say so', async () => {
    const target = https.target({ http: { port: plain.port } });
    const verdicts = await evaluateArea(headerChecks, target, (id) => id === 'HDR-01' || id === 'HDR-02');
    for (const v of verdicts.values()) {
      expect(v.outcome).toBe('inconclusive');
      expect(v.message).toMatch(/→ 301: redirects from HTTPS to plain HTTP \(http:\/\/shop\.example\.test:\d+\/\), not followed/);
    }
    expect(plain.seen).toEqual([]);
    const client = httpClientFor(target);
    try {
      const chain = await followWithinSite(client, '/');
      expect(chain.hops.map((h) => h.url)).toEqual([`https://shop.example.test:${https.port}/`]);
      expect(chain.leftSite).toBe(`http://shop.example.test:${plain.port}/`);
      expect(plain.seen).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('TLS-07 judges the plain-HTTP redirect itself', () => {
  let https: OddStore;
  let plain: OddStore;
  beforeAll(async () => {
    https = await startOddStore(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>store</body></html>');
      },
      await oddCertificate(),
    );
    plain = await startOddStore((req, res) => {
      res.writeHead(301, { location: `https://elsewhere.example.test${req.url}` });
      res.end();
    });
  });
  afterAll(() => Promise.all([https?.close(), plain?.close()]));

  it('fails a plain-HTTP redirect to another host while the store answers at its own URL', async () => {
    const verdicts = await evaluateArea(headerChecks, https.target({ http: { port: plain.port } }), (id) => id === 'TLS-07');
    const v = verdicts.get('TLS-07')!;
    expect(v.outcome).toBe('fail');
    expect(v.message).toMatch(/plain HTTP redirects to another host: https:\/\/elsewhere\.example\.test\//);
  });

  it('stays inconclusive with the hint when the target itself moved (apex to www)', async () => {
    const moved = await startOddStore(movedToWww, await oddCertificate());
    const plainMoved = await startOddStore(movedToWww);
    try {
      const v = (await evaluateArea(headerChecks, moved.target({ http: { port: plainMoved.port } }), (id) => id === 'TLS-07')).get('TLS-07')!;
      expect(v.outcome).toBe('inconclusive');
      expect(v.message).toMatch(/target redirects to https:\/\/www\.shop\.example\.test.* — scan that URL/);
    } finally {
      await Promise.all([moved.close(), plainMoved.close()]);
    }
  });
});

describe('HDR-09 never passes on part of the store', () => {
  let store: OddStore;
  beforeAll(async () => {
    store = await startOddStore(
      (req, res) => {
        if (req.url === '/customer/account/login/') {
          res.writeHead(503, { 'retry-after': '60', 'content-type': 'text/html' });
          return res.end('<html><body>down</body></html>');
        }
        res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'PHPSESSID=abc; Path=/; Secure; HttpOnly; SameSite=Lax' });
        res.end('<html><body>store</body></html>');
      },
      await oddCertificate(),
    );
  });
  afterAll(() => store?.close());

  it('is inconclusive when the home page sets a good session cookie but the login page answers 503', async () => {
    const v = (await evaluateArea(headerChecks, store.target(), (id) => id === 'HDR-09')).get('HDR-09')!;
    expect(v.outcome).toBe('inconclusive');
    expect(v.message).toMatch(/PHPSESSID are protected, but 1 page\(s\) could not be judged .*503/);
  });
});

describe("HDR-09 judges every page's session cookie", () => {
  let store: OddStore;
  beforeAll(async () => {
    store = await startOddStore(
      (req, res) => {
        // The home page sets a weak PHPSESSID; the login page a good one of the same name.
        const cookie = req.url === '/customer/account/login/' ? 'PHPSESSID=b; Path=/; Secure; HttpOnly; SameSite=Lax' : 'PHPSESSID=a; Path=/';
        res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': cookie });
        res.end('<html><body>store</body></html>');
      },
      await oddCertificate(),
    );
  });
  afterAll(() => store?.close());

  it('fails a weak cookie on one page although a later page sets a good one of the same name', async () => {
    const v = (await evaluateArea(headerChecks, store.target(), (id) => id === 'HDR-09')).get('HDR-09')!;
    expect(v.outcome).toBe('fail');
    expect(v.message).toMatch(/PHPSESSID \(no Secure, no HttpOnly, no SameSite\)/);
  });
});
