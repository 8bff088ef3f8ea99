import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from './exec.js';
import type { LabHost } from './netns.js';

export interface LabPhpFpm {
  /** Unix socket for `fastcgi_pass unix:…`. */
  readonly socket: string;
  readonly dir: string;
}

/** Waits until a file exists (the FastCGI socket). */
async function waitForFile(path: string, timeoutMs = 10_000): Promise<void> {
  const { existsSync } = await import('node:fs');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`php-fpm socket ${path} did not appear after ${timeoutMs} ms`);
}

/**
 * Starts Debian's php-fpm 8.2 inside a lab host (so it dies with the namespace), with one
 * pool on a unix socket. Runs as root (-R): the lab has no other users to give files to.
 */
export async function startPhpFpm(host: LabHost, children = 4): Promise<LabPhpFpm> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-php-'));
  chmodSync(dir, 0o755);
  const socket = join(dir, 'fpm.sock');
  writeFileSync(
    join(dir, 'php-fpm.conf'),
    `[global]
pid = ${dir}/php-fpm.pid
error_log = ${dir}/php-fpm.log
daemonize = no

[lab]
user = root
group = root
listen = ${socket}
listen.mode = 0666
pm = static
pm.max_children = ${children}
clear_env = no
catch_workers_output = yes
php_admin_value[error_log] = ${dir}/php-errors.log
php_admin_flag[log_errors] = on
php_admin_flag[display_errors] = off
php_admin_value[expose_php] = Off
`,
  );
  const [cmd, args] = host.wrap('/usr/sbin/php-fpm8.2', ['-F', '-R', '-n', '-y', join(dir, 'php-fpm.conf')]);
  await startDaemon(cmd, args, 100);
  await waitForFile(socket);
  return { socket, dir };
}
