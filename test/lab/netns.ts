import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { run } from './exec.js';

// Which process created each namespace, so a cleanup never touches another live run's hosts.
const OWNERS = '/run/mageprobe-lab';

/**
 * A lab host: a network namespace joined to the root namespace by a veth pair.
 * Host side 198.18.N.1/24, lab side 198.18.N.2/24 (RFC 2544 benchmark range), so
 * traffic to a lab host never leaves this machine.
 */
export interface LabHost {
  readonly ns: string;
  readonly index: number;
  /** The lab host's own address, the one a scan targets. */
  readonly address: string;
  /** Runs a command inside the namespace. */
  exec(cmd: string, args: string[], opts?: { input?: string }): Promise<string>;
  /** argv prefix that runs a program inside the namespace. */
  wrap(cmd: string, args: string[]): [string, string[]];
  /** Resolves once something listens on the TCP port inside the namespace. */
  waitListening(port: number, timeoutMs?: number): Promise<void>;
  /** Loads an nftables ruleset inside the namespace. */
  nft(ruleset: string): Promise<void>;
  destroy(): Promise<void>;
}

export const NS_PREFIX = 'mp-';
const FIRST = 10;
const LAST = 250;

/**
 * Creates a lab host. Indexes are claimed atomically with `ip netns add`, so
 * parallel test files never share one.
 */
export async function createLabHost(): Promise<LabHost> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const index = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    const ns = `${NS_PREFIX}${index}`;
    // The owner file is the claim, written before the namespace exists: another run's stale
    // cleanup must never see a fresh namespace without its owner and tear it down.
    mkdirSync(OWNERS, { recursive: true });
    try {
      writeFileSync(`${OWNERS}/${ns}`, String(process.pid), { flag: 'wx' });
    } catch {
      continue; // claimed by another test file (or left by a dead run: cleaned up at setup)
    }
    try {
      await run('ip', ['netns', 'add', ns]);
    } catch {
      rmSync(`${OWNERS}/${ns}`, { force: true });
      continue; // a namespace of that name exists without our claim
    }
    try {
      return await wire(ns, index);
    } catch (e) {
      await teardownNamespace(ns).catch(() => undefined);
      throw e;
    }
  }
  throw new Error('no free lab namespace index');
}

async function wire(ns: string, index: number): Promise<LabHost> {
  const outer = `mpv${index}h`;
  const inner = `mpv${index}n`;
  const hostAddr = `198.18.${index}.1`;
  const address = `198.18.${index}.2`;
  await run('ip', ['link', 'del', outer]).catch(() => undefined);
  await run('ip', ['link', 'add', outer, 'type', 'veth', 'peer', 'name', inner]);
  await run('ip', ['link', 'set', inner, 'netns', ns]);
  await run('ip', ['addr', 'add', `${hostAddr}/24`, 'dev', outer]);
  await run('ip', ['link', 'set', outer, 'up']);
  const inNs = (args: string[]) => run('ip', ['netns', 'exec', ns, ...args]);
  await inNs(['ip', 'addr', 'add', `${address}/24`, 'dev', inner]);
  await inNs(['ip', 'link', 'set', inner, 'up']);
  await inNs(['ip', 'link', 'set', 'lo', 'up']);
  await inNs(['ip', 'route', 'add', 'default', 'via', hostAddr]);
  return {
    ns,
    index,
    address,
    exec: (cmd, args, opts) => run('ip', ['netns', 'exec', ns, cmd, ...args], opts ?? {}),
    wrap: (cmd, args) => ['ip', ['netns', 'exec', ns, cmd, ...args]],
    waitListening: async (port, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const out = await run('ip', ['netns', 'exec', ns, 'ss', '-Hltn', `sport = :${port}`]).catch(() => '');
        if (out.trim()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`nothing listens on ${address}:${port} after ${timeoutMs} ms`);
    },
    nft: async (ruleset) => {
      await run('ip', ['netns', 'exec', ns, 'nft', '-f', '-'], { input: ruleset });
    },
    destroy: () => teardownNamespace(ns),
  };
}

/** Kills every process in the namespace, then deletes it (its veth goes with it). */
export async function teardownNamespace(ns: string): Promise<void> {
  const pids = (await run('ip', ['netns', 'pids', ns]).catch(() => '')).split(/\s+/).filter(Boolean);
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await run('ip', ['netns', 'del', ns]).catch(() => undefined);
  rmSync(`${OWNERS}/${ns}`, { force: true });
}

function ownerAlive(ns: string): boolean {
  try {
    process.kill(Number(readFileSync(`${OWNERS}/${ns}`, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes namespaces left behind by an interrupted run (their creating process is gone). */
export async function removeStaleLabHosts(): Promise<void> {
  const list = await run('ip', ['netns', 'list']).catch(() => '');
  for (const line of list.split('\n')) {
    const ns = line.split(' ')[0];
    if (ns?.startsWith(NS_PREFIX) && !ownerAlive(ns)) await teardownNamespace(ns);
  }
  // Claims whose owner died before creating its namespace.
  for (const ns of existsSync(OWNERS) ? readdirSync(OWNERS) : []) if (!ownerAlive(ns)) rmSync(`${OWNERS}/${ns}`, { force: true });
}

/** nftables ruleset: drop everything inbound except the given TCP ports (a cloud security group). */
export function dropAllExcept(ports: number[]): string {
  const accept = ports.length ? `tcp dport { ${ports.join(', ')} } accept` : '';
  return `flush ruleset
table inet lab {
  chain input {
    type filter hook input priority 0; policy drop;
    iif lo accept
    ct state established,related accept
    ${accept}
  }
}
`;
}

/** nftables ruleset: silently drop the given TCP ports (filtered), accept the rest. */
export function dropPorts(ports: number[]): string {
  return `flush ruleset
table inet lab {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport { ${ports.join(', ')} } drop
  }
}
`;
}
