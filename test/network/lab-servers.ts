import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startDaemon } from '../lab/exec.js';
import type { LabHost } from '../lab/netns.js';

/** Real Debian daemons inside a lab host; each start returns once the port listens. Processes die with the namespace. */
export class LabServers {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mp-net-'));
  constructor(private readonly host: LabHost) {}

  private async daemon(cmd: string, args: string[], ports: number[]): Promise<void> {
    const [c, a] = this.host.wrap(cmd, args);
    await startDaemon(c, a);
    for (const p of ports) await this.host.waitListening(p);
  }

  /** redis-server without persistence; `password` sets requirepass; protected mode off unless `protectedMode`. */
  redis(port: number, opts: { password?: string; protectedMode?: boolean } = {}): Promise<void> {
    const args = [
      '--port',
      String(port),
      '--bind',
      '0.0.0.0',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
      '--protected-mode',
      opts.protectedMode ? 'yes' : 'no',
    ];
    if (opts.password) args.push('--requirepass', opts.password);
    return this.daemon('redis-server', args, [port]);
  }

  memcached(port: number): Promise<void> {
    return this.daemon('memcached', ['-u', 'nobody', '-l', '0.0.0.0', '-p', String(port), '-U', '0'], [port]);
  }

  phpFpm(port: number): Promise<void> {
    const conf = join(this.dir, `fpm-${port}.conf`);
    writeFileSync(
      conf,
      `[global]\ndaemonize = no\nerror_log = ${this.dir}/fpm.log\npid = ${this.dir}/fpm-${port}.pid\n[www]\nuser = nobody\ngroup = nogroup\nlisten = 0.0.0.0:${port}\npm = static\npm.max_children = 1\n`,
    );
    return this.daemon('php-fpm8.2', ['-R', '-F', '-y', conf], [port]);
  }

  /** nginx answering on 80 and on 443 with a fresh self-signed certificate. */
  async nginx(): Promise<void> {
    const d = join(this.dir, 'nginx');
    mkdirSync(d, { recursive: true });
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=shop.test',
      '-keyout',
      `${d}/key.pem`,
      '-out',
      `${d}/cert.pem`,
    ]);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${d}/${t};`).join(' ');
    writeFileSync(
      `${d}/nginx.conf`,
      `daemon off; pid ${d}/nginx.pid; error_log ${d}/error.log; worker_processes 1;
events { worker_connections 256; }
http { access_log off; ${temp}
  server { listen 80; listen 443 ssl; server_name shop.test; ssl_certificate ${d}/cert.pem; ssl_certificate_key ${d}/key.pem;
    location / { return 200 "shop\\n"; } } }
`,
    );
    await this.daemon('nginx', ['-c', `${d}/nginx.conf`, '-p', d], [80, 443]);
  }

  /** A tarpit: accepts on every given port and never says a word. */
  tarpit(ports: number[]): Promise<void> {
    const js = `const net=require('net');for(const p of ${JSON.stringify(ports)})net.createServer(s=>s.on('error',()=>{})).listen(p,'0.0.0.0');setInterval(()=>{},1e6)`;
    return this.daemon('node', ['-e', js], ports);
  }

  /** Echoes every byte back, on every given port. */
  echo(ports: number[]): Promise<void> {
    const js = `const net=require('net');for(const p of ${JSON.stringify(ports)})net.createServer(s=>{s.on('error',()=>{});s.pipe(s)}).listen(p,'0.0.0.0');setInterval(()=>{},1e6)`;
    return this.daemon('node', ['-e', js], ports);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
