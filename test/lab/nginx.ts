import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon } from './exec.js';
import type { LabHost } from './netns.js';
import { makeSiteDir } from './site-dir.js';

export interface LabNginx {
  /** Working directory; `${dir}/www` is the default document root. */
  readonly dir: string;
  readonly www: string;
}

export interface NginxOptions {
  /** `server { … }` blocks; `{{www}}` and `{{dir}}` are replaced by the paths. */
  readonly servers: string;
  /** Files to create, relative to the document root (`www/`). */
  readonly files?: Record<string, string | Buffer>;
  /** Extra `http { }` level directives. */
  readonly http?: string;
  /** Ports to wait for before returning. */
  readonly ports: number[];
  /** worker_processes (1 unless a benchmark wants both cores). */
  readonly workers?: number;
}

/** Starts Debian's nginx inside a lab host with the given server blocks; it dies with the namespace. */
export async function startNginx(host: LabHost, opts: NginxOptions): Promise<LabNginx> {
  const { dir, www, fill } = makeSiteDir('mp-nginx-', opts.files);
  const conf = `
user root;
worker_processes ${opts.workers ?? 1};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${fill(opts.http ?? '')}
  ${fill(opts.servers)}
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const [cmd, args] = host.wrap('/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-g', 'daemon off;']);
  await startDaemon(cmd, args, 100);
  for (const port of opts.ports) await host.waitListening(port);
  return { dir, www };
}

/**
 * The hardened front of a lab store: plain HTTP answers only with a redirect to HTTPS, and
 * the HTTPS server names itself, hides its version and serves `cert`. The caller closes the
 * HTTPS server block after adding its own directives.
 */
export function httpsFront(serverName: string, cert: { readonly certFile: string; readonly keyFile: string }): string {
  return `
server {
  listen 80;
  server_name ${serverName};
  server_tokens off;
  return 301 https://$host$request_uri;
}
server {
  listen 443 ssl;
  server_name ${serverName};
  server_tokens off;
  ssl_certificate ${cert.certFile};
  ssl_certificate_key ${cert.keyFile};`;
}
