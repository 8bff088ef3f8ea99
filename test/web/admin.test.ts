import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import type { Verdict } from '../../core/verdict.js';
import { adminChecks } from '../../suites/admin/checks.js';
import { CUSTOM_ADMIN, type LabStores, startLabStores } from '../lab/magento-app/stores.js';

// ADM-01/02 against the lab stores: default /admin, a custom admin behind an nginx allow-list, a custom admin open to all.
describe('admin panel (ADM-01, ADM-02)', () => {
  let lab: LabStores;
  const verdicts = new Map<string, Map<string, Verdict>>();
  const admin = { admin: { path: `/${CUSTOM_ADMIN}` } };
  beforeAll(async () => {
    lab = await startLabStores();
    const runs: [string, Parameters<LabStores['target']>][] = [
      ['hardened', ['hardened', admin]],
      ['hardened-nopath', ['hardened']],
      ['insecure', ['insecure', admin]],
      ['stock', ['stock']],
      ['soft404', ['soft404']],
    ];
    for (const [name, args] of runs) verdicts.set(name, await evaluateArea(adminChecks, lab.target(...args)));
  });
  afterAll(() => lab?.destroy());
  const of = (kind: string, id: string) => verdicts.get(kind)!.get(id)!;

  it('ADM-01 passes when no well-known path shows the admin login, with every URL in the evidence', () => {
    const v = of('hardened', 'ADM-01');
    expect(v.outcome, v.message).toBe('pass');
    const facts = v.evidence[0]!.facts as { urls: { path: string; adminLogin: boolean }[]; requestsSentToTarget: number };
    expect(facts.urls.map((u) => u.path)).toEqual(expect.arrayContaining(['/admin', '/index.php/admin', '/backend']));
    expect(facts.requestsSentToTarget).toBeGreaterThanOrEqual(facts.urls.length);
  });

  it('ADM-01 fails on the default /admin, also reached through a redirect from /index.php/admin', () => {
    const v = of('stock', 'ADM-01');
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain('http://shop.example.test:8083/admin (');
    expect(v.message).toContain('after 1 redirect(s) from /index.php/admin');
  });

  it('ADM-02 passes when the configured admin path is refused (403) to the scanner', () => {
    const v = of('hardened', 'ADM-02');
    expect(v.outcome, v.message).toBe('pass');
    expect(v.message).toContain(`/${CUSTOM_ADMIN} → 403`);
  });

  it('ADM-02 fails when a custom admin path still shows the login to the scanner', () => {
    expect(of('insecure', 'ADM-01').outcome).toBe('pass');
    const v = of('insecure', 'ADM-02');
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain(`/${CUSTOM_ADMIN}`);
  });

  it('ADM-02 judges the admin path ADM-01 found when the targets file names none', () => {
    expect(of('stock', 'ADM-02').outcome).toBe('fail');
  });

  it('ADM-02 is not applicable with no known admin path, and the soft-404 store never fails', () => {
    expect(of('hardened-nopath', 'ADM-02').outcome).toBe('not-applicable');
    expect(of('soft404', 'ADM-01').outcome).toBe('pass');
    expect(of('soft404', 'ADM-02').outcome).toBe('not-applicable');
  });
});
