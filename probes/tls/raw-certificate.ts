import { suiteName } from '../../catalogue/cipher-suites.js';
import { isProgrammingError } from '../../core/internal-error.js';
import { Malformed, Reader } from './bytes.js';
import { buildClientHello, type RecordProtocol } from './client-hello.js';
import { converse, type Step, type TlsEndpoint } from './connection.js';
import { alertName } from './hello.js';
import { parseServerHelloBody } from './server-hello.js';

/**
 * The certificate chain as a TLS 1.2-or-older server sends it, in the clear after the
 * ServerHello (RFC 5246 §7.4.2): read from a hand-built hello when node:tls cannot complete
 * a handshake, so the facts it shows are still established. TLS 1.3 encrypts it.
 */
export type RawCertificates =
  | {
      readonly outcome: 'read';
      readonly protocol: RecordProtocol;
      readonly suite: string;
      /** DER, leaf first, as sent. */
      readonly chain: readonly Buffer[];
      /** Size of the Certificate handshake message body. */
      readonly messageBytes: number;
    }
  | { readonly outcome: 'none'; readonly reason: string };

/** The largest Certificate message read (OpenSSL clients stop at 100 kB; some servers send more). */
export const MAX_CERTIFICATE_READ = 1024 * 1024;

const HANDSHAKE = 22;
const ALERT = 21;
const CHANGE_CIPHER_SPEC = 20;
const SERVER_HELLO = 2;
const CERTIFICATE = 11;
/** Messages that follow where a Certificate would be, when the suite has none (anonymous, PSK). */
const PAST_CERTIFICATE = new Set([12, 13, 14]);

type Flight = { readonly alert: string } | { readonly suite: number; readonly certificate?: Buffer; readonly after?: number };

/** Handshake messages of the server's first flight, as far as they have arrived. */
function readFlight(buf: Buffer): Flight | undefined {
  const payload: Buffer[] = [];
  let pos = 0;
  while (pos + 5 <= buf.length) {
    const type = buf[pos]!;
    const length = buf.readUInt16BE(pos + 3);
    if (buf[pos + 1] !== 3 || ![HANDSHAKE, ALERT, CHANGE_CIPHER_SPEC].includes(type)) throw new Malformed(`not a TLS record (type ${type})`);
    if (length > 18432) throw new Malformed(`record length ${length} over the limit`);
    if (pos + 5 + length > buf.length) break;
    const body = buf.subarray(pos + 5, pos + 5 + length);
    pos += 5 + length;
    if (type === ALERT) {
      if (body.length < 2) throw new Malformed('short alert');
      return { alert: alertName(body[1]!) };
    }
    if (type === HANDSHAKE) payload.push(body);
  }
  const messages = Buffer.concat(payload);
  let suite: number | undefined;
  for (let at = 0; at + 4 <= messages.length; ) {
    const type = messages[at]!;
    const len = messages.readUIntBE(at + 1, 3);
    if (at + 4 + len > messages.length) return undefined;
    const body = messages.subarray(at + 4, at + 4 + len);
    at += 4 + len;
    if (suite === undefined) {
      if (type !== SERVER_HELLO) throw new Malformed(`handshake message ${type} where ServerHello was expected`);
      suite = parseServerHelloBody(body).suite;
    } else if (type === CERTIFICATE) return { suite, certificate: body };
    else if (PAST_CERTIFICATE.has(type)) return { suite, after: type };
  }
  return undefined;
}

/** Splits a Certificate message body: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>. */
function certificateList(body: Buffer): Buffer[] {
  const r = new Reader(body);
  const listLen = r.u24('certificate_list length');
  if (listLen !== r.remaining) throw new Malformed('certificate_list length does not match the message');
  const out: Buffer[] = [];
  while (r.remaining > 0) out.push(Buffer.from(r.bytes(r.u24('certificate length'), 'certificate')));
  return out;
}

/** Offers `suites` at `version` (below TLS 1.3) and reads the certificates that follow the ServerHello. */
export async function readRawCertificates(ep: TlsEndpoint, version: Exclude<RecordProtocol, 'TLSv1.3'>, suites: readonly number[]): Promise<RawCertificates> {
  const hello = buildClientHello({ version, suites, ...(ep.sni ? { sni: ep.sni } : {}) });
  const step = (buf: Buffer): Step<Flight> => {
    const f = readFlight(buf);
    return f ? { done: f } : { need: true };
  };
  const end = await converse(ep, hello, step, MAX_CERTIFICATE_READ + 64 * 1024);
  switch (end.kind) {
    case 'connect-failed':
      return { outcome: 'none', reason: `no connection: ${end.reason}` };
    case 'closed':
      return { outcome: 'none', reason: `connection ${end.how === 'reset' ? 'reset' : 'closed'} after ${end.bytes} bytes, before a Certificate message` };
    case 'timeout':
      return { outcome: 'none', reason: `no Certificate message within the read timeout (${end.bytes} bytes)` };
    case 'garbage':
      return { outcome: 'none', reason: `unreadable answer: ${end.detail}` };
  }
  const f = end.value;
  if ('alert' in f) return { outcome: 'none', reason: `the ${version} hello was refused with alert ${f.alert}` };
  if (!f.certificate) return { outcome: 'none', reason: `${suiteName(f.suite)} sends no certificate (handshake message ${f.after} followed the ServerHello)` };
  try {
    return { outcome: 'read', protocol: version, suite: suiteName(f.suite), chain: certificateList(f.certificate), messageBytes: f.certificate.length };
  } catch (e) {
    if (isProgrammingError(e)) throw e;
    return { outcome: 'none', reason: `unreadable Certificate message: ${(e as Error).message}` };
  }
}
