import { isProgrammingError } from '../../core/internal-error.js';
import type { Target } from '../../core/target.js';
import { Conversation } from '../net/conversation.js';
import { type Kexinit, parseBinaryPacket, parseIdentification, parseKexinit, type SshIdentification } from './ssh-wire.js';

/** How the SSH port answered connect(), as the port scanner decides it. */
export type SshReach =
  | { readonly state: 'open'; readonly rttMs: number; readonly tries: number }
  | { readonly state: 'closed'; readonly reason: 'reset'; readonly errno: string; readonly tries: number }
  | { readonly state: 'filtered'; readonly reason: 'no-response' | 'unreachable'; readonly errno?: string; readonly tries: number };

/** What one raw connection to the SSH port showed: reachability, the identification line, the KEXINIT offer. */
export interface SshOffer {
  readonly address: string;
  readonly port: number;
  readonly at: string;
  readonly reach: SshReach;
  readonly ident?: SshIdentification;
  readonly kexinit?: Kexinit;
  /** Raw KEXINIT payload (hex) for the evidence. */
  readonly kexinitHex?: string;
  /** Why the identification or KEXINIT could not be read (timeout, garbage, close). */
  readonly problem?: string;
}

/** Our identification line: honest about what is connecting. */
export const CLIENT_IDENT = 'SSH-2.0-mageprobe_0.1\r\n';

const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EACCES', 'EPERM']);

/**
 * Connects once (a silent port gets one retry, which never reaches sshd), reads the
 * identification line, sends ours, reads the server's KEXINIT and hangs up before key exchange.
 */
export async function readSshOffer(address: string, port: number, connectMs: number, readMs: number): Promise<SshOffer> {
  const at = new Date().toISOString();
  let conversation: Conversation | undefined;
  let reach: SshReach | undefined;
  for (let tries = 1; tries <= 2 && !conversation; tries++) {
    const started = performance.now();
    try {
      conversation = await Conversation.open(address, port, connectMs, 64 * 1024);
      reach = openReach(performance.now() - started, tries);
    } catch (e) {
      const errno = (e as Error).message;
      if (errno === 'ECONNREFUSED') return { address, port, at, reach: { state: 'closed', reason: 'reset', errno, tries } };
      if (UNREACHABLE.has(errno)) return { address, port, at, reach: { state: 'filtered', reason: 'unreachable', errno, tries } };
      if (errno !== 'connect timeout') throw new Error(`connect to ${address}:${port} failed locally: ${errno}`);
      reach = { state: 'filtered', reason: 'no-response', tries };
    }
  }
  if (!conversation) return { address, port, at, reach: reach! };
  try {
    return { address, port, reach: reach!, ...(await readOfferOn(conversation, readMs)), at };
  } finally {
    conversation.close();
  }
}

/** What the SSH exchange on an open connection showed, before key exchange; `at`: when it began. */
export type SshHandshake = Pick<SshOffer, 'at' | 'ident' | 'kexinit' | 'kexinitHex' | 'problem'>;

/** Deadline of each read of the offer (identification line, KEXINIT), at most the target's request timeout. */
export const OFFER_READ_MS = 5_000;

/** How long each read of the offer may take for a target: OFFER_READ_MS, within its request timeout. */
export const offerReadMs = (t: Pick<Target, 'timeouts'>): number => Math.min(OFFER_READ_MS, t.timeouts.requestMs);

/** An open port's reach, its round trip to the hundredth of a millisecond. */
export const openReach = (rttMs: number, tries: number): SshReach => ({ state: 'open', rttMs: Math.round(rttMs * 100) / 100, tries });

/**
 * On an open connection: reads the identification line (`already`: bytes of it read before,
 * e.g. by service identification), sends ours, reads the server's KEXINIT. The caller hangs up.
 */
export async function readOfferOn(c: Conversation, readMs: number, already: Buffer = Buffer.alloc(0)): Promise<SshHandshake> {
  const at = new Date().toISOString();
  let got = already;
  let end = 'complete';
  if (!parseIdentification(got)) {
    const first = await c.read({
      deadlineMs: readMs,
      idleMs: readMs,
      complete: (b) => {
        const all = Buffer.concat([already, b]);
        return parseIdentification(all) !== undefined || all.length > 8192;
      },
    });
    got = Buffer.concat([already, first.data]);
    end = first.end;
  }
  const parsed = parseIdentification(got);
  if (!parsed) {
    return {
      at,
      problem: got.length
        ? `no SSH identification line (${end}): ${JSON.stringify(got.subarray(0, 60).toString('latin1'))}`
        : `no identification within ${readMs} ms (${end})`,
    };
  }
  c.write(Buffer.from(CLIENT_IDENT));
  let buffered = parsed.rest;
  const packet = () => parseBinaryPacket(buffered);
  if (packet() === 'incomplete') {
    const more = await c.read({ deadlineMs: readMs, idleMs: readMs, complete: (b) => parseBinaryPacket(Buffer.concat([parsed.rest, b])) !== 'incomplete' });
    buffered = Buffer.concat([parsed.rest, more.data]);
  }
  const p = packet();
  if (p === 'incomplete') return { at, ident: parsed.ident, problem: `KEXINIT incomplete after ${readMs} ms` };
  if (p === 'invalid') return { at, ident: parsed.ident, problem: 'invalid binary packet after the identification line' };
  try {
    return { at, ident: parsed.ident, kexinit: parseKexinit(p.payload), kexinitHex: p.payload.toString('hex') };
  } catch (e) {
    // parseKexinit throws plain Errors on the server's bytes; anything else is a bug of ours.
    if (isProgrammingError(e)) throw e;
    return { at, ident: parsed.ident, problem: (e as Error).message };
  }
}
