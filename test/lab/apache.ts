import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon } from './exec.js';
import type { LabHost } from './netns.js';
import { makeSiteDir } from './site-dir.js';

export interface LabApache {
  readonly dir: string;
  readonly www: string;
}

export interface ApacheOptions {
  readonly port: number;
  /** Directives inside the server config; `{{www}}` and `{{dir}}` are replaced. */
  readonly config?: string;
  /** Files relative to the document root. */
  readonly files?: Record<string, string | Buffer>;
}

const MODULES = ['mpm_event', 'authz_core', 'authz_host', 'dir', 'mime', 'autoindex', 'alias', 'headers'];

/**
 * Starts Debian's apache2 in the foreground inside a lab host with its own config file
 * (no /etc/apache2, no APACHE_* environment). Children run as www-data, so the tree is
 * made world-readable.
 */
export async function startApache(host: LabHost, opts: ApacheOptions): Promise<LabApache> {
  const { dir, www, fill } = makeSiteDir('mp-apache-', opts.files);
  const conf = `
ServerRoot /usr/lib/apache2
${MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
ServerName lab.test
Listen ${opts.port}
PidFile ${dir}/apache.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${dir}/error.log
LogLevel warn
User www-data
Group www-data
TypesConfig /etc/mime.types
DocumentRoot ${www}
DirectoryIndex index.html
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory ${www}>
  Require all granted
</Directory>
${fill(opts.config ?? '')}
`;
  writeFileSync(join(dir, 'apache2.conf'), conf);
  const [cmd, args] = host.wrap('/usr/sbin/apache2', ['-f', join(dir, 'apache2.conf'), '-DFOREGROUND']);
  await startDaemon(cmd, args, 300);
  await host.waitListening(opts.port);
  return { dir, www };
}
