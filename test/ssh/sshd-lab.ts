import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startDaemon } from '../lab/exec.js';
import type { LabHost } from '../lab/netns.js';

/** sshd_config lines of the lab servers (Debian 12's OpenSSH 9.2p1 still supports every legacy algorithm named here). */
export const SSHD_LEGACY = [
  'PasswordAuthentication yes',
  'KbdInteractiveAuthentication yes',
  'UsePAM yes',
  'KexAlgorithms +diffie-hellman-group1-sha1,diffie-hellman-group14-sha1',
  'Ciphers +3des-cbc,aes128-cbc',
  'MACs +hmac-md5,hmac-sha1',
  'HostKeyAlgorithms +ssh-rsa',
  'PubkeyAcceptedAlgorithms +ssh-rsa',
];

export const SSHD_MODERN = [
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no',
  'UsePAM no',
  'PubkeyAuthentication yes',
  'KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org',
  'Ciphers aes256-gcm@openssh.com,aes128-gcm@openssh.com',
  'MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com',
  'HostKeyAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256',
];

/** Starts OpenSSH's sshd on port 22 inside the lab host, with fresh host keys in a temp dir; returns a cleanup. */
export async function startSshd(host: LabHost, options: readonly string[]): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-sshd-'));
  mkdirSync('/run/sshd', { recursive: true }); // privilege-separation directory
  const keys = [join(dir, 'ssh_host_ed25519_key'), join(dir, 'ssh_host_rsa_key')];
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keys[0]!]);
  await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', keys[1]!]);
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      'Port 22',
      'ListenAddress 0.0.0.0',
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'LogLevel ERROR',
      ...keys.map((k) => `HostKey ${k}`),
      ...options,
      '',
    ].join('\n'),
  );
  await run('/usr/sbin/sshd', ['-t', '-f', config]); // config errors surface here, with sshd's message
  const [cmd, args] = host.wrap('/usr/sbin/sshd', ['-D', '-e', '-f', config]);
  const child = await startDaemon(cmd, args);
  await host.waitListening(22);
  return () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
}
