/**
 * Why each catalogue check matters, how to fix it on the checklist's stack (nginx, php-fpm, Magento 2
 * on EC2 with RDS), and the requirements that say what the check tests. Kept apart from the check
 * definitions (catalogue/checks.ts) so that wording can change without touching a check.
 *
 * References were checked against the standards' own text: PCI DSS v4.0.1 requirement wording,
 * OWASP ASVS 5.0.0 (github.com/OWASP/ASVS tag v5.0.0_release, 5.0/en), CIS NGINX Benchmark v2.1.0
 * recommendation titles (v1.0.0 only for X-XSS-Protection, which v2 dropped), AWS Security Hub
 * (Foundational Security Best Practices) control IDs and Adobe Commerce documentation where no
 * standard covers a check. A requirement is cited only when it states what the check tests; none
 * is cited "nearby". test/catalogue/remediation.test.ts keeps every check's fields filled.
 */

import { type CheckSpec, isCustomSpec } from './checks.js';

type Dotted = `${number}.${number}.${number}`;

/** One requirement a check tests; the union keeps each standard's ID in its own shape. */
export type Reference =
  | { readonly standard: 'PCI DSS v4.0.1'; readonly id: Dotted }
  | { readonly standard: 'OWASP ASVS 5.0.0'; readonly id: Dotted }
  | { readonly standard: 'CWE'; readonly id: `CWE-${number}` }
  | { readonly standard: 'CIS NGINX Benchmark v2.1.0' | 'CIS NGINX Benchmark v1.0.0'; readonly id: Dotted }
  | { readonly standard: 'AWS Security Hub'; readonly id: `${string}.${number}` }
  | { readonly standard: 'Adobe Commerce'; readonly id: string; readonly url: `https://${string}` };

export interface Remediation {
  /** One or two sentences: what an attacker gains when the check fails. */
  readonly why: string;
  /** The concrete change: nginx directive, security-group or RDS setting, bin/magento command or env.php key. */
  readonly fix: string;
  /** At least one, by type. */
  readonly references: readonly [Reference, ...Reference[]];
}

const pci = (id: Dotted): Reference => ({ standard: 'PCI DSS v4.0.1', id });
const asvs = (id: Dotted): Reference => ({ standard: 'OWASP ASVS 5.0.0', id });
const cwe = (n: number): Reference => ({ standard: 'CWE', id: `CWE-${n}` });
const cis = (id: Dotted): Reference => ({ standard: 'CIS NGINX Benchmark v2.1.0', id });
const awsHub = (id: `${string}.${number}`): Reference => ({ standard: 'AWS Security Hub', id });
const ADOBE_ADMIN_SECURITY = 'https://experienceleague.adobe.com/en/docs/commerce-admin/systems/security/security-admin';

export const REMEDIATION: Readonly<Record<string, Remediation>> = {
  'NET-01': {
    why: 'Every port reachable from the internet is a service an attacker can probe, brute-force or exploit; a web store needs only 80 and 443.',
    fix: 'Remove every inbound security-group rule except TCP 80/443 from 0.0.0.0/0 (`aws ec2 revoke-security-group-ingress --group-id sg-… --protocol tcp --port N --cidr 0.0.0.0/0`); bind internal services to 127.0.0.1 or private addresses; list any extra port under `ports.allowed` in the targets file only with a documented business need.',
    references: [pci('1.2.5'), pci('1.4.2'), awsHub('EC2.18')],
  },
  'NET-02': {
    why: 'A database port open to the internet lets anyone try passwords or exploit the server directly against the store that holds customers and orders.',
    fix: "RDS: put the instance in private subnets, `aws rds modify-db-instance --db-instance-identifier … --no-publicly-accessible`, and allow 3306 in the RDS security group only from the web servers' security group ID; self-hosted MySQL: `bind-address = 127.0.0.1` in my.cnf.",
    references: [pci('1.4.4'), pci('1.4.2'), awsHub('EC2.19'), cwe(668)],
  },
  'NET-03': {
    why: 'Redis, OpenSearch, RabbitMQ, php-fpm and Varnish admin usually run without authentication; reachable from the internet they hand out sessions, cache contents or code execution.',
    fix: 'Delete their inbound security-group rules; bind them to private addresses (Redis `bind 127.0.0.1` plus `requirepass`/ACL, OpenSearch `network.host`, php-fpm `listen = 127.0.0.1:9000` or a Unix socket, Varnish `-T localhost:6082`), or use ElastiCache/OpenSearch Service in private subnets allowed only from the web security group.',
    references: [pci('1.4.2'), awsHub('EC2.19'), cwe(668)],
  },
  'SSH-01': {
    why: 'SSH open to the internet is brute-forced around the clock and exposes every future OpenSSH vulnerability to everyone.',
    fix: "Allow TCP 22 only from `YOUR_OFFICE_IP/32` or the bastion security group ID (the checklist's rule), never 0.0.0.0/0; or close 22 and use AWS Systems Manager Session Manager. A deliberate bastion vantage point is declared with `ssh.allowedFromHere: true`.",
    references: [pci('1.4.2'), awsHub('EC2.13')],
  },
  'SSH-02': {
    why: 'Password logins can be guessed or replayed from leaked credentials; keys cannot.',
    fix: 'In /etc/ssh/sshd_config: `PasswordAuthentication no`, `KbdInteractiveAuthentication no` (`ChallengeResponseAuthentication no` on older OpenSSH), `PubkeyAuthentication yes`; then `sshd -t && systemctl reload ssh`.',
    references: [cwe(309)],
  },
  'SSH-03': {
    why: 'SHA-1 key exchange, CBC ciphers and weak MACs let an attacker on the path weaken or tamper with administrative sessions (e.g. Terrapin, CVE-2023-48795).',
    fix: 'Upgrade OpenSSH (9.6 or later has strict key exchange against Terrapin) and set in sshd_config: `KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256`, `Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com`, `MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com`, `HostKeyAlgorithms ssh-ed25519,rsa-sha2-512,rsa-sha2-256`.',
    references: [pci('2.2.7'), cwe(327)],
  },
  'TLS-01': {
    why: 'SSLv3, TLS 1.0 and 1.1 have practical attacks (POODLE, BEAST) and allow downgrades; PCI DSS no longer accepts them for card data or admin logins.',
    fix: 'nginx: `ssl_protocols TLSv1.2 TLSv1.3;` in every server block that listens with ssl (and the default server); behind an ALB, use a policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.',
    references: [pci('4.2.1'), pci('2.2.7'), asvs('12.1.1'), cis('4.1.4'), cwe(327)],
  },
  'TLS-02': {
    why: 'TLS 1.2 keeps older clients working and TLS 1.3 gives every client forward secrecy and a faster handshake; missing either costs security or customers.',
    fix: 'nginx: `ssl_protocols TLSv1.2 TLSv1.3;` with OpenSSL 1.1.1 or later; check with `nginx -V` which OpenSSL nginx was built with.',
    references: [asvs('12.1.1'), cis('4.1.4')],
  },
  'TLS-03': {
    why: 'Suites without forward secrecy or AEAD (RSA key exchange, CBC, 3DES, RC4) let recorded traffic be decrypted later or attacked now.',
    fix: "nginx: the checklist's `ssl_ciphers 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384';` and `ssl_prefer_server_ciphers off;`.",
    references: [pci('4.2.1'), asvs('12.1.2'), cis('4.1.5'), cis('4.1.14'), cwe(327)],
  },
  'TLS-04': {
    why: 'Browsers warn on or refuse an untrusted, mismatched or expired certificate, and a weak key or SHA-1 signature can be forged; checkout stops or can be impersonated.',
    fix: 'Serve a publicly trusted certificate for every store host with its full chain (`ssl_certificate /etc/letsencrypt/live/HOST/fullchain.pem;`, or ACM on the ALB), RSA 2048+ or ECDSA P-256, and automatic renewal well before 30 days remain (`certbot renew` timer).',
    references: [pci('4.2.1'), asvs('12.2.2'), cis('4.1.2'), cwe(326)],
  },
  'TLS-05': {
    why: 'With TLS 1.2 session tickets, one long-lived ticket key decrypts every recorded session it covered, undoing forward secrecy.',
    fix: "nginx: `ssl_session_tickets off;` with `ssl_session_cache shared:SSL:10m; ssl_session_timeout 10m;` (the checklist's settings).",
    references: [cis('4.1.12')],
  },
  'TLS-06': {
    why: 'TLS compression leaks secrets such as session cookies (CRIME), and insecure or client-initiated renegotiation allows request injection and denial of service.',
    fix: 'Run nginx on a current OpenSSL (1.1.0 or later has no TLS compression and supports secure renegotiation only); nginx refuses client-initiated renegotiation; behind an ALB, use a current `ELBSecurityPolicy-TLS13-*` policy.',
    references: [pci('4.2.1')],
  },
  'TLS-07': {
    why: 'A store that answers on plain HTTP lets a network attacker read or rewrite pages, logins and payment scripts before the browser reaches HTTPS.',
    fix: 'nginx: a port-80 server block with only `return 301 https://$host$request_uri;`, and `bin/magento config:set web/secure/use_in_frontend 1` and `web/secure/use_in_adminhtml 1` with https base URLs.',
    references: [asvs('12.2.1'), cis('4.1.1'), cwe(319)],
  },
  'HDR-01': {
    why: 'A page that any site can frame can be overlaid to trick shoppers and admins into clicks (clickjacking).',
    fix: "nginx: `add_header X-Frame-Options \"SAMEORIGIN\" always;` or `add_header Content-Security-Policy \"frame-ancestors 'self'\" always;`; Magento sets the header from `'x-frame-options' => 'SAMEORIGIN'` in app/etc/env.php.",
    references: [asvs('3.4.6'), cis('5.3.1'), cwe(1021)],
  },
  'HDR-02': {
    why: 'Without nosniff, a browser may run an uploaded or mistyped file as script or style.',
    fix: 'nginx: `add_header X-Content-Type-Options "nosniff" always;`.',
    references: [asvs('3.4.4'), cis('5.3.2')],
  },
  'HDR-03': {
    why: 'Full URLs in the Referer header leak order numbers, search terms and reset tokens to third-party scripts and sites.',
    fix: 'nginx: `add_header Referrer-Policy "strict-origin-when-cross-origin" always;`.',
    references: [asvs('3.4.5'), cis('5.3.4')],
  },
  'HDR-04': {
    why: "The checklist's hardening baseline sets this header; current browsers ignore it, and some policies prefer `0` because the old filter could itself be abused.",
    fix: 'nginx: `add_header X-XSS-Protection "1; mode=block" always;` (the checklist), or `"0"` where the policy allows it (targets file `policy.xssProtection`).',
    references: [{ standard: 'CIS NGINX Benchmark v1.0.0', id: '5.3.3' }],
  },
  'HDR-05': {
    why: 'An enforced Content-Security-Policy limits what injected or skimming JavaScript can load and where it can send card data.',
    fix: "Enforce Magento's CSP: `bin/magento config:set csp/mode/storefront/report_only 0` (and `csp/mode/admin/report_only 0`) after whitelisting needed hosts in csp_whitelist.xml; or nginx `add_header Content-Security-Policy \"…; object-src 'none'; base-uri 'none'\" always;`.",
    references: [asvs('3.4.3'), cis('5.3.3')],
  },
  'HDR-06': {
    why: 'Without HSTS a browser can be steered to plain HTTP (SSL stripping) on each new visit; ASVS asks for at least a year, this check for at least 180 days.',
    fix: 'nginx, in the HTTPS server block: `add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;` served with a valid certificate.',
    references: [asvs('3.4.1'), cis('4.1.8'), cwe(319)],
  },
  'HDR-07': {
    why: 'Version banners tell attackers which known vulnerabilities to try first.',
    fix: 'nginx: `server_tokens off;`, `fastcgi_hide_header X-Powered-By;` (or `expose_php = Off` in php.ini) and `proxy_hide_header`/`fastcgi_hide_header` for X-Magento-Debug and X-Magento-Cache-Debug; run `bin/magento deploy:mode:set production`.',
    references: [asvs('13.4.6'), cis('2.5.1'), cis('2.5.4'), cwe(497)],
  },
  'HDR-08': {
    why: 'Headers missing on error pages and static files leave those responses frameable and sniffable, and attackers choose exactly those URLs.',
    fix: 'Add `always` to every security `add_header` (otherwise nginx drops them on 4xx/5xx), and since a location with its own `add_header` inherits none from the server block, repeat them there, e.g. `include snippets/security-headers.conf;` in the `/static/` and `/media/` locations.',
    references: [asvs('3.4.1'), asvs('3.4.4'), asvs('3.4.6')],
  },
  'HDR-09': {
    why: 'A session cookie without Secure can leak over HTTP, without HttpOnly can be stolen by injected script, and without SameSite rides along on cross-site requests (CSRF).',
    fix: "`bin/magento config:set web/secure/use_in_frontend 1` (Magento then marks its cookies Secure) and `bin/magento config:set web/cookie/cookie_httponly 1`; in php-fpm's php.ini `session.cookie_secure = 1`, `session.cookie_httponly = 1`, `session.cookie_samesite = Lax`; fix extensions that set cookies without these flags.",
    references: [asvs('3.3.1'), asvs('3.3.2'), asvs('3.3.4'), cwe(614), cwe(1004), cwe(1275)],
  },
  'PATH-01': {
    why: 'A served .git directory or .env file gives away source code, history and credentials.',
    fix: "nginx: `location ~ /\\.(?!well-known) { deny all; }` (the checklist's `location ~ /\\.` rule, keeping ACME challenges), and deploy without .git/.svn/.hg in the web root.",
    references: [asvs('13.4.1'), cis('2.5.3'), cwe(527)],
  },
  'PATH-02': {
    why: 'app/etc/env.php holds the database password and the crypt key; a readable copy gives away the database, decrypts stored secrets and lets an attacker forge API tokens (as CosmicSting exploits did).',
    fix: "Set the web root to `$MAGE_ROOT/pub` as in Magento's nginx.conf.sample so app/ is outside it; deny editor and backup copies (`location ~* (\\.bak|\\.orig|\\.old|\\.save|\\.swp|~)$ { deny all; }`); delete stray copies, then rotate the database password and the crypt key.",
    references: [asvs('13.4.7'), cwe(538), cwe(530)],
  },
  'PATH-03': {
    why: 'composer.json, composer.lock and installed.json list every package and version, a map of known vulnerabilities to try.',
    fix: "Serve from `$MAGE_ROOT/pub` so composer files and vendor/ are outside the web root; otherwise the checklist's `location ~* (composer\\.json|composer\\.lock|vendor/) { deny all; }`.",
    references: [asvs('13.4.6'), cwe(497)],
  },
  'PATH-04': {
    why: 'Logs, session files and error reports contain customer data, session IDs and stack traces; a session file lets an attacker take over a session.',
    fix: "Serve from `$MAGE_ROOT/pub`; otherwise the checklist's `location ~* (var/log/|var/session/|var/report/|var/export/) { deny all; }`; keep sessions in Redis (`bin/magento setup:config:set --session-save=redis`).",
    references: [asvs('16.4.2'), pci('10.3.1'), cwe(552)],
  },
  'PATH-05': {
    why: 'A downloadable database dump or code archive is the whole store: customers, orders, admin hashes and secrets.',
    fix: 'Keep backups outside the web root (AWS Backup, RDS snapshots or a private S3 bucket), delete var/backups and stray archives from the server, and deny them in nginx: `location ~* \\.(sql|sql\\.gz|zip|tar\\.gz|tgz)$ { deny all; }`.',
    references: [asvs('13.4.7'), cwe(530)],
  },
  'PATH-06': {
    why: 'Directory listings show every file, including ones never linked, and speed up finding the rest of these exposures.',
    fix: 'nginx: `autoindex off;` (the default): remove every `autoindex on;`.',
    references: [asvs('13.4.3'), cis('2.1.4'), cwe(548)],
  },
  'PATH-07': {
    why: 'Customer uploads, downloadable products and import files are private; served directly they leak personal data and paid downloads.',
    fix: "Use the deny rules of Magento's nginx.conf.sample: `location /media/customer/ { deny all; }`, likewise `/media/downloadable/`, `/media/import/`, `/media/custom_options/`, and `location ~ ^/media/theme_customization/.*\\.xml { deny all; }` (for `/pub/media/` too).",
    references: [asvs('8.2.2'), cwe(552)],
  },
  'PATH-08': {
    why: 'Setup wizards, phpinfo and database tools in production give attackers configuration details or a direct way into the database.',
    fix: 'Delete phpinfo.php, info.php, adminer.php, phpMyAdmin, magmi and downloader/ from the server; deny the rest in nginx: `location ~ ^/(setup|update|dev)(/|$) { deny all; }`.',
    references: [asvs('15.2.3'), pci('2.2.4')],
  },
  'MTH-01': {
    why: 'Methods the storefront never uses (PUT, DELETE, WebDAV) only add attack surface: file writes, cache poisoning, bypassed rules.',
    fix: "nginx, in storefront locations (not /rest/, which Magento's API needs): `if ($request_method !~ ^(GET|HEAD|POST)$) { return 405; }` (the checklist's rule).",
    references: [asvs('4.1.4'), cis('5.1.2')],
  },
  'MTH-02': {
    why: 'TRACE echoes the request back, including cookies and authorization headers, which cross-site tracing can read.',
    fix: 'nginx already answers TRACE with 405; find the component that echoes it (Apache: `TraceEnable Off`; a proxy or load balancer in front) or refuse it at the edge: `if ($request_method ~ ^(TRACE|TRACK)$) { return 405; }`.',
    references: [asvs('13.4.4'), cis('5.1.2')],
  },
  'ADM-01': {
    why: 'Bots try /admin and /backend on every Magento store; a default admin path invites credential stuffing and admin exploits.',
    fix: '`bin/magento setup:config:set --backend-frontname="<unguessable-name>"` (stored as `backend.frontName` in app/etc/env.php); check with `bin/magento info:adminuri`.',
    references: [{ standard: 'Adobe Commerce', id: 'Configure Admin security: use a custom Admin URL', url: ADOBE_ADMIN_SECURITY }],
  },
  'ADM-02': {
    why: 'An admin login reachable by anyone is exposed to password guessing and to every admin-side vulnerability; an IP allow-list removes most of that.',
    fix: 'Allow the admin path only from office or VPN addresses: an AWS WAF rule on the ALB (IP set and URI path), or in nginx `location ^~ /<admin>/ { allow 203.0.113.10/32; deny all; try_files $uri $uri/ /index.php$is_args$args; }` (and the same for `/index.php/<admin>`).',
    references: [cis('5.1.1')],
  },
  'MAG-01': {
    why: 'A disclosed Magento version tells attackers which published exploits apply without any probing.',
    fix: 'nginx: `location = /magento_version { return 404; }` (or `bin/magento module:disable Magento_Version`), and keep composer files out of the web root (PATH-03).',
    references: [asvs('13.4.6'), cwe(497)],
  },
  'MAG-02': {
    why: 'End-of-life or unpatched Magento releases carry public exploits (e.g. CosmicSting) that lead to stolen keys, skimmers and full takeover.',
    fix: 'Upgrade to a supported patch release: `composer require magento/product-community-edition=2.4.X-pY --no-update && composer update`, then `bin/magento setup:upgrade`, `bin/magento setup:di:compile`, `bin/magento setup:static-content:deploy -f`; check with `bin/magento --version`.',
    references: [pci('6.3.3'), asvs('15.2.1'), cwe(1104), cwe(1395)],
  },
  'MAG-03': {
    why: 'Anonymous access to catalog and customer REST resources lets anyone scrape or enumerate store data.',
    fix: '`bin/magento config:set webapi/webapisecurity/allow_insecure 0` (Stores > Configuration > Services > Magento Web API > Allow Anonymous Guest Access: No), and review extensions whose webapi.xml grants `<resource ref="anonymous"/>`.',
    references: [asvs('8.2.1'), cwe(306)],
  },
  'MAG-04': {
    why: 'Stack traces and file paths reveal code structure, versions and sometimes queries or secrets.',
    fix: "`bin/magento deploy:mode:set production`; `display_errors = Off` in php-fpm's php.ini; keep pub/errors/local.xml from printing reports (no `<action>print</action>`).",
    references: [asvs('16.5.1'), asvs('13.4.2'), cwe(209)],
  },
  'SCR-01': {
    why: 'A script nobody authorised on a payment page runs with full access to the card form: this is how Magecart-style skimmers steal card data.',
    fix: 'Draft the inventory with `mageprobe inventory targets.yaml --target NAME --out inventory.yaml`, have each script justified and approved, and remove every script nobody can justify (an unknown one may be a skimmer: check the Magento admin for injected `design/head/includes`, CMS blocks and modified theme files, e.g. with `bin/magento` and a file-integrity diff against your release).',
    references: [pci('6.4.3'), cwe(829)],
  },
  'SCR-02': {
    why: 'A third-party script without an integrity check runs whatever its host serves tomorrow; one compromised CDN or vendor account then skims every checkout.',
    fix: 'Give each cross-origin `<script>` an `integrity="sha384-…"` and `crossorigin="anonymous"` attribute, or enforce a Content-Security-Policy whose `script-src` lists only the inventoried origins (Magento 2.4.7+: restrict mode for checkout in `etc/config.xml` `csp/mode/storefront_checkout_index_index/report_only` 0 and a `csp_whitelist.xml` of the inventoried hosts).',
    references: [pci('6.4.3'), asvs('3.6.1'), cwe(494)],
  },
  'SCR-03': {
    why: 'An attacker who can change the payment page often loosens its CSP or framing headers first, so that injected scripts run and exfiltrate unnoticed.',
    fix: "Find who changed the headers (nginx `add_header` lines, Magento CSP configuration, a CDN rule); revert an unauthorised change, or after review record the new values with `mageprobe inventory` and copy them into the inventory's `headers:` section.",
    references: [pci('11.6.1')],
  },
  'SCR-04': {
    why: 'Connections to unknown origins, look-alike script hosts and encoded loaders are how skimmers hide on a payment page and ship card data out.',
    fix: 'Treat it as an incident: take the payment page offline or disable the affected module, find the injection point (admin `design/head/includes`, CMS blocks, `core_config_data`, modified JS under pub/static), rotate admin credentials, and follow your PCI incident response plan; list a legitimate origin under `connections:` in the inventory with its justification.',
    references: [pci('11.6.1'), cwe(506)],
  },
  'INT-01': {
    why: 'A compromised web server acts with its instance role; wildcard permissions turn a store breach into an AWS account breach.',
    fix: 'Scope the EC2 role to the actions and resource ARNs it needs (the checklist\'s CloudWatch Logs and media-bucket statements); remove `"Action": "*"` and `"Resource": "*"`; use IAM Access Analyzer to find unused permissions.',
    references: [pci('7.2.5'), asvs('13.2.2'), awsHub('IAM.1'), cwe(250)],
  },
  'INT-02': {
    why: 'Without CloudTrail in every region, changes to security groups, roles and keys leave no trace to investigate.',
    fix: '`aws cloudtrail create-trail --name org-trail --s3-bucket-name <restricted-bucket> --is-multi-region-trail --enable-log-file-validation` then `aws cloudtrail start-logging --name org-trail`; keep the logs at least 12 months.',
    references: [pci('10.2.1'), pci('10.3.4'), pci('10.5.1'), awsHub('CloudTrail.1'), cwe(778)],
  },
  'INT-03': {
    why: 'Flow logs show which addresses reached the web and database tiers, evidence no other log keeps.',
    fix: '`aws ec2 create-flow-logs --resource-type VPC --resource-ids vpc-… --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<restricted-bucket>`.',
    references: [pci('10.2.1'), awsHub('EC2.6'), cwe(778)],
  },
  'INT-04': {
    why: 'A database that is publicly accessible or reachable beyond the web tier can be attacked directly.',
    fix: 'DB subnet group with private subnets only; `aws rds modify-db-instance --db-instance-identifier … --no-publicly-accessible`; RDS security group inbound 3306 with source = the web server security group ID only.',
    references: [pci('1.4.4'), awsHub('RDS.2'), cwe(668)],
  },
  'INT-05': {
    why: 'A database password hard-coded in env.php leaks with every backup, repository copy or file-read bug and is rarely rotated.',
    fix: "Store the credentials in AWS Secrets Manager (or SSM Parameter Store SecureString), allow the instance role `secretsmanager:GetSecretValue` on that secret ARN only, and render env.php's `db` block from the secret at deploy time.",
    references: [pci('8.6.2'), asvs('13.3.1'), cwe(260)],
  },
  'INT-06': {
    why: 'World-writable code or configuration lets any local process, or a file-upload bug, plant a backdoor or skimmer.',
    fix: "The checklist's commands: `chown -R www-data:www-data` on the Magento root, `find … -type d -exec chmod 755 {} \\;`, `find … -type f -exec chmod 644 {} \\;`, `chmod o-w app/etc/env.php app/etc/config.php`.",
    references: [cwe(732)],
  },
  'INT-07': {
    why: 'Admin passwords are phished and stuffed; without a second factor one password opens the whole store.',
    fix: 'Keep Magento_TwoFactorAuth enabled (`bin/magento module:status Magento_TwoFactorAuth`), `bin/magento config:set twofactorauth/general/force_providers google`, require admin passwords of at least 12 characters, and `bin/magento config:set admin/security/lockout_failures 6`.',
    references: [pci('8.4.1'), pci('8.3.6'), asvs('6.3.3'), cwe(308)],
  },
  'INT-08': {
    why: 'Magento and extension vulnerabilities are exploited within days of disclosure; only a patching routine keeps up.',
    fix: 'Subscribe to Adobe security bulletins (APSB), apply critical security patches within one month of release (`composer update` plus `bin/magento setup:upgrade`), run `composer audit` on every deploy, and keep the patch history.',
    references: [pci('6.3.3'), asvs('15.1.1')],
  },
  'INT-09': {
    why: 'Without tested backups, ransomware, a bad deploy or a deleted database is permanent.',
    fix: 'RDS automated backups (`aws rds modify-db-instance --db-instance-identifier … --backup-retention-period 7` or more), an AWS Backup plan for the EBS volumes, and a recorded restore test on a scratch instance at a fixed interval.',
    references: [awsHub('RDS.11'), awsHub('EC2.28')],
  },
  'INT-10': {
    why: 'Without versioning, an overwritten or deleted product image or upload in the media bucket cannot be recovered.',
    fix: '`aws s3api put-bucket-versioning --bucket <media-bucket> --versioning-configuration Status=Enabled`, with a lifecycle rule that expires old versions.',
    references: [awsHub('S3.14')],
  },
  'INT-11': {
    why: 'Logs kept only on the web server disappear or are altered when it is compromised, along with the evidence of how.',
    fix: 'Enable Magento logging (Stores > Configuration > Advanced > Developer > Log Settings) and ship var/log/*.log and the nginx access and error logs to CloudWatch Logs with the CloudWatch agent, with restricted access and 12-month retention.',
    references: [pci('10.2.1'), pci('10.3.3'), asvs('16.4.3'), cwe(778)],
  },
};

/** A short label as auditors cite it: "PCI DSS v4.0.1 4.2.1", "OWASP ASVS 5.0.0 3.4.1", "CWE-319". */
export function referenceLabel(r: Reference): string {
  if (r.standard === 'CWE') return r.id;
  if (r.standard === 'Adobe Commerce') return `Adobe Commerce: ${r.id}`;
  return `${r.standard} ${r.id}`;
}

/** Where a reader can look the reference up, when it has a free public page. */
export function referenceUrl(r: Reference): string | undefined {
  switch (r.standard) {
    case 'CWE':
      return `https://cwe.mitre.org/data/definitions/${r.id.slice(4)}.html`;
    case 'AWS Security Hub': {
      const [service = '', n = ''] = r.id.split('.');
      const page = service.toLowerCase();
      return `https://docs.aws.amazon.com/securityhub/latest/userguide/${page}-controls.html#${page}-${n}`;
    }
    case 'Adobe Commerce':
      return r.url;
    default:
      return undefined;
  }
}

/** A remediation for reports and tools: each reference with its label and, when public, its URL. */
export function remediationDoc(r: Remediation) {
  return {
    why: r.why,
    fix: r.fix,
    references: r.references.map((ref) => ({ ...ref, label: referenceLabel(ref), url: referenceUrl(ref) })),
  };
}

export type RemediationDoc = ReturnType<typeof remediationDoc>;

/**
 * What reports show under a check: the catalogue's remediation, or a team's own `why`/`fix` for
 * its acceptance check (no references: a team cites what it wants in the text); else undefined.
 */
export function remediationOf(check: CheckSpec): RemediationDoc | undefined {
  if (isCustomSpec(check)) return check.why || check.fix ? { why: check.why ?? '', fix: check.fix ?? '', references: [] } : undefined;
  const r = remediationFor(check.id);
  return r ? remediationDoc(r) : undefined;
}

/** The remediation of a check, or undefined for an ID the table does not hold (a check added later). */
export function remediationFor(id: string): Remediation | undefined {
  return Object.hasOwn(REMEDIATION, id) ? REMEDIATION[id] : undefined;
}
