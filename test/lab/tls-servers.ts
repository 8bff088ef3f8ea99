import { startDaemon } from './exec.js';
import type { LabHost } from './netns.js';
import { startNginx } from './nginx.js';
import type { LabLeaf } from './tls-certs.js';

/** The checklist's nginx TLS settings (Nginx hardening). */
export const CHECKLIST_TLS = {
  protocols: 'TLSv1.2 TLSv1.3',
  ciphers:
    'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384',
  tickets: false,
} as const;

/** Everything legacy on: what an old store might still run. */
export const LEGACY_TLS = { protocols: 'TLSv1 TLSv1.1 TLSv1.2 TLSv1.3', ciphers: 'ALL:@SECLEVEL=0', tickets: true } as const;

export interface TlsServerBlock {
  readonly port: number;
  readonly protocols: string;
  readonly ciphers: string;
  readonly tickets: boolean;
  /** One or more certificates (nginx serves RSA and ECDSA side by side). */
  readonly certs: readonly LabLeaf[];
  readonly preferServerCiphers?: boolean;
  /** server_name; the block without one (or the first) is the port's default server. */
  readonly serverName?: string;
  readonly defaultServer?: boolean;
}

/**
 * Starts nginx in a lab host with one TLS server block per port (separate from the HTTP
 * headers lab in nginx.ts: only the TLS settings vary here). It dies with the namespace.
 */
export async function startTlsNginx(host: LabHost, blocks: readonly TlsServerBlock[]): Promise<{ dir: string }> {
  const servers = blocks
    .map(
      (b) => `
  server {
    listen ${b.port} ssl${b.defaultServer ? ' default_server' : ''};
    server_name ${b.serverName ?? '_'};
${b.certs.map((c) => `    ssl_certificate ${c.certFile};\n    ssl_certificate_key ${c.keyFile};`).join('\n')}
    ssl_protocols ${b.protocols};
    ssl_ciphers '${b.ciphers}';
    ssl_prefer_server_ciphers ${b.preferServerCiphers ? 'on' : 'off'};
    ssl_session_cache shared:SSL${b.port}:1m;
    ssl_session_timeout 10m;
    ssl_session_tickets ${b.tickets ? 'on' : 'off'};
    location / { return 200 "ok\\n"; }
  }`,
    )
    .join('\n');
  const { dir } = await startNginx(host, { servers, ports: [...new Set(blocks.map((b) => b.port))], workers: 2 });
  return { dir };
}

/** Starts `openssl s_server` in a lab host with extra flags (a single version, suite, or renegotiation setting). */
export async function startSServer(host: LabHost, port: number, leaf: LabLeaf, flags: readonly string[]): Promise<void> {
  const [cmd, args] = host.wrap('openssl', ['s_server', '-accept', String(port), '-cert', leaf.certFile, '-key', leaf.keyFile, '-www', '-quiet', ...flags]);
  await startDaemon(cmd, args, 100);
  await host.waitListening(port);
}
