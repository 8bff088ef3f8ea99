import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyService } from '../../probes/net/identify.js';
import { createLabHost, type LabHost } from '../lab/netns.js';
import { SSHD_MODERN, startSshd } from '../ssh/sshd-lab.js';
import { LabServers } from './lab-servers.js';

// Identification straight from real daemons' handshakes, on ports that do not hint at them.
describe('service identification', () => {
  let host: LabHost;
  let servers: LabServers;
  let stopSshd: (() => void) | undefined;
  beforeAll(async () => {
    host = await createLabHost();
    servers = new LabServers(host);
    await servers.redis(6379, { protectedMode: true });
    await servers.redis(2000); // unhinted port: found by trying the table in order
    await servers.memcached(3000);
    await servers.phpFpm(4000);
    stopSshd = await startSshd(host, ['Port 8080', ...SSHD_MODERN]); // also on 8080, a port that hints at HTTP
  });
  afterAll(async () => {
    stopSshd?.();
    await host?.destroy();
    servers?.cleanup();
  });

  const id = (port: number) => identifyService({ address: host.address, host: 'shop.test', port, connectMs: 1000, bannerMs: 800, replyMs: 1000 });

  it('Redis in protected mode greets with -DENIED: identified, access refused', async () => {
    expect(await id(6379)).toMatchObject({ identified: true, service: 'redis', access: 'refused', probe: 'redis-denied' });
  });
  it('sshd on 8080, where GET goes first, is named by the greeting it sends anyway', async () => {
    expect(await id(8080)).toMatchObject({ identified: true, service: 'ssh', product: 'OpenSSH_9.2p1', probe: 'ssh-ident' });
  });
  it('Redis, memcached and php-fpm on unusual ports are still named by their handshakes', async () => {
    expect(await id(2000)).toMatchObject({ identified: true, service: 'redis', access: 'unauthenticated' });
    expect(await id(3000)).toMatchObject({ identified: true, service: 'memcached', access: 'unauthenticated' });
    expect(await id(4000)).toMatchObject({ identified: true, service: 'fastcgi', kind: 'runtime', access: 'unauthenticated' });
  });
});
