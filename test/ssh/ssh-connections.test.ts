import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine.js';
import { runCheck } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { networkChecks } from '../../suites/network/checks.js';
import { sshChecks } from '../../suites/ssh/checks.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { SSHD_MODERN, startSshd } from './sshd-lab.js';

// sshd forks and re-executes itself for every connection it accepts: a scan of NET and SSH asks
// it for two (the port scan's, kept for identification, which reads on to the KEXINIT; ssh2's
// for the auth methods). The lab host's firewall counts the connections opened to port 22.
const COUNTER = `table inet count {
  counter ssh22 { }
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 22 tcp flags & (fin | syn | rst | ack) == syn counter name "ssh22"
  }
}
`;

describe('connections a scan opens to a real sshd', () => {
  let host: LabHost;
  let stop: () => void;
  beforeAll(async () => {
    host = await createLabHost();
    stop = await startSshd(host, SSHD_MODERN);
    await host.nft(COUNTER);
  });
  afterAll(async () => {
    stop?.();
    await host?.destroy();
  });

  /** Connections opened to port 22 since the last call. */
  const opened = async (): Promise<number> => {
    const out = JSON.parse(await host.exec('nft', ['-j', 'reset', 'counter', 'inet', 'count', 'ssh22'])) as { nftables: { counter?: { packets: number } }[] };
    return out.nftables.find((e) => e.counter)!.counter!.packets;
  };

  const target = () =>
    makeTarget({ name: 'lab', url: 'https://shop.test/', address: host.address, ports: { scan: [22, 3306] }, timeouts: { connectMs: 1500 } });

  /** Runs the selected checks of the NET and SSH areas together on one engine, as the scan's thread does. */
  async function scan(selected: RegExp): Promise<Map<string, Verdict>> {
    await opened();
    const engine = createEngine(target(), { runs: (id) => selected.test(id) });
    const checks = [...networkChecks.checks, ...sshChecks.checks].filter((c) => selected.test(c.id));
    const verdicts = await Promise.all(checks.map(async (c) => [c.id, await runCheck(c, engine)] as const));
    await engine.close();
    return new Map(verdicts);
  }

  let alone: Map<string, Verdict>;
  it('SSH alone: two connections (the raw offer, the auth methods), evidence naming no shared connection', async () => {
    alone = await scan(/^SSH-/);
    expect(await opened()).toBe(2);
    expect([...alone].map(([id, v]) => [id, v.outcome])).toEqual([
      ['SSH-01', 'fail'],
      ['SSH-02', 'pass'],
      ['SSH-03', 'pass'],
    ]);
    expect(alone.get('SSH-01')!.evidence[0]!.facts.connection).toBeUndefined();
  });

  it('NET and SSH: two connections, the same verdicts and messages, the evidence saying which connection served what', async () => {
    const both = await scan(/^(NET|SSH)-/);
    expect(await opened()).toBe(2);
    for (const id of ['SSH-01', 'SSH-02', 'SSH-03']) {
      expect([id, both.get(id)!.outcome, both.get(id)!.message]).toEqual([id, alone.get(id)!.outcome, alone.get(id)!.message]);
    }
    expect(both.get('NET-01')!.outcome).toBe('fail');
    expect(both.get('NET-01')!.message).toContain('22 ssh (OpenSSH_');
    const offer = both.get('SSH-03')!.evidence[1]!.facts;
    expect(offer.decidedBy).toBe('the port scan of this run (NET)');
    expect(offer.connection).toBe('one connection for this offer and the port scan and service identification (NET)');
    const port22 = both.get('NET-01')!.evidence.find((e) => e.address === `${host.address}:22`)!.facts;
    expect(port22).toMatchObject({ service: 'ssh', connection: "the port scan's own, kept open for the first exchange" });
    expect(port22.alsoRead).toMatch(/SSH offer/);
  });

  it('NET alone: one connection, the scan and identification; nothing read for SSH', async () => {
    const net = await scan(/^NET-/);
    expect(await opened()).toBe(1);
    const port22 = net.get('NET-01')!.evidence.find((e) => e.address === `${host.address}:22`)!.facts;
    expect(port22).toMatchObject({ service: 'ssh', connection: "the port scan's own, kept open for the first exchange" });
    expect(port22.alsoRead).toBeUndefined();
  });
});
