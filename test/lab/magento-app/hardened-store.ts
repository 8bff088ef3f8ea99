import { createLabHost, dropPorts, type LabHost } from '../netns.js';
import { httpsFront, startNginx } from '../nginx.js';
import { startPhpFpm } from '../php-fpm.js';
import { type LabCertificate, makeLabCertificate } from '../pki.js';
import { CUSTOM_ADMIN, composerJson, ENV_PHP, fastcgi, LAB_HOSTNAME, prefixed, pubTree } from './stores.js';

/**
 * The lab's fully hardened Magento store, alone on its lab host, as the auditor checklist asks:
 * only 80 and 443 open (80 redirects to HTTPS), SSH dropped by the firewall, TLS 1.2/1.3 with
 * forward-secret AEAD suites and no session tickets on a certificate from a lab CA, every security
 * header `always` (so on errors and static files too), private paths denied, methods other than
 * GET/HEAD/POST refused, session cookies Secure/HttpOnly/SameSite, the admin at a custom path behind an IP allow-list, no version disclosed.
 */
export interface HardenedStore {
  readonly host: LabHost;
  readonly cert: LabCertificate;
  /** The targets-file entry for this store (YAML, one list item), with any extra lines appended. */
  targetEntry(name: string, extra?: string): string;
  destroy(): Promise<void>;
}

// HTML §X-Frame-Options, Fetch §X-Content-Type-Options, RFC 6797 (HSTS), CSP3 — each `always`.
const HEADERS = `
    add_header X-Frame-Options "SAMEORIGIN" always;
    add_header X-Content-Type-Options "nosniff" always;
    add_header X-XSS-Protection "1; mode=block" always;
    add_header Referrer-Policy "strict-origin-when-cross-origin" always;
    add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'self'" always;
    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;`;

const servers = (socket: string, cert: LabCertificate) => `${httpsFront(LAB_HOSTNAME, cert)}
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers on;
    ssl_session_tickets off;
    root {{www}}/store/pub;
    index index.php;
    autoindex off;
    ${HEADERS}
    if ($request_method !~ ^(GET|HEAD|POST)$) { return 405; }
    location ~ /\\. { deny all; }
    location ~* (app/etc/env.php|composer.json|composer.lock|var/log/|var/session/) { deny all; }
    location ~ ^/media/(customer|downloadable|import|custom_options)/ { deny all; }
    location ~ ^/media/theme_customization/.*\\.xml { deny all; }
    location ~ ^/(index\\.php/)?${CUSTOM_ADMIN}(/|$) {
      allow 10.255.255.1;
      deny all;
      try_files $uri /index.php$is_args$args;
    }
    # Magento's sample: static URLs carry a deployment version that maps to the same file.
    location /static/ { rewrite ^/static/(version\\d*/)?(.*)$ /static/$2 break; }
    location / { try_files $uri $uri/ /index.php$is_args$args; }
    location ~ ^/(index|errors/report)\\.php(/|$) {${fastcgi(socket, { MAGE_LAB_ADMIN: CUSTOM_ADMIN, MAGE_LAB_SESSION: 'secure; HttpOnly; SameSite=Lax' })}
    }
    location ~ \\.php$ { deny all; }
  }
`;

export async function startHardenedStore(): Promise<HardenedStore> {
  const host = await createLabHost();
  try {
    const fpm = await startPhpFpm(host);
    const cert = await makeLabCertificate([LAB_HOSTNAME]);
    await startNginx(host, {
      servers: servers(fpm.socket, cert),
      files: {
        ...prefixed('store/', { ...pubTree('pub/'), 'app/etc/env.php': ENV_PHP, 'composer.json': composerJson('2.4.8-p5') }),
        'store/pub/static/frontend/Magento/luma/en_US/requirejs/require.js': '/* lab */\n',
      },
      ports: [80, 443],
    });
    // SSH is not merely closed but filtered, as a cloud security group leaves it.
    await host.nft(dropPorts([22]));
    return {
      host,
      cert,
      targetEntry: (name, extra = '') => `  - name: ${name}
    url: https://${LAB_HOSTNAME}/
    address: ${host.address}
    caFile: ${cert.caFile}
    admin: { path: /${CUSTOM_ADMIN} }
    timeouts: { connectMs: 1500, requestMs: 5000 }
${extra}`,
      destroy: () => host.destroy(),
    };
  } catch (e) {
    await host.destroy();
    throw e;
  }
}
