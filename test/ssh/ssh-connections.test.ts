import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine.js';
import { runCheck } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import type { Verdict } from '../../core/verdict.js';
import { networkChecks } from '../../suites/network/checks.js';
import { sshChecks } from '../../suites/ssh/checks.js';
import { startDaemon } from '../lab/exec.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { encodeKexinit, frame, kexinitOf } from './kexinit-bytes.js';
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

/** Connections opened to port 22 of `host` since the last call. */
async function openedTo(host: LabHost): Promise<number> {
  const out = JSON.parse(await host.exec('nft', ['-j', 'reset', 'counter', 'inet', 'count', 'ssh22'])) as { nftables: { counter?: { packets: number } }[] };
  return out.nftables.find((e) => e.counter)!.counter!.packets;
}

/** Runs the selected checks of the NET and SSH areas together on one engine, as the scan's thread does. */
async function scanNetSsh(target: ReturnType<typeof makeTarget>, selected: RegExp): Promise<Map<string, Verdict>> {
  const engine = createEngine(target, { runs: (id) => selected.test(id) });
  const checks = [...networkChecks.checks, ...sshChecks.checks].filter((c) => selected.test(c.id));
  const verdicts = await Promise.all(checks.map(async (c) => [c.id, await runCheck(c, engine)] as const));
  await engine.close();
  return new Map(verdicts);
}

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

  const opened = () => openedTo(host);

  const target = () =>
    makeTarget({ name: 'lab', url: 'https://shop.test/', address: host.address, ports: { scan: [22, 3306] }, timeouts: { connectMs: 1500 } });

  const scan = async (selected: RegExp) => {
    await opened();
    return scanNetSsh(target(), selected);
  };

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

// A server on port 22 that greets its first connection and then says nothing more, and sends a
// whole offer on every later one: an offer identification could not read whole never stands for
// a verdict; SSH connects itself, as it would without NET.
describe('an offer identification read only in part', () => {
  let host: LabHost;
  let stop: () => void;
  const weak = kexinitOf({ kex: ['diffie-hellman-group1-sha1'], hostKey: ['ssh-ed25519'], cipher: ['aes128-ctr'], mac: ['hmac-sha2-256'] });
  beforeAll(async () => {
    host = await createLabHost();
    const offer = Buffer.concat([Buffer.from('SSH-2.0-OpenSSH_9.9 lab\r\n'), frame(encodeKexinit(weak))]).toString('hex');
    const script = `let n = 0; require('node:net').createServer((s) => { s.on('error', () => {}); const o = Buffer.from('${offer}', 'hex'); s.write(n++ === 0 ? o.subarray(0, o.indexOf(10) + 1) : o); }).listen(22, '0.0.0.0');`;
    const child = await startDaemon(...host.wrap(process.execPath, ['-e', script]));
    stop = () => child.kill('SIGKILL');
    await host.waitListening(22);
    await host.nft(COUNTER);
  });
  afterAll(async () => {
    stop?.();
    await host?.destroy();
  });

  it('SSH reads its own offer: one connection more, the verdict from the whole offer, evidence naming no shared connection', async () => {
    await openedTo(host);
    const target = makeTarget({
      name: 'lab',
      url: 'https://shop.test/',
      address: host.address,
      ports: { scan: [22] },
      timeouts: { connectMs: 1500, requestMs: 600 },
    });
    const m = await scanNetSsh(target, /^(NET-|SSH-0[13])/);
    expect(await openedTo(host)).toBe(2);
    expect(m.get('SSH-03')!.outcome).toBe('fail');
    expect(m.get('SSH-03')!.message).toContain('diffie-hellman-group1-sha1');
    expect(m.get('SSH-03')!.evidence[1]!.facts.connection).toBeUndefined();
    const port22 = m.get('NET-01')!.evidence.find((e) => e.address === `${host.address}:22`)!.facts;
    expect(port22).toMatchObject({ service: 'ssh', connection: "the port scan's own, kept open for the first exchange" });
    expect(port22.alsoRead).toBe('part of the SSH offer for the SSH checks (KEXINIT incomplete after 600 ms): they read it on a connection of their own');
  });
});
