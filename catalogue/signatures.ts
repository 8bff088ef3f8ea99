import { type LinearRegex, linear } from '../core/linear-regex.js';

/**
 * Content signatures: the markers that prove a response *is* the sensitive file asked for.
 * A status code never proves anything (CHECKS.md "Evidence, not status codes"); these do.
 * Matching happens on the body with the requested path cut out, so a page that merely
 * echoes the URL never matches. Patterns are LinearRegex (RE2): a body of any shape costs
 * time linear in the bytes scanned, never a runaway (issue 8).
 */
export type SignatureId =
  | 'git-head'
  | 'git-config'
  | 'svn-entries'
  | 'svn-wc-db'
  | 'hg-requires'
  | 'dotenv'
  | 'htaccess'
  | 'htpasswd'
  | 'user-ini'
  | 'ds-store'
  | 'magento-env'
  | 'magento-config'
  | 'vim-swap'
  | 'composer-auth'
  | 'composer-json'
  | 'composer-lock'
  | 'composer-installed'
  | 'magento-log'
  | 'sql-dump'
  | 'gzip'
  | 'zip'
  | 'listing-nginx'
  | 'listing-apache'
  | 'listing-iis'
  | 'listing-lighttpd'
  | 'listing-generic'
  | 'phpinfo'
  | 'adminer'
  | 'phpmyadmin'
  | 'magento-setup'
  | 'magento-updater'
  | 'magento-downloader'
  | 'magmi';

export interface Signature {
  readonly id: SignatureId;
  /** What a match proves, for the failure message ("a Git HEAD file"). */
  readonly proves: string;
  /**
   * 'forbidden': an HTML page never proves this file (a themed error page that mentions
   * `[core]` is still an HTML page). 'required': the thing itself is an HTML page.
   * 'any': binary formats, where the magic bytes decide.
   */
  readonly html: 'forbidden' | 'required' | 'any';
  /** Leading bytes (hex) of which one must open the body. */
  readonly magic?: readonly string[];
  /** Every pattern must match. */
  readonly all?: readonly LinearRegex[];
  /** At least one must match; the first that does is quoted as proof. */
  readonly any?: readonly LinearRegex[];
  /** Body must parse as a JSON object (or at least open like one when the body was capped). */
  readonly jsonObject?: boolean;
  /** Lines quoted next to the proof because they show what leaks (then redacted). */
  readonly quoteAlso?: readonly LinearRegex[];
  /** Decompress (gzip) the first bytes and quote them: a dump inside an archive. */
  readonly peekGzip?: boolean;
}

const LISTING_TITLE = linear(/<title>\s*(Index of|Directory listing for)\b/i);

export const SIGNATURES: Readonly<Record<SignatureId, Signature>> = {
  'git-head': { id: 'git-head', proves: 'a Git HEAD file', html: 'forbidden', any: [linear(/^ref: refs\/[\w./-]+\s*$/m), linear(/^[0-9a-f]{40}\s*$/)] },
  'git-config': { id: 'git-config', proves: 'a Git config file', html: 'forbidden', all: [linear(/^\s*\[core\]\s*$/m)], any: [linear(/^\s*repositoryformatversion\s*=.*$/m), linear(/^\s*\[core\]\s*$/m)], quoteAlso: [linear(/^\s*url\s*=.*$/m)] },
  'svn-entries': { id: 'svn-entries', proves: 'a Subversion entries file', html: 'forbidden', any: [linear(/^(?:8|9|10|11|12)\s*$/), linear(/^\d+\s*\n\s*\ndir\n/)] },
  'svn-wc-db': { id: 'svn-wc-db', proves: 'a Subversion working-copy database', html: 'any', magic: ['53514c69746520666f726d6174203300'] },
  'hg-requires': { id: 'hg-requires', proves: 'a Mercurial repository', html: 'forbidden', all: [linear(/^(?:revlogv1|store|fncache|dotencode|generaldelta|sparserevlog)\s*$/m)] },
  dotenv: { id: 'dotenv', proves: 'a .env file with variables', html: 'forbidden', all: [linear(/^(?:export\s+)?[A-Z][A-Z0-9_]*=.*\r?\n(?:#.*\r?\n|\s*\r?\n)*(?:export\s+)?[A-Z][A-Z0-9_]*=/m)], any: [linear(/^(?:export\s+)?[A-Z][A-Z0-9_]*(?:PASS|KEY|SECRET|TOKEN|HOST|USER|DB)[A-Z0-9_]*=.*$/m), linear(/^(?:export\s+)?[A-Z][A-Z0-9_]*=.*$/m)] },
  htaccess: { id: 'htaccess', proves: 'an Apache .htaccess file', html: 'forbidden', any: [linear(/^\s*RewriteEngine\s+\w+/im), linear(/^\s*<IfModule\s+[\w.]+>/im), linear(/^\s*(?:Options|DirectoryIndex|AddDefaultCharset|php_value|php_flag|SetEnvIf?|Require\s+all|Order\s+allow|Deny\s+from)\b.*$/im)] },
  htpasswd: { id: 'htpasswd', proves: 'an .htpasswd file with password hashes', html: 'forbidden', any: [linear(/^[^:\s<>]+:(?:\$apr1\$|\$2[aby]\$|\{SHA\}|\$[156]\$)\S+\s*$/m), linear(/^[^:\s<>]+:[./0-9A-Za-z]{13}\s*$/m)] },
  'user-ini': { id: 'user-ini', proves: 'a PHP .user.ini file', html: 'forbidden', any: [linear(/^\s*(?:memory_limit|max_execution_time|upload_max_filesize|post_max_size|auto_prepend_file|auto_append_file|display_errors|zlib\.output_compression|session\.[\w.]+|opcache\.[\w.]+)\s*=.*$/m)] },
  'ds-store': { id: 'ds-store', proves: 'a macOS .DS_Store file (lists the directory)', html: 'any', magic: ['0000000142756431'] },
  'magento-env': { id: 'magento-env', proves: "Magento's app/etc/env.php (database credentials and crypt key)", html: 'forbidden', all: [linear(/<\?php/)], any: [linear(/'db'\s*=>/), linear(/'crypt'\s*=>/), linear(/'backend'\s*=>/), linear(/'session'\s*=>/)], quoteAlso: [linear(/'password'\s*=>.*$/m), linear(/'key'\s*=>.*$/m)] },
  'magento-config': { id: 'magento-config', proves: "Magento's app/etc/config.php", html: 'forbidden', all: [linear(/<\?php/)], any: [linear(/'modules'\s*=>/), linear(/'scopes'\s*=>/), linear(/'Magento_\w+'\s*=>\s*[01]/)] },
  'vim-swap': { id: 'vim-swap', proves: 'a Vim swap file of the configuration', html: 'any', magic: ['6230564940'] },
  'composer-auth': { id: 'composer-auth', proves: "Composer's auth.json (repository credentials)", html: 'forbidden', jsonObject: true, any: [linear(/"(?:http-basic|github-oauth|gitlab-token|gitlab-oauth|bitbucket-oauth|bearer)"\s*:/)], quoteAlso: [linear(/"password"\s*:.*$/m)] },
  'composer-json': { id: 'composer-json', proves: 'a Composer manifest', html: 'forbidden', jsonObject: true, any: [linear(/"require"\s*:\s*\{/)] },
  'composer-lock': { id: 'composer-lock', proves: 'a Composer lock file (exact package versions)', html: 'forbidden', jsonObject: true, any: [linear(/"packages"\s*:\s*\[/), linear(/"content-hash"\s*:/)] },
  'composer-installed': { id: 'composer-installed', proves: "Composer's installed.json (exact package versions)", html: 'forbidden', any: [linear(/^\s*\{[\s\S]*"packages"\s*:\s*\[/), linear(/^\s*\[\s*\{\s*"name"\s*:/)] },
  'magento-log': { id: 'magento-log', proves: 'a Magento log file', html: 'forbidden', any: [linear(/^\[\d{4}-\d{2}-\d{2}[T ][\d:.]+(?:[+-]\d{2}:?\d{2}|Z)?\] \w+\.(?:DEBUG|INFO|NOTICE|WARNING|ERROR|CRITICAL|ALERT|EMERGENCY):.*$/m)] },
  'sql-dump': { id: 'sql-dump', proves: 'a database dump', html: 'forbidden', any: [linear(/^-- (?:MySQL|MariaDB) dump.*$/m), linear(/^-- phpMyAdmin SQL Dump.*$/m), linear(/^-- Adminer [\d.]+ \w+ dump.*$/m), linear(/^\/\*!40101 SET .*$/m), linear(/^CREATE TABLE [`"]?\w+[`"]? \(.*$/m), linear(/^INSERT INTO [`"]?\w+[`"]? .{0,40}/m)] },
  gzip: { id: 'gzip', proves: 'a gzip archive', html: 'any', magic: ['1f8b08'], peekGzip: true },
  zip: { id: 'zip', proves: 'a zip archive', html: 'any', magic: ['504b0304', '504b0506'] },
  'listing-nginx': { id: 'listing-nginx', proves: 'an nginx directory listing', html: 'required', all: [LISTING_TITLE, linear(/<h1>Index of /i)], any: [linear(/<a href="\.\.\/">\.\.\/<\/a>/), linear(/<hr><pre>/)] },
  'listing-apache': { id: 'listing-apache', proves: 'an Apache directory listing', html: 'required', all: [LISTING_TITLE], any: [linear(/>\s*Parent Directory\s*<\/a>/i), linear(/\?C=N;O=D/), linear(/<address>Apache[^<]*<\/address>/i)] },
  'listing-iis': { id: 'listing-iis', proves: 'an IIS directory listing', html: 'required', any: [linear(/\[To Parent Directory\]/i), linear(/<pre><A HREF="[^"]*">\[?To Parent/i)] },
  'listing-lighttpd': { id: 'listing-lighttpd', proves: 'a lighttpd directory listing', html: 'required', all: [LISTING_TITLE], any: [linear(/<div class="list">/i), linear(/lighttpd\/[\d.]+/i)] },
  'listing-generic': { id: 'listing-generic', proves: 'a directory listing', html: 'required', all: [linear(/<title>\s*Directory listing for /i), linear(/<li><a href=/i)] },
  phpinfo: { id: 'phpinfo', proves: 'a phpinfo() page (PHP build, paths and environment)', html: 'required', any: [linear(/<title>[^<]*phpinfo\(\)\s*<\/title>/i), linear(/<h1 class="p">PHP Version [\d.]+<\/h1>/i)] },
  adminer: { id: 'adminer', proves: 'the Adminer database tool', html: 'required', any: [linear(/<title>[^<]*Adminer<\/title>/i), linear(/name=["']auth\[driver\]["']/i), linear(/https?:\/\/www\.adminer\.org\//i)] },
  phpmyadmin: { id: 'phpmyadmin', proves: 'phpMyAdmin', html: 'required', all: [linear(/phpMyAdmin/)], any: [linear(/name=["']pma_username["']/i), linear(/<title>[^<]*phpMyAdmin[^<]*<\/title>/), linear(/themes\/pmahomme\//i)] },
  'magento-setup': { id: 'magento-setup', proves: "Magento's web setup wizard", html: 'required', any: [linear(/<title>[^<]*Magento[^<]*Setup[^<]*<\/title>/i), linear(/ng-app=["']magento["']/i), linear(/setup\/pub\/magento\/setup\//i)] },
  'magento-updater': { id: 'magento-updater', proves: "Magento's web updater", html: 'required', any: [linear(/<title>[^<]*Magento[^<]*Updater[^<]*<\/title>/i), linear(/update\/pub\/(?:js|css|images)\//i)] },
  'magento-downloader': { id: 'magento-downloader', proves: 'Magento Connect Manager (downloader)', html: 'required', any: [linear(/Magento Connect Manager/i), linear(/downloader\/skin\//i)] },
  magmi: { id: 'magmi', proves: 'MAGMI (Magento mass importer)', html: 'required', any: [linear(/<title>[^<]*MAGMI[^<]*<\/title>/i), linear(/Magento Mass Importer/i), linear(/magmi_(?:conf|plugin|run)/i)] },
};

export const LISTING: readonly SignatureId[] = ['listing-nginx', 'listing-apache', 'listing-iis', 'listing-lighttpd', 'listing-generic'];
