import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import type { Verdict } from '../../core/verdict.js';
import { methodChecks } from '../../suites/methods/checks.js';
import { type LabStores, startLabStores } from '../lab/magento-app/stores.js';

// MTH-01/02 against nginx with the checklist's `return 405`, nginx passing every method to PHP, and Apache with TraceEnable On.
describe('HTTP methods (MTH-01, MTH-02)', () => {
  let lab: LabStores;
  const verdicts = new Map<string, Map<string, Verdict>>();
  beforeAll(async () => {
    lab = await startLabStores({ apache: true });
    for (const kind of ['hardened', 'insecure', 'apache'] as const) verdicts.set(kind, await evaluateArea(methodChecks, lab.target(kind)));
    verdicts.set('hardened-rest', await evaluateArea(methodChecks, lab.target('hardened', { policy: { methodsIncludeRest: true } })));
  });
  afterAll(() => lab?.destroy());
  const of = (kind: string, id: string) => verdicts.get(kind)!.get(id)!;

  it('MTH-01 passes where nginx returns 405 for everything but GET, HEAD and POST, and says the edge refused', () => {
    const v = of('hardened', 'MTH-01');
    expect(v.outcome, v.message).toBe('pass');
    expect(v.message).toContain('edge (nginx error page)');
    const facts = v.evidence[0]!.facts as { answers: { method: string; status: number }[]; requestsSentToTarget: number; restIncluded: boolean };
    expect(facts.answers.map((a) => a.method)).toEqual(expect.arrayContaining(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'MAGEPROBE']));
    expect(facts.answers.every((a) => a.status === 405)).toBe(true);
    expect(facts.restIncluded).toBe(false);
    expect(facts.requestsSentToTarget).toBeGreaterThanOrEqual(12);
  });

  it('MTH-01 probes /rest/ only when the target policy asks for it', () => {
    const facts = of('hardened-rest', 'MTH-01').evidence[0]!.facts as { answers: { path: string }[]; restIncluded: boolean };
    expect(facts.restIncluded).toBe(true);
    expect(facts.answers.some((a) => a.path.startsWith('/rest/'))).toBe(true);
  });

  it('MTH-01 fails where every method reaches the application and gets 200', () => {
    const v = of('insecure', 'MTH-01');
    expect(v.outcome).toBe('fail');
    expect(v.message).toMatch(/PUT \/ → 200/);
    expect(v.message).toMatch(/MAGEPROBE \/ → 200/);
  });

  it("MTH-01 fails on Apache's 200 answer to OPTIONS", () => {
    expect(of('apache', 'MTH-01').outcome).toBe('fail');
    expect(of('apache', 'MTH-01').message).toContain('OPTIONS / → 200');
  });

  it('MTH-02 passes when TRACE and TRACK are refused', () => {
    const v = of('hardened', 'MTH-02');
    expect(v.outcome, v.message).toBe('pass');
    expect(v.message).toContain('TRACE → 405');
  });

  it('MTH-02 fails when Apache (TraceEnable On) echoes the unique header back', () => {
    const v = of('apache', 'MTH-02');
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain('TRACE → 200');
    expect(String(v.evidence[0]!.facts.bodyExcerpt)).toMatch(/x-mageprobe-trace: mp[0-9a-f]{24}/i);
  });
});
