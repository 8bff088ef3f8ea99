import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Target } from '../../../core/target.js';
import { makeTarget } from '../../../core/targets.js';
import type { TargetEntry } from '../../../core/targets-schema.js';
import { startApache } from '../apache.js';
import { createLabHost, type LabHost } from '../netns.js';
import { startNginx } from '../nginx.js';
import { startPhpFpm } from '../php-fpm.js';
import { type LabCertificate, makeLabCertificate } from '../pki.js';

/**
 * Lab stores for the web checks, all in one lab host (one nginx, one php-fpm, one apache):
 * - hardened: the checklist's nginx rules, document root pub/, admin behind an allow-list
 * - insecure: document root at the Magento root, autoindex, leaked files, developer mode
 * - stock: Magento's usual layout (root pub/), admin at /admin, /magento_version on
 * - soft404: answers 200 with a page echoing the path, for everything
 * - apache: Apache with TraceEnable On, directory listing, a composer.lock of 2.4.8-p5
 * - hardened-https: the hardened store over TLS with a lab certificate (opts.https)
 */
export const LAB_PORTS = { hardened: 8081, insecure: 8082, stock: 8083, soft404: 8084, apache: 8085, 'hardened-https': 8443 } as const;
export type LabStoreKind = keyof typeof LAB_PORTS;

export const LAB_HOSTNAME = 'shop.example.test';
/** The admin frontName of the hardened and insecure stores. */
export const CUSTOM_ADMIN = 'ops_7h2k';
/** Secrets planted in the insecure store's env.php copy; they must never reach a report. */
export const PLANTED_SECRETS = ['Lab-DB-Pa55word!', '0123456789abcdef0123456789abcdef'] as const;

const APP = readFileSync(new URL('./index.php', import.meta.url));
const REPORT = readFileSync(new URL('./report.php', import.meta.url));

export const ENV_PHP = `<?php
return [
    'backend' => ['frontName' => '${CUSTOM_ADMIN}'],
    'crypt' => ['key' => '${PLANTED_SECRETS[1]}'],
    'db' => [
        'table_prefix' => '',
        'connection' => [
            'default' => [
                'host' => 'db.internal',
                'dbname' => 'magento',
                'username' => 'magento',
                'password' => '${PLANTED_SECRETS[0]}',
                'model' => 'mysql4',
                'active' => '1',
            ],
        ],
    ],
    'MAGE_MODE' => 'developer',
];
`;

const SQL_DUMP = `-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: db.internal    Database: magento
-- ------------------------------------------------------
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
CREATE TABLE \`admin_user\` (
  \`user_id\` int unsigned NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (\`user_id\`)
);
`;

export const composerJson = (version: string) =>
  JSON.stringify({ name: 'magento/project-community-edition', type: 'project', require: { 'magento/product-community-edition': version } }, null, 4);
const composerLock = (version: string) =>
  JSON.stringify(
    {
      _readme: ['This file locks the dependencies of your project to a known state'],
      'content-hash': '3f1c0e8c2b8b7c9a1d2e3f4a5b6c7d8e',
      packages: [
        { name: 'magento/framework', version: '103.0.3-p1', type: 'magento2-library' },
        { name: 'magento/product-community-edition', version, type: 'metapackage' },
      ],
    },
    null,
    4,
  );

/** pub/ of a Magento install: front controller, error page, static and media trees. */
export const pubTree = (prefix: string): Record<string, string | Buffer> => ({
  [`${prefix}index.php`]: APP,
  [`${prefix}errors/report.php`]: REPORT,
  [`${prefix}static/frontend/Magento/luma/en_US/mage/calendar.css`]: 'body{}\n',
  [`${prefix}media/catalog/product/b/a/bag.jpg`]: Buffer.from('ffd8ffe000104a464946', 'hex'),
  [`${prefix}media/customer/a/d/address_scan.pdf`]: '%PDF-1.4 lab\n',
  [`${prefix}media/import/products.csv`]: 'sku,name\n24-MB01,Joust Duffle Bag\n',
  [`${prefix}media/downloadable/files/links/e/b/ebook.pdf`]: '%PDF-1.4 lab\n',
});

const FILES: Record<string, string | Buffer> = {
  ...prefixed('hardened/', { ...pubTree('pub/'), 'app/etc/env.php': ENV_PHP, 'composer.json': composerJson('2.4.8-p5') }),
  ...prefixed('stock/', { ...pubTree('pub/'), 'app/etc/env.php': ENV_PHP, 'composer.json': composerJson('2.4.8-p5') }),
  ...prefixed('insecure/', {
    ...pubTree('pub/'),
    'index.php': APP,
    'app/etc/env.php': ENV_PHP,
    'app/etc/env.php.bak': ENV_PHP,
    'app/etc/config.php': "<?php\nreturn ['modules' => ['Magento_Store' => 1, 'Magento_Catalog' => 1]];\n",
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': `[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n[remote "origin"]\n\turl = https://deploy:${PLANTED_SECRETS[1]}@git.example.test/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`,
    '.htaccess': 'Options -Indexes\n<IfModule mod_rewrite.c>\n    RewriteEngine on\n</IfModule>\n',
    '.user.ini': 'memory_limit = 756M\nmax_execution_time = 18000\nsession.auto_start = off\n',
    'composer.json': composerJson('2.4.3-p1'),
    'composer.lock': composerLock('2.4.3-p1'),
    'var/log/system.log':
      '[2024-01-01T10:00:00.123456+00:00] main.INFO: Cache cleaned: config [] []\n[2024-01-01T10:01:00.000000+00:00] main.ERROR: Could not connect to db.internal [] []\n',
    'var/log/exception.log':
      '[2024-01-01T10:01:00.000000+00:00] report.CRITICAL: Exception: Could not connect in /var/www/magento/vendor/magento/framework/DB/Adapter/Pdo/Mysql.php:424\n',
    'var/session/sess_9a1c2e': 'form_key|s:16:"aaaaaaaaaaaaaaaa";',
    'var/report/1234567890123': 'a:4:{i:0;s:10:"Exception";}',
    'var/backups/1700000000_db.sql': SQL_DUMP,
    'backup.sql': SQL_DUMP,
    'shop-example-test.sql.gz': gzipSync(Buffer.from(SQL_DUMP)),
    'phpinfo.php': '<?php phpinfo();\n',
  }),
};

export function prefixed(prefix: string, files: Record<string, string | Buffer>): Record<string, string | Buffer> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [prefix + k, v]));
}

export const fastcgi = (socket: string, params: Record<string, string>) => `
      include /etc/nginx/fastcgi_params;
      fastcgi_split_path_info ^(.+?\\.php)(/.*)$;
      fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
      ${Object.entries(params)
        .map(([k, v]) => `fastcgi_param ${k} "${v}";`)
        .join('\n      ')}
      fastcgi_pass unix:${socket};`;

function servers(socket: string, tls?: LabCertificate): string {
  const hardenedApp = fastcgi(socket, { MAGE_LAB_ADMIN: CUSTOM_ADMIN });
  const hardened = (listen: string) => `
  server {
    listen ${listen};
    server_name ${LAB_HOSTNAME};
    server_tokens off;
    root {{www}}/hardened/pub;
    index index.php;
    autoindex off;
    if ($request_method !~ ^(GET|HEAD|POST)$) { return 405; }
    location ~ /\\. { deny all; access_log off; log_not_found off; }
    location ~* (app/etc/env.php|composer.json|composer.lock|var/log/|var/session/) { deny all; access_log off; log_not_found off; }
    location ~ ^/media/(customer|downloadable|import|custom_options)/ { deny all; }
    location ~ ^/media/theme_customization/.*\\.xml { deny all; }
    location ~ ^/(index\\.php/)?${CUSTOM_ADMIN}(/|$) {
      allow 10.255.255.1;
      deny all;
      # try_files runs after the access phase, so the allow-list holds (a rewrite would skip it).
      try_files $uri /index.php$is_args$args;
    }
    location / { try_files $uri $uri/ /index.php$is_args$args; }
    location ~ ^/(index|errors/report)\\.php(/|$) {${hardenedApp}
    }
    location ~ \\.php$ { deny all; }
  }`;
  const tlsListen = tls
    ? `${LAB_PORTS['hardened-https']} ssl;\n    ssl_certificate ${tls.certFile};\n    ssl_certificate_key ${tls.keyFile};\n    ssl_protocols TLSv1.2 TLSv1.3`
    : '';
  return `
  # hardened: the auditor checklist's rules, root at pub/, admin allow-listed (also over TLS)
  ${hardened(String(LAB_PORTS.hardened))}
  ${tls ? hardened(tlsListen) : ''}

  # insecure: Magento root as document root, listings, every method reaches PHP, developer mode
  server {
    listen ${LAB_PORTS.insecure};
    root {{www}}/insecure;
    index index.php;
    autoindex on;
    location = / { rewrite ^ /index.php last; }
    location / { try_files $uri $uri/ /index.php$is_args$args; }
    location ~ \\.php(/|$) {
      try_files $fastcgi_script_name =404;${fastcgi(socket, { MAGE_LAB_ADMIN: CUSTOM_ADMIN, MAGE_LAB_DEVELOPER: '1', MAGE_LAB_VERSION: '1', MAGE_LAB_REST_OPEN: '1' })}
    }
  }

  # stock: Magento's layout and sample rules, default admin, /magento_version on
  server {
    listen ${LAB_PORTS.stock};
    root {{www}}/stock/pub;
    index index.php;
    location /media/customer/ { deny all; }
    location /media/downloadable/ { deny all; }
    location /media/import/ { deny all; }
    location /media/custom_options/ { deny all; }
    location / { try_files $uri $uri/ /index.php$is_args$args; }
    location ~ ^/(index|get|static|errors/report|errors/404|errors/503|health_check)\\.php(/|$) {${fastcgi(socket, { MAGE_LAB_ADMIN: 'admin', MAGE_LAB_VERSION: '1' })}
    }
    location ~* (\\.php$|\\.phtml$|\\.htaccess$|\\.htpasswd$|\\.git) { deny all; }
  }

  # soft404: 200 and a page echoing the requested path, for every path
  server {
    listen ${LAB_PORTS.soft404};
    location / {
      default_type text/html;
      return 200 "<!doctype html><html><head><title>Oops</title></head><body><h1>Nothing here</h1><p>We looked everywhere for $request_uri but found nothing.</p><p>Reference $request_id at $msec</p></body></html>";
    }
  }
`;
}

const APACHE_FILES: Record<string, string | Buffer> = {
  'index.html': '<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1></body></html>\n',
  'composer.lock': composerLock('2.4.8-p5'),
  'media/catalog/product/bag.jpg': Buffer.from('ffd8ffe000104a464946', 'hex'),
  'media/customer/address_scan.pdf': '%PDF-1.4 lab\n',
};

export interface LabStores {
  readonly host: LabHost;
  /** A target for one store, reached at the lab host's address with the shop's host name. */
  target(kind: LabStoreKind, extra?: Partial<TargetEntry>): Target;
  destroy(): Promise<void>;
}

export async function startLabStores(opts: { apache?: boolean; https?: boolean } = {}): Promise<LabStores> {
  const host = await createLabHost();
  let cert: LabCertificate | undefined;
  try {
    const fpm = await startPhpFpm(host);
    cert = opts.https ? await makeLabCertificate([LAB_HOSTNAME]) : undefined;
    await startNginx(host, {
      servers: servers(fpm.socket, cert),
      files: FILES,
      ports: [LAB_PORTS.hardened, LAB_PORTS.insecure, LAB_PORTS.stock, LAB_PORTS.soft404, ...(cert ? [LAB_PORTS['hardened-https']] : [])],
    });
    if (opts.apache) {
      await startApache(host, {
        port: LAB_PORTS.apache,
        files: APACHE_FILES,
        config: `TraceEnable On\nServerTokens Full\n<Directory {{www}}>\n  Options +Indexes\n  Require all granted\n</Directory>\n`,
      });
    }
  } catch (e) {
    await host.destroy();
    throw e;
  }
  return {
    host,
    target: (kind, extra = {}) =>
      makeTarget({
        name: `lab-${kind}`,
        url: kind === 'hardened-https' ? `https://${LAB_HOSTNAME}:${LAB_PORTS[kind]}/` : `http://${LAB_HOSTNAME}:${LAB_PORTS[kind]}/`,
        address: host.address,
        ...(kind === 'hardened-https' && cert ? { caFile: cert.caFile } : {}),
        timeouts: { connectMs: 2_000, requestMs: 5_000 },
        ...extra,
      }),
    destroy: () => host.destroy(),
  };
}
