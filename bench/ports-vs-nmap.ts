/**
 * Full-range TCP connect scan, ours against nmap -sT -Pn -T4 -p-, on two lab hosts:
 * a default-drop host (a cloud security group admitting a few ports) and a host that
 * answers RST on every closed port. Run as root: npx tsx bench/ports-vs-nmap.ts [concurrency...]
 * Prints times, the ratio and whether both found the same open ports; tears the hosts down.
 */
import { BUILT_IN } from '../core/targets.js';
import { scanPorts } from '../probes/net/tcp-scan.js';
import { run, startDaemon } from '../test/lab/exec.js';
import { createLabHost, dropAllExcept, type LabHost } from '../test/lab/netns.js';

const ALL = Array.from({ length: 65_535 }, (_, i) => i + 1);
const concurrencies = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
if (!concurrencies.length) concurrencies.push(BUILT_IN.scanConcurrency, 1024);

async function listen(host: LabHost, ports: number[]): Promise<void> {
  const js = `const n=require('net');for(const p of ${JSON.stringify(ports)})n.createServer(s=>s.destroy()).listen(p,'0.0.0.0');setInterval(()=>{},1e6)`;
  const [cmd, args] = host.wrap('node', ['-e', js]);
  await startDaemon(cmd, args);
  for (const p of ports) await host.waitListening(p);
}

async function haveNmap(): Promise<boolean> {
  return run('nmap', ['--version']).then(
    () => true,
    () => false,
  );
}

async function nmap(address: string): Promise<{ ms: number; open: number[] }> {
  const t0 = performance.now();
  const out = await run('nmap', ['-sT', '-Pn', '-T4', '-p-', '-oG', '-', address], { timeoutMs: 1_800_000 });
  const ms = performance.now() - t0;
  const open = [...out.matchAll(/(\d+)\/open\/tcp/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  return { ms, open };
}

async function ours(address: string, concurrency: number): Promise<{ ms: number; open: number[]; detail: string }> {
  const scan = await scanPorts({ address, ports: ALL, concurrency, connectMs: BUILT_IN.connectMs, pilotPorts: [80, 443] });
  const open = scan.results.filter((r) => r.state === 'open').map((r) => r.port);
  const c = scan.counts;
  return {
    ms: scan.durationMs,
    open,
    detail: `${c.open} open, ${c.closed} closed, ${c.filtered} filtered, ${c.error} errors; ${scan.attempts} connects; timeout ${scan.rtt.timeoutMs} ms (srtt ${scan.rtt.srttMs ?? '-'} ms)`,
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const same = (a: number[], b: number[]) => a.length === b.length && a.every((p, i) => p === b[i]);

async function bench(name: string, host: LabHost, expected: number[], withNmap: boolean): Promise<void> {
  console.log(`\n== ${name} (${host.address}), ports 1-65535, expected open: ${expected.join(', ')}`);
  const reference = withNmap ? await nmap(host.address) : undefined;
  if (reference) console.log(`nmap -sT -Pn -T4 -p-        ${secs(reference.ms).padStart(8)}  open: ${reference.open.join(', ')}`);
  for (const concurrency of concurrencies) {
    const r = await ours(host.address, concurrency);
    const ratio = reference ? `  ratio ${(r.ms / reference.ms).toFixed(2)}` : '';
    const agree = reference ? `  same open ports as nmap: ${same(r.open, reference.open) ? 'yes' : 'NO'}` : '';
    console.log(`mageprobe (concurrency ${String(concurrency).padStart(4)}) ${secs(r.ms).padStart(8)}  open: ${r.open.join(', ')}${ratio}${agree}`);
    console.log(`    ${r.detail}; matches expected: ${same(r.open, expected) ? 'yes' : 'NO'}`);
  }
}

const hosts: LabHost[] = [];
const teardown = async () => {
  await Promise.all(hosts.map((h) => h.destroy().catch(() => undefined)));
};
process.once('SIGINT', () => void teardown().then(() => process.exit(130)));

try {
  const withNmap = await haveNmap();
  if (!withNmap) console.log('nmap not installed: timing ours only');
  const [dropHost, rstHost] = await Promise.all([createLabHost(), createLabHost()]);
  hosts.push(dropHost, rstHost);
  // Default drop admitting 80, 443, 8443; a database listens behind the drop on 3306.
  await listen(dropHost, [80, 443, 8443, 3306]);
  await dropHost.nft(dropAllExcept([80, 443, 8443]));
  await listen(rstHost, [80, 443, 22222]);
  await bench('default-drop host', dropHost, [80, 443, 8443], withNmap);
  await bench('RST host', rstHost, [80, 443, 22222], withNmap);
} finally {
  await teardown();
}
