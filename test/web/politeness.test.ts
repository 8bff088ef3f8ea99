import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import { adminChecks } from '../../suites/admin/checks.js';
import { magentoChecks } from '../../suites/magento/checks.js';
import { methodChecks } from '../../suites/methods/checks.js';
import { pathChecks } from '../../suites/paths/checks.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { startNginx } from '../lab/nginx.js';

// A store that keeps answering 429, and a tight request budget: every web check is inconclusive, never pass.
describe('politeness: rate limits and the request budget', () => {
  let host: LabHost;
  beforeAll(async () => {
    host = await createLabHost();
    await startNginx(host, {
      ports: [8090, 8091],
      servers: `
        server { listen 8090; location / { add_header Retry-After 0 always; return 429 "slow down\\n"; } }
        server { listen 8091; location / { return 404 "<html><body>not here</body></html>"; } }`,
    });
  });
  afterAll(() => host?.destroy());

  const target = (port: number, extra: object = {}) =>
    makeTarget({
      name: `lab-${port}`,
      url: `http://shop.example.test:${port}/`,
      address: host.address,
      admin: { path: '/ops' },
      timeouts: { connectMs: 2000, requestMs: 5000 },
      ...extra,
    });

  it('a store that keeps answering 429 gets inconclusive verdicts that say so', async () => {
    for (const area of [pathChecks, methodChecks, adminChecks, magentoChecks]) {
      const verdicts = await evaluateArea(area, target(8090));
      for (const [id, v] of verdicts) {
        expect(v.outcome, `${id}: ${v.message}`).toBe('inconclusive');
        if (id !== 'MAG-02') expect(v.message, id).toMatch(/rate limit|429/i);
      }
    }
  });

  it('the request budget caps what one target receives, and a spent budget is inconclusive', async () => {
    const verdicts = await evaluateArea(pathChecks, target(8091, { politeness: { requestBudget: 30, concurrency: 2 } }));
    const outcomes = [...verdicts.values()].map((v) => v.outcome);
    expect(outcomes).toContain('inconclusive');
    expect(outcomes).not.toContain('fail');
    const spent = [...verdicts.values()].find((v) => /budget/.test(v.message))!;
    expect(spent.message).toMatch(/request budget of 30/);
    const sent = [...verdicts.values()].map((v) => (v.evidence.at(-1)?.facts.requestsSentToTarget as number | undefined) ?? 0);
    expect(Math.max(...sent)).toBeLessThanOrEqual(30);
  });
});
