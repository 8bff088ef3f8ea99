import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import type { Verdict } from '../../core/verdict.js';
import { pathChecks } from '../../suites/paths/checks.js';
import { type LabStores, PLANTED_SECRETS, startLabStores } from '../lab/magento-app/stores.js';

// PATH-01..08 against real nginx + php-fpm and Apache stores in one lab host.
describe('sensitive paths (PATH-01..08)', () => {
  let lab: LabStores;
  const verdicts = new Map<string, Map<string, Verdict>>();
  beforeAll(async () => {
    lab = await startLabStores({ apache: true, https: true });
    for (const kind of ['hardened', 'insecure', 'soft404', 'apache', 'hardened-https'] as const)
      verdicts.set(kind, await evaluateArea(pathChecks, lab.target(kind)));
  });
  afterAll(() => lab?.destroy());

  const ids = pathChecks.checks.map((c) => c.id);
  const of = (kind: string, id: string) => verdicts.get(kind)!.get(id)!;

  it('passes every path check on the hardened store, with evidence of what was requested', () => {
    for (const id of ids) {
      const v = of('hardened', id);
      expect(v.outcome, `${id}: ${v.message}`).toBe('pass');
      const facts = v.evidence.at(-1)!.facts as { requestsSentToTarget: number; candidates: unknown[]; notFoundBaseline: unknown[] };
      expect(facts.requestsSentToTarget).toBeGreaterThan(0);
      expect(facts.candidates.length).toBeGreaterThan(0);
      expect(facts.notFoundBaseline.length).toBeGreaterThan(5);
    }
  });

  it('fails every path check on the insecure store, naming each URL and quoting the proof', () => {
    for (const id of ids) expect(of('insecure', id).outcome, `${id}: ${of('insecure', id).message}`).toBe('fail');
    expect(of('insecure', 'PATH-01').message).toContain('/.git/HEAD (a Git HEAD file: "ref: refs/heads/main")');
    expect(of('insecure', 'PATH-01').message).toContain('/.git/config');
    expect(of('insecure', 'PATH-02').message).toContain('/app/etc/env.php.bak');
    expect(of('insecure', 'PATH-03').message).toMatch(/composer\.json.*composer\.lock|composer\.lock.*composer\.json/);
    expect(of('insecure', 'PATH-04').message).toContain('/var/log/system.log');
    expect(of('insecure', 'PATH-05').message).toContain('/backup.sql (a database dump: "-- MySQL dump');
    expect(of('insecure', 'PATH-05').message).toContain('/shop-example-test.sql.gz (a gzip archive');
    expect(of('insecure', 'PATH-06').message).toContain('/pub/media/ (an nginx directory listing');
    expect(of('insecure', 'PATH-07').message).toContain('/pub/media/customer/');
    expect(of('insecure', 'PATH-08').message).toContain('/phpinfo.php (a phpinfo() page');
  });

  it('never lets a planted secret into a message or evidence', () => {
    const all = JSON.stringify([...verdicts.get('insecure')!.values()]);
    for (const secret of PLANTED_SECRETS) expect(all).not.toContain(secret);
    expect(of('insecure', 'PATH-02').message).toMatch(/'(?:password|key)' => '\*\*\*'/);
  });

  it('does not mistake the executed env.php (empty answer) for an exposure', () => {
    const facts = of('insecure', 'PATH-02').evidence.at(-1)!.facts as { candidates: { path: string; result: string }[] };
    expect(facts.candidates.find((c) => c.path === '/app/etc/env.php')!.result).not.toMatch(/^exposed/);
  });

  it('never fails on a soft-404 store that answers 200 and echoes the path', () => {
    for (const id of ids) {
      const v = of('soft404', id);
      expect(['pass', 'not-applicable', 'inconclusive'], `${id}: ${v.message}`).toContain(v.outcome);
    }
    expect(of('soft404', 'PATH-01').message).toMatch(/answered like the site's not-found page/);
  });

  it('judges the same store over HTTPS (SNI and Host from the URL, connecting to the lab address)', () => {
    for (const id of ids) expect(of('hardened-https', id).outcome, `${id}: ${of('hardened-https', id).message}`).toBe('pass');
    const v = of('hardened-https', 'PATH-02');
    expect(v.evidence.at(-1)!.address?.startsWith(lab.host.address)).toBe(true);
    expect(v.evidence.at(-1)!.label).toContain('https://shop.example.test:8443/');
  });

  it("recognises Apache's directory listing and an exposed composer.lock", () => {
    expect(of('apache', 'PATH-06').outcome).toBe('fail');
    expect(of('apache', 'PATH-06').message).toContain('/media/ (an Apache directory listing');
    expect(of('apache', 'PATH-07').message).toContain('/media/customer/');
    expect(of('apache', 'PATH-03').message).toContain('/composer.lock');
    expect(of('apache', 'PATH-01').outcome).toBe('pass');
  });
});
