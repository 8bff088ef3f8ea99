import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import type { Verdict } from '../../core/verdict.js';
import { magentoChecks } from '../../suites/magento/checks.js';
import { startLabStores, type LabStores } from '../lab/magento-app/stores.js';

// MAG-01..04 against the lab's Magento-like front controller behind nginx + php-fpm, and Apache.
describe('Magento application (MAG-01..04)', () => {
  let lab: LabStores;
  const verdicts = new Map<string, Map<string, Verdict>>();
  beforeAll(async () => {
    lab = await startLabStores({ apache: true });
    for (const kind of ['hardened', 'insecure', 'stock', 'soft404', 'apache'] as const) verdicts.set(kind, await evaluateArea(magentoChecks, lab.target(kind)));
  });
  afterAll(() => lab?.destroy());
  const of = (kind: string, id: string) => verdicts.get(kind)!.get(id)!;
  const facts = (v: Verdict) => v.evidence.at(-1)!.facts as Record<string, unknown>;

  it('fingerprints the lab store as Magento and records the markers', () => {
    const f = facts(of('hardened', 'MAG-03'));
    expect(f['magentoDetected']).toBe(true);
    expect(f['magentoMarkers']).toEqual(expect.arrayContaining(['home page: text/x-magento-init script', '/graphql: Magento GraphQL error shape']));
    expect(facts(of('soft404', 'MAG-03'))['magentoDetected']).toBe(false);
  });

  it('MAG-01 passes when nothing discloses the version, and fails on /magento_version and exposed manifests', () => {
    expect(of('hardened', 'MAG-01').outcome, of('hardened', 'MAG-01').message).toBe('pass');
    expect(of('stock', 'MAG-01').outcome).toBe('fail');
    expect(of('stock', 'MAG-01').message).toContain('/magento_version ("Magento/2.4 (Community)")');
    expect(of('insecure', 'MAG-01').message).toContain('/composer.lock');
  });

  it('MAG-02 fails an end-of-life release inside known critical vulnerabilities', () => {
    const v = of('insecure', 'MAG-02');
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain('Magento 2.4.3-p1 (from http://shop.example.test:8082/composer.lock)');
    expect(v.message).toContain('release line 2.4.3 out of security support since 2022-11-28');
    expect(v.message).toContain('CVE-2022-24086');
    expect(v.message).toContain('CVE-2024-34102');
  });

  it('MAG-02 passes a supported release outside every known range', () => {
    const v = of('apache', 'MAG-02');
    expect(v.outcome, v.message).toBe('pass');
    expect(v.message).toContain('2.4.8-p5');
  });

  it('MAG-02 is inconclusive with only major.minor, and when no version is disclosed — never a pass', () => {
    expect(of('stock', 'MAG-02').outcome).toBe('inconclusive');
    expect(of('stock', 'MAG-02').message).toContain('patch level is unknown');
    expect(of('hardened', 'MAG-02').outcome).toBe('inconclusive');
    expect(of('hardened', 'MAG-02').message).toContain('version not disclosed');
  });

  it("MAG-03 passes on Magento's 401 and fails when protected resources return data", () => {
    expect(of('hardened', 'MAG-03').outcome).toBe('pass');
    expect(of('hardened', 'MAG-03').message).toContain('401 (refused by Magento)');
    expect(of('insecure', 'MAG-03').outcome).toBe('fail');
    expect(of('insecure', 'MAG-03').message).toContain('/rest/V1/categories → 200');
    expect(of('apache', 'MAG-03').outcome).toBe('not-applicable');
  });

  it('MAG-04 passes when error pages are generic and fails on stack traces and file paths', () => {
    expect(of('hardened', 'MAG-04').outcome, of('hardened', 'MAG-04').message).toBe('pass');
    expect(of('stock', 'MAG-04').outcome).toBe('pass');
    const v = of('insecure', 'MAG-04');
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain('PHP stack trace: "#0 /var/www/magento/vendor/magento/framework/App/Http.php(116)');
    const leaking = (facts(v)['answers'] as { path: string; disclosures?: string[] }[]).filter((a) => a.disclosures?.length);
    expect(leaking.some((a) => a.path.startsWith('/rest/V1/'))).toBe(true);
  });

  it('never fails on the soft-404 store', () => {
    for (const [id, v] of verdicts.get('soft404')!) expect(['pass', 'not-applicable', 'inconclusive'], `${id}: ${v.message}`).toContain(v.outcome);
  });
});
