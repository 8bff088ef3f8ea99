import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dumpCandidates, hostDerivedNames } from '../../catalogue/paths.js';
import type { HttpExchange } from '../../probes/http/exchange.js';
import { readAdminLogin } from '../../probes/web/admin.js';
import { looksLikeHtml, matchSignatures, redact } from '../../probes/web/content.js';
import { fingerprint, similarity } from '../../probes/web/fingerprint.js';
import { findDisclosures, readRest } from '../../probes/web/magento.js';
import { compareReleases, parseMagentoVersion, release } from '../../probes/web/magento-version.js';
import { assessVersion } from '../../suites/magento/release.js';

// Parsers and tables with captured bytes; the real-server behaviour is covered by the lab tests beside this file.
const ex = (status: number, body: string | Buffer, headers: Record<string, string> = {}): HttpExchange => ({
  url: 'http://shop.example.test/x',
  method: 'GET',
  status,
  headers,
  body: Buffer.from(body),
  bodyTruncated: false,
  address: '198.18.0.2',
  at: new Date(0).toISOString(),
  elapsedMs: 1,
});

describe('content signatures', () => {
  it('an HTML page never proves a non-HTML file, even when it carries the marker', () => {
    const themed = '<!doctype html><html><body><pre>[core]\nrepositoryformatversion = 0</pre></body></html>';
    expect(matchSignatures(Buffer.from(themed), ['git-config'], '/.git/config')).toBeUndefined();
    expect(matchSignatures(Buffer.from('[core]\n\trepositoryformatversion = 0\n'), ['git-config'], '/.git/config')?.signature).toBe('git-config');
  });

  it('a page that only echoes the requested path never matches', () => {
    const echo = '<html><body><title>Index of /media/</title> not found: /media/?C=N;O=D</body></html>';
    expect(matchSignatures(Buffer.from(echo), ['listing-apache'], '/media/?C=N;O=D')).toBeUndefined();
  });

  it('env.php needs <?php and Magento config keys; the quote is redacted', () => {
    const env = "<?php\nreturn [\n 'db' => ['connection' => ['default' => ['password' => 'hunter2!']]],\n 'crypt' => ['key' => 'abcdef0123456789'],\n];\n";
    const m = matchSignatures(Buffer.from(env), ['magento-env'], '/app/etc/env.php.bak')!;
    expect(m.quote).toContain("'password' => '***'");
    expect(m.quote).toContain("'key' => '***'");
    expect(m.quote).not.toMatch(/hunter2|abcdef0123456789/);
    expect(matchSignatures(Buffer.from("<?php\necho 'hello';\n"), ['magento-env'], '/app/etc/env.php.bak')).toBeUndefined();
  });

  it('composer.json must be a JSON object with require; a capped lock file needs only its opening', () => {
    expect(matchSignatures(Buffer.from('{"require": {"magento/product-community-edition": "2.4.7"}}'), ['composer-json'], '/composer.json')).toBeDefined();
    expect(matchSignatures(Buffer.from('{"require": {'), ['composer-json'], '/composer.json')).toBeUndefined();
    expect(matchSignatures(Buffer.from('{\n "content-hash": "x",\n "packages": [ {"name"'), ['composer-lock'], '/composer.lock', true)).toBeDefined();
  });

  it('recognises Magento log lines, dumps, archives and listings of four servers', () => {
    expect(matchSignatures(Buffer.from('[2024-01-01T10:00:00.000000+00:00] main.ERROR: boom [] []\n'), ['magento-log'], '/var/log/system.log')).toBeDefined();
    expect(matchSignatures(Buffer.from('just some text\n'), ['magento-log'], '/var/log/system.log')).toBeUndefined();
    expect(matchSignatures(Buffer.from('-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\n'), ['sql-dump'], '/db.sql')?.quote).toContain('MariaDB dump');
    expect(matchSignatures(gzipSync('-- MySQL dump 10.13\n'), ['gzip'], '/db.sql.gz')?.quote).toContain('-- MySQL dump');
    expect(matchSignatures(Buffer.from('504b03041400', 'hex'), ['zip'], '/shop.zip')).toBeDefined();
    const listings: [string, string][] = [
      ['listing-nginx', '<html>\r\n<head><title>Index of /media/</title></head>\r\n<body>\r\n<h1>Index of /media/</h1><hr><pre><a href="../">../</a>\r\n'],
      [
        'listing-apache',
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of /media</title>\n </head>\n <body>\n<h1>Index of /media</h1>\n<ul><li><a href="/"> Parent Directory</a></li>',
      ],
      [
        'listing-iis',
        '<html><head><title>shop.example.test - /media/</title></head><body><H1>shop.example.test - /media/</H1><hr>\r\n\r\n<pre><A HREF="/">[To Parent Directory]</A><br><br>',
      ],
      [
        'listing-lighttpd',
        '<!DOCTYPE html>\n<html>\n<head>\n<title>Index of /media/</title>\n</head>\n<body>\n<h2>Index of /media/</h2>\n<div class="list">\n<table summary="Directory Listing"',
      ],
    ];
    for (const [id, body] of listings) expect(matchSignatures(Buffer.from(body), [id as 'listing-nginx'], '/media/')?.signature, id).toBe(id);
  });

  it('treats <?php and plain text as non-HTML, markup as HTML', () => {
    expect(looksLikeHtml(Buffer.from('<?php return [];'))).toBe(false);
    expect(looksLikeHtml(Buffer.from('ref: refs/heads/main\n'))).toBe(false);
    expect(looksLikeHtml(Buffer.from('\n<!DOCTYPE html><html>'))).toBe(true);
    expect(looksLikeHtml(Buffer.from('<h1>Not Found</h1><p>nope</p>'))).toBe(true);
  });

  it('redacts URL credentials, .env secrets and htpasswd hashes', () => {
    expect(redact('url = https://deploy:tok3n@git.example.test/x.git')).toBe('url = https://deploy:***@git.example.test/x.git');
    expect(redact('DB_PASSWORD=s3cret')).toBe('DB_PASSWORD=***');
    expect(redact('admin:$apr1$abc$def', 'htpasswd')).toBe('admin:***');
  });
});

describe('not-found fingerprints', () => {
  it('two not-found pages differing only in the echoed path, numbers and form key are the same page', () => {
    const page = (p: string, n: number, key: string) =>
      `<html><body><h1>404</h1><p>${p} is not here</p><input name="form_key" value="${key}"><p>req ${n}</p></body></html>`;
    const a = fingerprint(Buffer.from(page('/mpaaaa.php', 17, 'AbCdEfGhIjKlMnOp')), '/mpaaaa.php');
    const b = fingerprint(Buffer.from(page('/.git/HEAD', 99123, 'ZyXwVuTsRqPoNmLk')), '/.git/HEAD');
    expect(similarity(a, b)).toBe(1);
    const other = fingerprint(Buffer.from('ref: refs/heads/main\n'), '/.git/HEAD');
    expect(similarity(a, other)).toBeLessThan(0.5);
  });
});

describe('dump names', () => {
  it('derives names from the host', () => {
    expect(hostDerivedNames('shop.example.com')).toEqual(['shop', 'shop.example.com', 'shop-example-com', 'shop_example_com', 'example']);
    expect(hostDerivedNames('198.18.0.2')).toEqual([]);
    const paths = dumpCandidates('shop.example.com').map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['/shop.zip', '/shop-example-com.sql.gz', '/backup.sql', '/dump.sql', '/db.sql', '/magento.sql']));
    expect(dumpCandidates('shop.example.com').every((c) => c.head)).toBe(true);
  });
});

describe('admin login markers', () => {
  it('needs both credential fields and supporting markers together', () => {
    const login =
      '<html><head><title>Magento Admin</title></head><body class="adminhtml-auth-login"><form id="login-form"><input type="hidden" name="form_key" value="x"><input name="login[username]"><input type="password" name="login[password]"></form></body></html>';
    expect(readAdminLogin(ex(200, login)).isLogin).toBe(true);
    const blog =
      '<html><head><title>Magento Admin tips</title></head><body><p>The field is called login[username].</p><input name="login[username]"></body></html>';
    expect(readAdminLogin(ex(200, blog)).isLogin).toBe(false);
  });
});

describe('Magento versions and the release table', () => {
  it('parses and orders releases', () => {
    expect(parseMagentoVersion('2.4.6-p3')).toMatchObject({ kind: 'release', patch: 6, p: 3 });
    expect(parseMagentoVersion('2.4')).toMatchObject({ kind: 'line' });
    expect(parseMagentoVersion('^2.4')).toBeUndefined();
    expect(compareReleases(release('2.4.4-p8'), release('2.4.5'))).toBeLessThan(0);
    expect(compareReleases(release('2.4.7-p1'), release('2.4.7'))).toBeGreaterThan(0);
  });

  const at = new Date('2026-11-30T00:00:00Z');
  it('flags end of life and CVE ranges on exact releases only', () => {
    const old = assessVersion(release('2.4.3-p1'), at);
    expect(old.endOfLife).toBe(true);
    expect(old.kind === 'release' && old.vulnerabilities.map((v) => v.id)).toEqual(
      expect.arrayContaining(['CVE-2022-24086', 'CVE-2024-34102', 'CVE-2025-54236']),
    );
    const cosmic = assessVersion(release('2.4.7'), at);
    expect(cosmic.kind === 'release' && cosmic.vulnerabilities.map((v) => v.id)).toContain('CVE-2024-34102');
    const patched = assessVersion(release('2.4.7-p8'), at);
    expect(patched).toMatchObject({ endOfLife: false, vulnerabilities: [] });
  });

  it('with major.minor only: end of life when every line is, otherwise undecided', () => {
    expect(assessVersion(parseMagentoVersion('2.3')!, at)).toMatchObject({ kind: 'line', endOfLife: true });
    expect(assessVersion(parseMagentoVersion('2.4')!, at)).toMatchObject({ kind: 'line', endOfLife: false });
  });
});

describe('Magento answers', () => {
  it("reads REST answers: Magento's 401, data, and non-Magento pages", () => {
    expect(readRest(ex(401, '{"message":"The consumer isn\'t authorized to access %resources.","parameters":{"resources":"Magento_Catalog::products"}}'))).toBe(
      'refused by Magento',
    );
    expect(readRest(ex(200, '{"items":[{"sku":"x"}],"total_count":1}'))).toBe('data');
    expect(readRest(ex(200, '<html>shop</html>'))).toBe('not a Magento REST answer');
    expect(readRest(ex(404, '{"message":"Request does not match any route."}'))).toBe('not a Magento REST answer');
  });

  it('finds stack traces and paths in JSON-escaped error answers', () => {
    const body = '{"message":"Decoding error.","trace":"#0 \\/var\\/www\\/html\\/vendor\\/magento\\/framework\\/Webapi\\/Rest\\/Request.php(62): x"}';
    const names = findDisclosures(ex(400, body), '/rest/V1/x').map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['PHP stack trace', 'stack trace field', 'server file path']));
    expect(findDisclosures(ex(404, '<html><body>Whoops, our bad... /static/version1/frontend/Magento/luma</body></html>'), '/x')).toEqual([]);
  });
});
