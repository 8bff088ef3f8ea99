import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';

export interface DemoSsh {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * An SSH server (ssh2, pure Node) as found on careless stores: reachable, asking for
 * passwords, and offering SHA-1 key exchange, CBC and SHA-1 MACs. It never lets anyone in.
 */
export async function startDemoSsh(address = '127.0.0.1'): Promise<DemoSsh> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const server = new ssh2.Server(
    {
      hostKeys: [privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
      ident: 'OpenSSH_7.4',
      algorithms: {
        kex: ['curve25519-sha256', 'diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'],
        cipher: ['aes128-ctr', 'aes128-cbc', '3des-cbc'],
        hmac: ['hmac-sha2-256', 'hmac-sha1', 'hmac-md5'],
        serverHostKey: ['ssh-rsa', 'rsa-sha2-256'],
      },
    },
    (client) => {
      client.on('authentication', (ctx) => ctx.reject(['password', 'keyboard-interactive']));
      client.on('error', () => undefined);
    },
  );
  const port = await new Promise<number>((resolve) => server.listen(0, address, () => resolve((server.address() as AddressInfo).port)));
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
