import type { LabHost } from './netns.js';
import { httpsFront, startNginx } from './nginx.js';
import { type LabCertificate, makeLabCertificate } from './pki.js';

export const LAB_SHOP = 'shop.lab.test';

const SECURITY_HEADERS = `
  add_header X-Frame-Options "SAMEORIGIN" always;
  add_header X-XSS-Protection "1; mode=block" always;
  add_header X-Content-Type-Options "nosniff" always;
  add_header Referrer-Policy "strict-origin-when-cross-origin" always;
  add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'self'" always;
  add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
`;

const FILES = {
  'index.html': '<!doctype html><html><head><title>Lab shop</title><link rel="stylesheet" href="/static/styles.css"></head><body>lab</body></html>',
  'static/styles.css': 'body { color: #333; }\n',
  '.htaccess': 'Deny from all\n',
};

/** One server block answering plain HTTP and HTTPS alike (no redirect). */
const bothPorts = (cert: LabCertificate) => `listen 80;
  listen 443 ssl;
  server_name ${LAB_SHOP};
  ssl_certificate ${cert.certFile};
  ssl_certificate_key ${cert.keyFile};`;

/** The lab shop on ports 80 and 443 with the given server blocks; returns the certificate it serves. */
async function startShop(host: LabHost, pki: LabCertificate | undefined, servers: (cert: LabCertificate) => string): Promise<LabCertificate> {
  const cert = pki ?? (await makeLabCertificate([LAB_SHOP]));
  await startNginx(host, { ports: [80, 443], files: FILES, servers: servers(cert) });
  return cert;
}

/** nginx with the checklist's hardening: every header `always`, HTTP → HTTPS, versions hidden. */
export function startHardenedShop(host: LabHost, pki?: LabCertificate): Promise<LabCertificate> {
  return startShop(
    host,
    pki,
    (cert) => `${httpsFront(LAB_SHOP, cert)}
  ssl_protocols TLSv1.2 TLSv1.3;
  root {{www}};
  ${SECURITY_HEADERS}
  location ~ /\\. { deny all; }
  location = / {
    ${SECURITY_HEADERS}
    add_header Set-Cookie "PHPSESSID=0123456789abcdef; Path=/; Secure; HttpOnly; SameSite=Lax" always;
    try_files /index.html =404;
  }
}`,
  );
}

/**
 * A Magento store behind nginx: the application already sends X-Frame-Options,
 * X-Content-Type-Options and X-XSS-Protection (Magento's HeaderProvider classes), and nginx's
 * add_header sends the same values again, so each arrives as two identical field lines.
 * The application is a second nginx server on 127.0.0.1:8080 inside the lab host.
 */
export function startDoubledHeaderShop(host: LabHost, pki?: LabCertificate): Promise<LabCertificate> {
  return startShop(
    host,
    pki,
    (cert) => `
server {
  listen 127.0.0.1:8080;
  root {{www}};
  location ~ /\\. { deny all; }
  add_header X-Frame-Options "SAMEORIGIN" always;
  add_header X-Content-Type-Options "nosniff" always;
  add_header X-XSS-Protection "1; mode=block" always;
}${httpsFront(LAB_SHOP, cert)}
  # Magento's stock CSP names no frame-ancestors, so X-Frame-Options decides framing.
  ${SECURITY_HEADERS.replace("; frame-ancestors 'self'", '')}
  location / {
    proxy_pass http://127.0.0.1:8080;
    proxy_set_header Host $host;
  }
}`,
  );
}

/**
 * nginx as stores are often found: headers set without `always` (missing on errors), weak
 * values, version in Server, HTTP served in clear, a session cookie without flags.
 */
export function startMisconfiguredShop(host: LabHost, pki?: LabCertificate): Promise<LabCertificate> {
  return startShop(
    host,
    pki,
    (cert) => `
server {
  ${bothPorts(cert)}
  root {{www}};
  add_header X-XSS-Protection "0";
  add_header Referrer-Policy "unsafe-url";
  add_header Content-Security-Policy-Report-Only "default-src 'self'";
  add_header Strict-Transport-Security "max-age=86400";
  add_header Set-Cookie "PHPSESSID=0123456789abcdef; Path=/";
  location ~ /\\. { deny all; }
}`,
  );
}

/** nginx that rate-limits everything for an hour: nothing it sends is the store's answer. */
export function startRateLimitedShop(host: LabHost, pki?: LabCertificate): Promise<LabCertificate> {
  return startShop(
    host,
    pki,
    (cert) => `
server {
  ${bothPorts(cert)}
  ${SECURITY_HEADERS}
  location / {
    add_header Retry-After 3600 always;
    return 429;
  }
}`,
  );
}
