import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { headerChecks } from '../../suites/headers/checks.js';
import { LAB_SHOP, startDoubledHeaderShop, startHardenedShop, startMisconfiguredShop, startRateLimitedShop } from '../lab/header-hosts.js';
import { createLabHost, dropAllExcept, type LabHost } from '../lab/netns.js';

const IDS = ['TLS-07', 'HDR-01', 'HDR-02', 'HDR-03', 'HDR-04', 'HDR-05', 'HDR-06', 'HDR-07', 'HDR-08', 'HDR-09'];

describe('headers suite against real nginx', () => {
  const hosts: LabHost[] = [];
  let hardened: Map<string, Verdict>;
  let misconfigured: Map<string, Verdict>;
  let silent: Map<string, Verdict>;
  let limited: Map<string, Verdict>;
  let doubled: Map<string, Verdict>;
  let untrusted: Map<string, Verdict>;
  let misnamed: Map<string, Verdict>;

  beforeAll(async () => {
    const [a, b, c, d, e] = await Promise.all([createLabHost(), createLabHost(), createLabHost(), createLabHost(), createLabHost()]);
    hosts.push(a, b, c, d, e);
    const [certA, certB, certD, certE] = await Promise.all([
      startHardenedShop(a),
      startMisconfiguredShop(b),
      startRateLimitedShop(d),
      startDoubledHeaderShop(e),
    ]);
    await c.nft(dropAllExcept([]));
    const target = (name: string, host: LabHost, caFile?: string, shop = LAB_SHOP) =>
      makeTarget({ name, url: `https://${shop}/`, address: host.address, ...(caFile ? { caFile } : {}), timeouts: { connectMs: 1500, requestMs: 4000 } });
    const hsts = (id: string) => id === 'HDR-06';
    [hardened, misconfigured, silent, limited, doubled, untrusted, misnamed] = await Promise.all([
      evaluateArea(headerChecks, target('hardened', a, certA.caFile)),
      evaluateArea(headerChecks, target('misconfigured', b, certB.caFile)),
      evaluateArea(headerChecks, target('silent', c)),
      evaluateArea(headerChecks, target('rate-limited', d, certD.caFile)),
      evaluateArea(headerChecks, target('doubled', e, certE.caFile)),
      // The hardened host again, without its CA: the chain does not validate.
      evaluateArea(headerChecks, target('untrusted', a), hsts),
      // …and with its CA but under a name the certificate does not carry.
      evaluateArea(headerChecks, target('misnamed', a, certA.caFile, 'other.lab.test'), hsts),
    ]);
  });
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.destroy()));
  });

  it.each(IDS)('%s passes on the hardened host, with evidence', (id) => {
    const v = hardened.get(id)!;
    expect(v.outcome, v.message).toBe('pass');
    expect(v.evidence.length).toBeGreaterThan(0);
    expect(v.evidence[0]!.address).toMatch(/^198\.18\.\d+\.2:(80|443)$/);
  });

  it.each(IDS)('%s fails on the misconfigured host, naming what it saw', (id) => {
    const v = misconfigured.get(id)!;
    expect(v.outcome, v.message).toBe('fail');
    expect(v.evidence.length).toBeGreaterThan(0);
  });

  it.each(IDS)('%s is inconclusive on a host that never answers', (id) => {
    expect(silent.get(id)!.outcome).toBe('inconclusive');
  });

  it.each(IDS)('%s is inconclusive when every answer is a lasting 429, even with good headers on it', (id) => {
    const v = limited.get(id)!;
    expect(v.outcome, v.message).toBe('inconclusive');
    expect(v.message).toMatch(/rate limited \(429\)/);
  });

  it.each(['HDR-01', 'HDR-02', 'HDR-03', 'HDR-04', 'HDR-05', 'HDR-06'])(
    '%s passes when Magento and nginx add_header both send the same value (two identical field lines)',
    (id) => {
      const v = doubled.get(id)!;
      expect(v.outcome, v.message).toBe('pass');
    },
  );

  it('says the doubled X-Frame-Options counts once, and the evidence shows both field lines', () => {
    const v = doubled.get('HDR-01')!;
    expect(v.message).toBe('X-Frame-Options is SAMEORIGIN (sent 2 times with the same value; browsers count it once)');
    expect((v.evidence[0]!.facts.headers as Record<string, unknown>)['x-frame-options']).toEqual(['SAMEORIGIN', 'SAMEORIGIN']);
  });

  it('HDR-06 fails when the certificate does not validate, naming why, though the host sends a long HSTS', () => {
    const v = untrusted.get('HDR-06')!;
    expect(v.outcome, v.message).toBe('fail');
    expect(v.message).toMatch(/max-age=31536000 .*browsers ignore it: the certificate for shop\.lab\.test fails validation \(chain not trusted \([A-Z_]+\)\)/);
    expect(v.evidence.at(-1)).toMatchObject({ facts: { outcome: 'untrusted' }, address: expect.stringMatching(/^198\.18\.\d+\.2:443$/) });
    // The same host with its CA as caFile: the certificate validates and HDR-06 passes.
    expect(hardened.get('HDR-06')!.message).toMatch(/certificate for shop\.lab\.test validates$/);
  });

  it("HDR-06 fails when the certificate does not carry the store's name", () => {
    const v = misnamed.get('HDR-06')!;
    expect(v.outcome, v.message).toBe('fail');
    expect(v.message).toMatch(/name other\.lab\.test does not match/);
  });

  it('quotes the observed header values in failure messages', () => {
    expect(misconfigured.get('HDR-03')!.message).toContain('"unsafe-url"');
    expect(misconfigured.get('HDR-04')!.message).toContain('"0"');
    expect(misconfigured.get('HDR-06')!.message).toContain('max-age=86400');
    expect(misconfigured.get('HDR-07')!.message).toMatch(/server: nginx\/\d/);
    expect(misconfigured.get('HDR-08')!.message).toMatch(/not-found response .* lacks .*referrer-policy/);
    expect(misconfigured.get('HDR-09')!.message).toContain('PHPSESSID (no Secure, no HttpOnly, no SameSite)');
    expect(misconfigured.get('TLS-07')!.message).toContain('answered 200');
  });

  it('compares the 403 and static responses too (HDR-08)', () => {
    const labels = hardened.get('HDR-08')!.evidence.map((e) => e.label);
    expect(labels.some((l) => / → 403$/.test(l))).toBe(true);
    expect(labels.some((l) => /static\/styles\.css → 200$/.test(l))).toBe(true);
  });
});
