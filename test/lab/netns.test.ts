import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon } from './exec.js';
import { createLabHost, dropPorts, type LabHost } from './netns.js';

// The lab itself: a namespace is reachable from the root namespace, and nftables drops make ports filtered.
describe('lab host', () => {
  let host: LabHost;
  beforeAll(async () => {
    host = await createLabHost();
    const [cmd, args] = host.wrap('python3', [
      '-c',
      'import socket,time\nfor p in (8001,8002):\n  s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(("0.0.0.0",p));s.listen();globals()[f"s{p}"]=s\ntime.sleep(60)',
    ]);
    await startDaemon(cmd, args);
    await host.waitListening(8002);
    await host.nft(dropPorts([8002]));
  });
  afterAll(() => host?.destroy());

  const attempt = (port: number) =>
    new Promise<string>((resolve) => {
      const s = connect({ host: host.address, port, timeout: 700 });
      s.once('connect', () => {
        s.destroy();
        resolve('open');
      });
      s.once('timeout', () => {
        s.destroy();
        resolve('filtered');
      });
      s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED' ? 'closed' : String(e.code)));
    });

  it('answers open, closed and filtered like a real host', async () => {
    expect(host.address).toMatch(/^198\.18\.\d+\.2$/);
    expect(await attempt(8001)).toBe('open');
    expect(await attempt(8003)).toBe('closed');
    expect(await attempt(8002)).toBe('filtered');
  });
});
