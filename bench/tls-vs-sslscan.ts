/**
 * Full legacy-host enumeration: our engine vs sslscan, on a lab nginx with everything legacy
 * on. Prints both times, TCP handshakes (SYNs counted by nftables in the lab namespace) and
 * whether the accepted suites agree. Run as root: npx tsx bench/tls-vs-sslscan.ts
 */

import { suiteByName } from '../catalogue/cipher-suites.js';
import { scanTls } from '../probes/tls/enumerate.js';
import { PROTOCOLS } from '../probes/tls/protocol.js';
import { run } from '../test/lab/exec.js';
import { createLabHost, removeStaleLabHosts } from '../test/lab/netns.js';
import { makeTlsPki } from '../test/lab/tls-certs.js';
import { LEGACY_TLS, startTlsNginx } from '../test/lab/tls-servers.js';

const HOST = 'shop.test';
const ROUNDS = 5;
// Handshakes in flight, as the TLS checks use.
const CONCURRENCY = 4;
const COUNTER = `flush ruleset
table inet bench {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 443 tcp flags & (syn | ack) == syn counter
  }
}
`;

await removeStaleLabHosts();
const host = await createLabHost();
try {
  const pki = await makeTlsPki();
  const [rsa, ec] = await Promise.all([pki.issue('rsa', { names: [HOST] }), pki.issue('ec', { names: [HOST], key: 'ec:P-256' })]);
  await startTlsNginx(host, [{ port: 443, ...LEGACY_TLS, certs: [rsa, ec] }]);
  const syns = async () => Number(/packets (\d+)/.exec(await host.exec('nft', ['list', 'ruleset']))?.[1] ?? NaN);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const installed = await run('sh', ['-c', 'command -v sslscan']).then(
    () => true,
    () => false,
  );
  const oursTimes: number[] = [];
  const theirTimes: number[] = [];
  let scan!: Awaited<ReturnType<typeof scanTls>>;
  let oursSyns = 0;
  let xml = '';
  let theirSyns = 0;
  // Alternate the tools over several rounds and take medians: the machine is shared.
  for (let round = 0; round < ROUNDS; round++) {
    await host.nft(COUNTER);
    let t = performance.now();
    scan = await scanTls({ address: host.address, port: 443, sni: HOST, connectMs: 2000, readMs: 5000 }, { concurrency: CONCURRENCY });
    oursTimes.push(performance.now() - t);
    oursSyns = await syns();
    if (!installed) continue;
    await host.nft(COUNTER);
    t = performance.now();
    xml = await run(
      'sslscan',
      ['--no-colour', '--xml=-', `--sni-name=${HOST}`, '--no-check-certificate', '--no-heartbleed', '--no-groups', '--no-fallback', `${host.address}:443`],
      { timeoutMs: 600_000 },
    );
    theirTimes.push(performance.now() - t);
    theirSyns = await syns();
  }
  const oursMs = median(oursTimes);
  const ours = new Map(PROTOCOLS.map((p) => [p, new Set(scan.protocols[p].accepted)]));

  let sslscan: { ms: number; syns: number; accepted: Map<string, Set<string>> } | undefined;
  if (installed) {
    const ms = median(theirTimes);
    const accepted = new Map<string, Set<string>>();
    for (const m of xml.matchAll(/<cipher status="(?:accepted|preferred)" sslversion="([^"]+)"[^>]*cipher="([^"]+)"/g)) {
      const version =
        { 'TLSv1.0': 'TLSv1.0', 'TLSv1.1': 'TLSv1.1', 'TLSv1.2': 'TLSv1.2', 'TLSv1.3': 'TLSv1.3', SSLv3: 'SSLv3', SSLv2: 'SSLv2' }[m[1]!] ?? m[1]!;
      const name = suiteByName(m[2]!)?.name ?? m[2]!;
      if (!accepted.has(version)) accepted.set(version, new Set());
      accepted.get(version)!.add(name);
    }
    sslscan = { ms, syns: theirSyns, accepted };
  }

  const count = (m: Map<string, Set<string>>) => [...m.values()].reduce((n, s) => n + s.size, 0);
  console.log(`legacy lab host ${host.address}:443 (nginx: ${LEGACY_TLS.protocols}; ${LEGACY_TLS.ciphers}; RSA + ECDSA certificates)`);
  console.log(`median of ${ROUNDS} rounds each`);
  console.log(
    `mageprobe: ${oursMs.toFixed(0)} ms (runs ${oursTimes.map((x) => x.toFixed(0)).join('/')}), ${scan.handshakes} hellos, ${oursSyns} TCP connections, ${count(ours)} accepted suites`,
  );
  for (const p of PROTOCOLS) console.log(`  ${p}: ${scan.protocols[p].status} ${scan.protocols[p].accepted.length} (${scan.protocols[p].handshakes} hellos)`);
  if (!sslscan) console.log('sslscan: not installed');
  else {
    console.log(
      `sslscan:   ${sslscan.ms.toFixed(0)} ms (runs ${theirTimes.map((x) => x.toFixed(0)).join('/')}), ${sslscan.syns} TCP connections, ${count(sslscan.accepted)} accepted suites`,
    );
    console.log(`speed-up: ${(sslscan.ms / oursMs).toFixed(1)}x`);
    for (const p of PROTOCOLS) {
      const a = ours.get(p) ?? new Set<string>();
      const b = sslscan.accepted.get(p) ?? new Set<string>();
      const onlyOurs = [...a].filter((s) => !b.has(s));
      const onlyTheirs = [...b].filter((s) => !a.has(s));
      console.log(
        `  ${p}: ${onlyOurs.length || onlyTheirs.length ? `DIFFER only mageprobe [${onlyOurs.join(', ')}] only sslscan [${onlyTheirs.join(', ')}]` : `agree (${a.size})`}`,
      );
    }
  }
} finally {
  await host.destroy();
}
