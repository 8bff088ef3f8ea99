import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { makeTarget } from '../../core/targets.js';
import { tlsChecks } from '../../suites/tls/checks.js';
import { makeTlsPki, type TlsPki } from '../lab/tls-certs.js';

// A store addressed by IP (https://127.0.0.1/): the name is matched against iPAddress SANs
// only (RFC 6125 §1.7.2), and no IP literal is sent as SNI (RFC 6066 §3).
describe('TLS-04 for a target addressed by IP', () => {
  let pki: TlsPki;
  const servers: Server[] = [];
  const ports: Record<string, number> = {};
  const warnings: string[] = [];
  const onWarning = (w: Error & { code?: string }) => warnings.push(`${w.code ?? ''} ${w.message}`);

  beforeAll(async () => {
    pki = await makeTlsPki();
    process.on('warning', onWarning);
    const leaves = {
      ipSan: await pki.issue('ip-san', { names: ['shop.test'], ips: ['127.0.0.1'] }),
      cnOnly: await pki.issue('ip-cn', { names: ['shop.test'], subject: '/CN=127.0.0.1' }),
    };
    for (const [name, leaf] of Object.entries(leaves)) {
      const server = createServer({ key: readFileSync(leaf.keyFile), cert: readFileSync(leaf.certFile), minVersion: 'TLSv1.2' }, (s) => s.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      ports[name] = (server.address() as { port: number }).port;
    }
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const tls04 = async (name: string) => {
    const t = makeTarget({ name, url: `https://127.0.0.1:${ports[name]}/`, caFile: pki.caFile, timeouts: { connectMs: 1000, requestMs: 3000 } });
    const v = (await evaluateArea(tlsChecks, t, (id) => id === 'TLS-04')).get('TLS-04')!;
    return { v, text: `${v.outcome}: ${v.message}` };
  };

  it('passes when an iPAddress SAN names the address', async () => {
    const { v, text } = await tls04('ipSan');
    expect(text).toMatch(/^pass: certificate CN=shop\.test trusted, matches 127\.0\.0\.1, \d+ days left/);
    expect(v.evidence[0]!.facts.nameMatchedBy).toBe('IP Address:127.0.0.1');
    expect(warnings.filter((w) => /DEP0123|IP address/.test(w))).toEqual([]);
  });

  it('fails when only the CN holds the address', async () => {
    const { text } = await tls04('cnOnly');
    expect(text).toBe("fail: certificate problems: name 127.0.0.1 does not match (IP 127.0.0.1 is not among the certificate's IP Address SANs (none))");
  });
});
