import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine.js';
import { runCheck } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import { networkChecks } from '../../suites/network/checks.js';
import { portScanOf } from '../../suites/network/exposure-fact.js';
import { sshChecks } from '../../suites/ssh/checks.js';
import { createLabHost, type LabHost } from '../lab/netns.js';

// A host whose firewall drops every packet: the port scan decides "filtered" for 22 once, and
// SSH-01..03 read that decision instead of waiting out two more connect timeouts of their own.
describe('SSH reuses the port scan of the same engine', () => {
  let host: LabHost;
  beforeAll(async () => {
    host = await createLabHost();
    await host.nft('flush ruleset\ntable inet lab {\n  chain input {\n    type filter hook input priority 0; policy drop;\n  }\n}\n');
  });
  afterAll(() => host?.destroy());

  const target = () =>
    makeTarget({ name: 'dropped', url: 'https://shop.test/', address: host.address, ports: { scan: [22, 3306] }, timeouts: { connectMs: 3000 } });

  it('with NET selected: SSH checks finish with the port scan, their evidence naming it', async () => {
    const engine = createEngine(target(), { runs: (id) => /^(NET|SSH)-/.test(id) });
    const started = Date.now();
    const timed = (check: (typeof sshChecks.checks)[number]) => runCheck(check, engine).then((v) => ({ id: check.id, v, ms: Date.now() - started }));
    const done = await Promise.all([...networkChecks.checks, ...sshChecks.checks].map(timed));
    const scanMs = (await portScanOf(engine)).scan.durationMs;
    const ssh = done.filter((d) => d.id.startsWith('SSH'));
    expect(ssh.map((d) => [d.id, d.v.outcome])).toEqual([
      ['SSH-01', 'pass'],
      ['SSH-02', 'not-applicable'],
      ['SSH-03', 'not-applicable'],
    ]);
    expect(ssh[0]!.v.message).toBe('SSH not reachable: TCP 22 filtered (no answer to 2 connection attempts)');
    expect(ssh[0]!.v.evidence[0]!.facts.decidedBy).toBe('the port scan of this run (NET)');
    // Nothing beyond the scan's own decision (it gives the web ports the full 3 s connect timeout).
    for (const d of ssh) expect(d.ms, d.id).toBeLessThan(scanMs + 500);
    await engine.close();
  }, 60_000);

  it('without NET selected: SSH probes port 22 itself, as a lone SSH scan always did', async () => {
    const engine = createEngine(target(), { runs: (id) => id.startsWith('SSH-') });
    const started = Date.now();
    const v = await runCheck(sshChecks.checks[0]!, engine);
    expect(v.message).toBe('SSH not reachable: TCP 22 filtered (no answer to 2 connection attempts)');
    expect(v.evidence[0]!.facts.decidedBy).toBeUndefined();
    // Two connect attempts of 3 s each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_900);
    await engine.close();
  }, 60_000);
});
