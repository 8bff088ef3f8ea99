import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTarget } from '../../core/targets.js';
import { VERSION } from '../../core/version.js';
import { httpClientFor } from '../../probes/http/client.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the version comes from package.json', () => {
  let server: Server;
  let port = 0;
  const agents: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      agents.push(req.headers['user-agent'] ?? '');
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('VERSION is package.json "version"', () => {
    expect(VERSION).toBe(pkg.version);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the User-Agent every HTTP probe sends names that version', async () => {
    const client = httpClientFor(makeTarget({ name: 'ua', url: `http://127.0.0.1:${port}/` }));
    try {
      await client.request({ path: '/' });
    } finally {
      await client.close();
    }
    expect(agents.length).toBeGreaterThan(0);
    expect(new Set(agents)).toEqual(new Set([`mageprobe/${pkg.version} (+security audit; black-box)`]));
  });
});
