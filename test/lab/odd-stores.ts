import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, constants, createGzip, deflateSync, gzipSync } from 'node:zlib';
import type { Target } from '../../core/target.js';
import { makeTarget } from '../../core/targets.js';
import { makeLabCertificate } from './pki.js';

/**
 * Loopback stores that are not the store a scan expects: maintenance mode, a host that moved,
 * endless redirects, WAF and bot walls, compressed secrets, a decompression bomb, HTTPS that
 * sends you to plain HTTP. Plain Node servers on 127.0.0.1, so each answer is exactly as written.
 */
export const ODD_HOST = 'shop.example.test';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface OddStore {
  readonly port: number;
  /** Requests seen, as "METHOD path". */
  readonly seen: string[];
  target(extra?: object): Target;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-xss-protection': '1; mode=block',
  'content-security-policy': "default-src 'self'; frame-ancestors 'self'",
  'strict-transport-security': 'max-age=31536000',
};

const NOT_FOUND =
  '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Whoops, our bad...</h1><p>The page you requested was not found.</p></body></html>';

/** Every URL, any method: 503 with Retry-After, as Magento's maintenance mode behind nginx answers. */
export const maintenance: Handler = (_req, res) => {
  res.writeHead(503, { 'retry-after': '3600', 'content-type': 'text/html', ...SECURITY_HEADERS });
  res.end(
    '<!doctype html><html><head><title>Service Temporarily Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime.</p></body></html>',
  );
};

/** Every URL 301 to the same path on www. (an apex that moved), with good headers on the 301. */
export const movedToWww: Handler = (req, res) => {
  res.writeHead(301, { location: `https://www.${ODD_HOST}${req.url}`, ...SECURITY_HEADERS });
  res.end();
};

/** The home page redirects forever (/ → /?n=1 → /?n=2 …); /admin and /admin/ send to each other. */
export const endlessRedirects: Handler = (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/') {
    res.writeHead(302, { location: `/?n=${Number(url.searchParams.get('n') ?? 0) + 1}`, ...SECURITY_HEADERS });
    return res.end();
  }
  if (url.pathname === '/admin' || url.pathname === '/admin/') {
    res.writeHead(302, { location: url.pathname === '/admin' ? '/admin/' : '/admin', ...SECURITY_HEADERS });
    return res.end();
  }
  res.writeHead(404, { 'content-type': 'text/html', ...SECURITY_HEADERS });
  res.end(NOT_FOUND);
};

/** AWS WAF's Challenge action on every request (AWS WAF docs: 202 + x-amzn-waf-action: challenge). */
export const awsWafChallenge: Handler = (_req, res) => {
  res.writeHead(202, { 'x-amzn-waf-action': 'challenge', 'content-type': 'text/html; charset=UTF-8', ...SECURITY_HEADERS });
  res.end(
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title></title><script src="https://abc123.edge.sdk.awswaf.com/abc123/challenge.js"></script></head><body><div id="challenge-container"></div><noscript><h1>JavaScript is disabled</h1></noscript></body></html>',
  );
};

/** DataDome's block page on every request: 403, X-DataDome, and the captcha it loads. */
export const dataDomeBlock: Handler = (_req, res) => {
  res.writeHead(403, { 'x-datadome': 'protected', 'x-dd-b': '1', 'content-type': 'text/html;charset=utf-8', ...SECURITY_HEADERS });
  res.end(
    `<html><head><title>${ODD_HOST}</title><style>#cmsg{animation: A 1.5s;}</style></head><body style="margin:0"><p id="cmsg">Please enable JS and disable any ad blocker</p><script>var dd={'rt':'c','cid':'AHrlqAAAAAMA','hsh':'A55FBF4311ED6F1BF9911EB71931D5','t':'fe','s':17434,'host':'geo.captcha-delivery.com'}</script><script src="https://ct.captcha-delivery.com/c.js"></script></body></html>`,
  );
};

export const GIT_CONFIG =
  '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n[remote "origin"]\n\turl = https://deploy:Gz-Secret-Token-42@git.example.test/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
export const DOT_ENV = 'APP_ENV=production\nDB_HOST=db.internal\nDB_PASSWORD=Gz-Env-Pa55word\n';
export const ENV_PHP =
  "<?php\nreturn [\n    'backend' => ['frontName' => 'ops'],\n    'crypt' => ['key' => 'Br-Crypt-Key-0123456789'],\n    'db' => ['connection' => ['default' => ['host' => 'db.internal', 'password' => 'Br-Db-Pa55word']]],\n];\n";
const SQL_DUMP =
  '-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: db.internal    Database: magento\nCREATE TABLE `admin_user` (\n  `user_id` int unsigned NOT NULL AUTO_INCREMENT\n);\n';
/** Secrets the compressed files carry: never in a report. */
export const COMPRESSED_SECRETS = ['Gz-Secret-Token-42', 'Gz-Env-Pa55word', 'Br-Crypt-Key-0123456789', 'Br-Db-Pa55word'];

/**
 * Compressed secrets: /.git/config gzipped when asked for, /.env gzipped and /app/etc/env.php
 * brotli-compressed whatever the request asked, /app/etc/env.php.bak deflated, /backup.sql.gz
 * as gzip-encoded SQL; everything else
 * a 404 page, gzipped when asked (as nginx's `gzip on` does).
 */
export const compressedSecrets: Handler = (req, res) => {
  const asked = String(req.headers['accept-encoding'] ?? '');
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const send = (status: number, type: string, body: string, coding?: 'gzip' | 'br' | 'deflate') => {
    const encoded =
      coding === 'gzip' ? gzipSync(body) : coding === 'br' ? brotliCompressSync(body) : coding === 'deflate' ? deflateSync(body) : Buffer.from(body);
    res.writeHead(status, { 'content-type': type, ...(coding ? { 'content-encoding': coding } : {}) });
    res.end(encoded);
  };
  if (path === '/.git/config') return send(200, 'text/plain', GIT_CONFIG, /gzip/.test(asked) ? 'gzip' : undefined);
  if (path === '/.env') return send(200, 'text/plain', DOT_ENV, 'gzip');
  if (path === '/app/etc/env.php') return send(200, 'application/octet-stream', ENV_PHP, 'br');
  if (path === '/app/etc/env.php.bak') return send(200, 'application/octet-stream', ENV_PHP, 'deflate');
  // Apache with `AddEncoding x-gzip .gz`: the archive goes out as an encoding of the dump.
  if (path === '/backup.sql.gz') return send(200, 'application/sql', SQL_DUMP, 'gzip');
  return send(404, 'text/html', NOT_FOUND, /gzip/.test(asked) ? 'gzip' : undefined);
};

/** A gzip stream of `bytes` zeros: a decompression bomb about 1/200 of its decoded size. */
export function gzipBomb(bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gz = createGzip({ level: 1 });
    const out: Buffer[] = [];
    gz.on('data', (c: Buffer) => out.push(c))
      .on('end', () => resolve(Buffer.concat(out)))
      .on('error', reject);
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < bytes >> 20; i++) gz.write(chunk);
    gz.end();
  });
}

/** /bomb.gz and /bomb.br: `decoded` zero bytes sent compressed (unasked); the rest 404. */
export function bombs(gz: Buffer, br: Buffer): Handler {
  return (req, res) => {
    const which = req.url === '/bomb.gz' ? (['gzip', gz] as const) : req.url === '/bomb.br' ? (['br', br] as const) : undefined;
    if (!which) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end(NOT_FOUND);
    }
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': which[0], 'content-length': String(which[1].length) });
    res.end(which[1]);
  };
}

export function brotliBomb(bytes: number): Buffer {
  return brotliCompressSync(Buffer.alloc(bytes), { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: bytes } });
}

/** A store on 127.0.0.1 answering with `handler`; its target connects there for ODD_HOST. */
export function startOddStore(handler: Handler, tls?: { certFile: string; keyFile: string }): Promise<OddStore> {
  const seen: string[] = [];
  const wrapped: Handler = (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    // Drain request bodies (MAG-04 posts malformed JSON) before answering.
    req.resume();
    handler(req, res);
  };
  const server: Server = tls ? createTlsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, wrapped) : createServer(wrapped);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        seen,
        target: (extra = {}) =>
          makeTarget({
            name: `odd-${port}`,
            url: `${tls ? 'https' : 'http'}://${ODD_HOST}:${port}/`,
            address: '127.0.0.1',
            timeouts: { connectMs: 2000, requestMs: 5000 },
            ...extra,
          }),
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/** A lab certificate for ODD_HOST (HTTPS stores). */
export const oddCertificate = () => makeLabCertificate([ODD_HOST]);
