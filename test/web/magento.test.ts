import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import type { Verdict } from '../../core/verdict.js';
import { magentoChecks } from '../../suites/magento/checks.js';
import { type LabStores, startLabStores } from '../lab/magento-app/stores.js';

// MAG-01..04 against the lab's Magento-like front controller behind nginx + php-fpm, and Apache.
describe('Magento application (MAG-01..04)', () => {
  let lab: LabStores;
  const verdicts = new Map<string, Map<string, Verdict>>();
  /** MAG-02 of a store whose targets entry declares `magento.version` (the deployment record). */
  const declared = new Map<string, Verdict>();
  const DECLARATIONS = [
    ['hardened', '2.4.8-p5'],
    ['hardened', '2.4.7-p3'],
    ['hardened', '2.4.3-p3'],
    ['stock', '2.4.8-p5'],
    ['stock', '2.3.7-p4'],
    ['insecure', '2.4.8-p5'],
    ['insecure', '2.4.3-p1'],
  ] as const;
  beforeAll(async () => {
    lab = await startLabStores({ apache: true });
    for (const kind of ['hardened', 'insecure', 'stock', 'soft404', 'apache'] as const) verdicts.set(kind, await evaluateArea(magentoChecks, lab.target(kind)));
    for (const [kind, version] of DECLARATIONS) {
      const v = await evaluateArea(magentoChecks, lab.target(kind, { magento: { version } }));
      declared.set(`${kind} ${version}`, v.get('MAG-02')!);
    }
  });
  afterAll(() => lab?.destroy());
  const of = (kind: string, id: string) => verdicts.get(kind)!.get(id)!;
  const facts = (v: Verdict) => v.evidence.at(-1)!.facts as Record<string, unknown>;

  it('fingerprints the lab store as Magento and records the markers', () => {
    const f = facts(of('hardened', 'MAG-03'));
    expect(f.magentoDetected).toBe(true);
    expect(f.magentoMarkers).toEqual(expect.arrayContaining(['home page: text/x-magento-init script', '/graphql: Magento GraphQL error shape']));
    expect(facts(of('soft404', 'MAG-03')).magentoDetected).toBe(false);
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

  it('MAG-02 is inconclusive with only major.minor seen and nothing declared — never a pass', () => {
    expect(of('stock', 'MAG-02').outcome).toBe('inconclusive');
    expect(of('stock', 'MAG-02').message).toContain('patch level is unknown');
  });

  it('MAG-02 is not applicable when the store hides its version and none is declared, naming magento.version', () => {
    const v = of('hardened', 'MAG-02');
    expect(v.outcome, v.message).toBe('not-applicable');
    expect(v.message).toContain('declare the deployed release as `magento: { version: … }`');
    expect(facts(v).versionSource).toBe('none');
  });

  it('MAG-02 passes a supported release declared for a store that hides it, saying it was declared, not observed', () => {
    const v = declared.get('hardened 2.4.8-p5')!;
    expect(v.outcome, v.message).toBe('pass');
    expect(v.message).toBe(
      'Magento 2.4.8-p5 (declared in the targets file (magento.version), not observed): line 2.4.8 supported until 2028-05-31, outside the ranges of the known critical vulnerabilities',
    );
    expect(v.evidence[0]!.label).toBe('MAG-02: Magento 2.4.8-p5 declared in the targets file, not observed');
    expect(v.evidence[0]!.facts).toMatchObject({ versionSource: 'declared', declaredVersion: '2.4.8-p5', observed: [] });
  });

  it('MAG-02 fails a declared release inside known critical vulnerabilities, and a declared end-of-life one', () => {
    const vulnerable = declared.get('hardened 2.4.7-p3')!;
    expect(vulnerable.outcome).toBe('fail');
    expect(vulnerable.message).toContain('Magento 2.4.7-p3 (declared in the targets file (magento.version), not observed)');
    expect(vulnerable.message).toContain('CVE-2025-24434');
    expect(vulnerable.message).toContain('CVE-2025-54236 "SessionReaper"');
    const ended = declared.get('hardened 2.4.3-p3')!;
    expect(ended.outcome).toBe('fail');
    expect(ended.message).toContain('release line 2.4.3 out of security support since 2022-11-28');
  });

  it('MAG-02 accepts a declaration consistent with a major.minor the store shows (2.4 seen, 2.4.8-p5 declared)', () => {
    const v = declared.get('stock 2.4.8-p5')!;
    expect(v.outcome, v.message).toBe('pass');
    expect(v.message).toContain('not observed; consistent with 2.4 at http://shop.example.test:8083/magento_version');
  });

  it('MAG-02 fails when the declaration contradicts what the store discloses, naming both', () => {
    const exact = declared.get('insecure 2.4.8-p5')!;
    expect(exact.outcome).toBe('fail');
    expect(exact.message).toContain(
      'Declared Magento 2.4.8-p5 (targets file magento.version) contradicts the store: http://shop.example.test:8082/composer.lock discloses 2.4.3-p1',
    );
    const line = declared.get('stock 2.3.7-p4')!;
    expect(line.outcome).toBe('fail');
    expect(line.message).toContain(
      'Declared Magento 2.3.7-p4 (targets file magento.version) contradicts the store: http://shop.example.test:8083/magento_version discloses 2.4',
    );
    // The same release declared and disclosed agrees, and is judged: end of life and vulnerable.
    const agreeing = declared.get('insecure 2.4.3-p1')!;
    expect(agreeing.outcome).toBe('fail');
    expect(agreeing.message).toContain('consistent with 2.4.3-p1 at http://shop.example.test:8082/composer.lock');
    expect(agreeing.message).toContain('CVE-2022-24086');
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
    const leaking = (facts(v).answers as { path: string; disclosures?: string[] }[]).filter((a) => a.disclosures?.length);
    expect(leaking.some((a) => a.path.startsWith('/rest/V1/'))).toBe(true);
  });

  it('never fails on the soft-404 store', () => {
    for (const [id, v] of verdicts.get('soft404')!) expect(['pass', 'not-applicable', 'inconclusive'], `${id}: ${v.message}`).toContain(v.outcome);
  });
});
