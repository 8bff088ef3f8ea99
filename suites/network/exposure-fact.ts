import { CHECKS } from '../../catalogue/checks.js';
import { kindsAt, type ServiceKind } from '../../catalogue/ports.js';
import type { CheckContext } from '../../core/check.js';
import { type Evidence, evidence } from '../../core/evidence.js';
import { defineFact, defineFactFamily } from '../../core/fact.js';
import { notApplicable, pass, type Verdict } from '../../core/verdict.js';
import {
  identifyOpenPorts,
  identifyPort,
  type NetworkExposure,
  type OpenPort,
  portsToIdentify,
  scanTargetPorts,
  type TargetPortScan,
} from '../../probes/net/exposure.js';
import type { Identified } from '../../probes/net/identity.js';
import type { PortResult } from '../../probes/net/tcp-scan.js';
import { offerReadMs, type SshHandshake } from '../../probes/ssh/ssh-offer.js';

/** NET-02: databases. */
export const DATABASE_KINDS: readonly ServiceKind[] = ['database'];
/** NET-03: cache, search, queue and runtime backends, Varnish admin, development mail catchers. */
export const BACKEND_KINDS: readonly ServiceKind[] = ['cache', 'search', 'queue', 'cache-admin', 'runtime', 'dev-mail'];

const PUBLIC_KINDS: readonly ServiceKind[] = ['web', 'tls'];

/**
 * One scan per target, shared by NET-01..03. It scans exactly the target's port set (plus
 * its web ports): the named sets hold every port NET-02/03 watch, and an explicit list is
 * the user's word on what may be touched (the demo scans only its own ports).
 */
export const exposureOf = defineFact(
  'network exposure',
  async (ctx): Promise<NetworkExposure> => identifyOpenPorts(ctx.target, await portScanOf(ctx), {}, (port) => serviceOn(ctx, port)),
);

/**
 * The connect scan of the target's port set, before identification: one per target. It keeps
 * each open port's connection for that port's identification (held-connections.ts).
 */
export const portScanOf = defineFact('port scan', (ctx): Promise<TargetPortScan> => scanTargetPorts(ctx.target, { scan: { signal: ctx.stopped } }));

/**
 * The service on one open port: one identification per port and target, which the SSH area may
 * ask for before NET does. On the target's SSH port, when SSH checks run, it reads on to the
 * server's KEXINIT on the greeting's connection (the SSH offer: see sshOfferSeen).
 */
const serviceOn = defineFactFamily(
  'service on port',
  (port: number) => String(port),
  async (ctx, port): Promise<OpenPort['identity']> => {
    const t = ctx.target;
    const sshOffer = port === t.ssh.port && SSH_CHECKS.some((id) => ctx.runs(id)) ? { port, readMs: offerReadMs(t) } : undefined;
    return identifyPort(t, await portScanOf(ctx), port, { ...(sshOffer ? { sshOffer } : {}), signal: ctx.stopped });
  },
);

const NETWORK_CHECKS = CHECKS.filter((c) => c.area === 'network').map((c) => c.id);
const SSH_CHECKS = CHECKS.filter((c) => c.area === 'ssh').map((c) => c.id);

/**
 * The SSH offer NET's identification of `port` read on its greeting's connection, when the run
 * scans ports anyway (a NET check is selected), the scan found the port open and identification
 * read the offer whole (identification line and KEXINIT). Undefined otherwise: the SSH area then
 * connects itself, as it would without NET, so a half-read offer never stands for a verdict.
 */
export async function sshOfferSeen(
  ctx: CheckContext,
  port: number,
): Promise<
  | { readonly address: string; readonly scanned: PortResult & { readonly rttMs: number }; readonly identity: Identified; readonly offer: SshHandshake }
  | undefined
> {
  if (!NETWORK_CHECKS.some((id) => ctx.runs(id))) return undefined;
  const portScan = await portScanOf(ctx);
  if (!portsToIdentify(portScan.scan).includes(port)) return undefined;
  const scanned = portScan.scan.results.find((r) => r.port === port);
  if (scanned?.rttMs === undefined) return undefined;
  const identity = await serviceOn(ctx, port);
  if (!identity.identified || !identity.sshOffer?.kexinit) return undefined;
  return { address: portScan.address, scanned: { ...scanned, rttMs: scanned.rttMs }, identity, offer: identity.sshOffer };
}

/**
 * A port the run's port scan found closed or filtered, when the run scans ports anyway (a NET
 * check is selected) and the port is in the target's set: another area need not knock again
 * (SSH on a filtered port 22 costs nothing beyond the scan's own decision). Undefined when the
 * port was not scanned, answered (the caller must talk to it) or hit a local error.
 */
export async function portShut(
  ctx: CheckContext,
  port: number,
): Promise<(PortResult & { readonly state: 'closed' | 'filtered'; readonly at: string }) | undefined> {
  if (!NETWORK_CHECKS.some((id) => ctx.runs(id))) return undefined;
  const { scan } = await portScanOf(ctx);
  const r = scan.results.find((p) => p.port === port);
  return r && (r.state === 'closed' || r.state === 'filtered') ? { ...r, state: r.state, at: scan.startedAt } : undefined;
}

/**
 * The no-exposure verdict for NET-02/03: the watched ports' states, the ones the scan left
 * out, and not applicable when the scan covered none of them.
 */
export function noneReachable(x: NetworkExposure, watched: readonly number[], what: string, proof: Evidence): Verdict {
  const scanned = x.scan.results.filter((r) => watched.includes(r.port));
  const left = watched.filter((p) => !scanned.some((r) => r.port === p));
  if (scanned.length === 0) return notApplicable(`no ${what} port was in the scan (ports.scan) and no open port showed such a handshake`, [proof]);
  const skipped = left.length ? `; not scanned: ${left.join(', ')}` : '';
  return pass(`no ${what} reachable (${scanned.map((r) => `${r.port} ${r.state}`).join(', ')}${skipped})`, [proof]);
}

/** Nothing answered at all, not even the target's web ports: a host that never answers proves nothing. */
export function silentHost(x: NetworkExposure): string | undefined {
  if (x.scan.counts.open + x.scan.counts.closed > 0) return undefined;
  return `no port answered on ${x.address} (${x.scan.counts.filtered} filtered, web ports ${x.webPorts.join('/')} included): the host never answers, so exposure cannot be judged`;
}

/** A local socket error means some ports were never really tested. */
export function localErrors(x: NetworkExposure): string | undefined {
  const bad = x.scan.results.filter((r) => r.state === 'error');
  return bad.length
    ? `${bad.length} ports could not be tested (local ${bad[0]!.errno ?? 'error'}): ${bad
        .slice(0, 10)
        .map((r) => r.port)
        .join(', ')}`
    : undefined;
}

/** "6379 redis (Redis 7.0.15), unauthenticated" or "3306 unidentified". */
export function describe(op: OpenPort): string {
  const id = op.identity;
  if (!id.identified) return `${op.port} unidentified`;
  // A public web server is meant to answer anyone: access is worth a word only for everything else.
  const quiet = id.access === 'unknown' || PUBLIC_KINDS.includes(id.kind);
  const access = quiet ? '' : id.access === 'unauthenticated' ? ', UNAUTHENTICATED' : `, ${id.access}`;
  return `${op.port} ${id.service}${id.product ? ` (${id.product})` : ''}${access}`;
}

/** Open ports of the given kinds: by the service the handshake showed, or by the port number when unidentified. */
export function openOfKinds(x: NetworkExposure, kinds: readonly ServiceKind[]): OpenPort[] {
  return x.open.filter((op) => {
    if (op.identity.identified && kinds.includes(op.identity.kind)) return true;
    // A port of a watched kind is exposed whatever answers there; an identified web server on 9200 is still 9200 reachable.
    return kindsAt(op.port).some((k) => kinds.includes(k));
  });
}

export function openPortEvidence(x: NetworkExposure, op: OpenPort): Evidence {
  const id = op.identity;
  const facts = id.identified
    ? {
        port: op.port,
        state: 'open',
        service: id.service,
        kind: id.kind,
        product: id.product,
        unauthenticated: id.access === 'unauthenticated',
        access: id.access,
        handshake: id.detail,
        probe: id.probe,
      }
    : { port: op.port, state: 'open', service: 'unidentified', unauthenticated: 'unknown', handshake: id.detail, probesTried: id.probesTried };
  // One connection that served more than this identification says so.
  const shared = {
    ...('onScanConnection' in id && id.onScanConnection ? { connection: "the port scan's own, kept open for the first exchange" } : {}),
    ...(id.identified && id.sshOffer ? { alsoRead: sshOfferRead(id.sshOffer) } : {}),
  };
  return evidence(`TCP ${op.port} open: ${describe(op)}`, { ...facts, ...shared }, `${x.address}:${op.port}`);
}

/** What identification's read on to the SSH offer got; a partial one leaves the SSH checks to connect themselves (sshOfferSeen). */
function sshOfferRead(o: SshHandshake): string {
  return o.kexinit
    ? 'the SSH offer for the SSH checks: our identification line sent, the server KEXINIT read'
    : `part of the SSH offer for the SSH checks (${o.problem ?? 'nothing read'}): they read it on a connection of their own`;
}

/** The scan itself: what was scanned, how, and the state of the ports a check cares about. */
export function scanEvidence(x: NetworkExposure, focus: readonly number[] = []): Evidence {
  const states = Object.fromEntries(x.scan.results.filter((r) => focus.includes(r.port)).map((r) => [r.port, `${r.state} (${r.reason})`]));
  return evidence(
    `TCP connect scan of ${x.address}: ${x.scan.results.length} ports, ${x.scan.counts.open} open, ${x.scan.counts.closed} closed, ${x.scan.counts.filtered} filtered`,
    {
      open: x.open.map(describe),
      counts: x.scan.counts,
      ...(focus.length ? { focusPorts: states } : {}),
      rtt: x.scan.rtt,
      settings: x.scan.settings,
      durationMs: x.scan.durationMs,
      startedAt: x.scan.startedAt,
    },
    x.address,
  );
}
