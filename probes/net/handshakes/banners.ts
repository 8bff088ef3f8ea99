import { type LinearMatch, type LinearRegex, linear } from '../../../core/linear-regex.js';
import type { Recognised } from '../identity.js';

// Banners are server text: every pattern is a LinearRegex (RE2, linear time), on at most the
// connection's byte cap (identify.ts).
const VARNISH_HEAD = linear(/^(\d{3}) +(\d+) *\n/);
const VARNISH_CHALLENGE = linear(/^[a-z]{32}\n/);
const VARNISH_NAME = linear(/Varnish/i);
const VARNISH_VERSION = linear(/varnish-([\w.]+)/);
/** RFC 4253 §4.2: "SSH-protoversion-softwareversion SP comments CR LF" (the comment kept out of the product). */
const SSH_IDENT = linear(/(?:^|\n)SSH-(\d\.\d+)-([^\r\n ]+)[^\r\n]*\r?\n/);
const REPLY_220 = linear(/^220[ -]/);
const REPLY_250 = linear(/^250[ -]/);
const REPLY_215_530 = linear(/^(215|530)[ -]/);
const DEV_MAIL = linear(/MailHog|Mailpit/i);

/** Varnish CLI: "<status> <length>\n<body>\n". 107 = challenge (secret required), 200 = open CLI. */
export function recogniseVarnishCli(b: Buffer): Recognised | undefined {
  const s = b.toString('latin1');
  const head = VARNISH_HEAD.exec(s);
  if (!head) return undefined;
  const body = s.slice(head[0].length);
  if (head[1] === '107' && VARNISH_CHALLENGE.test(body)) {
    return {
      service: 'varnish-cli',
      kind: 'cache-admin',
      product: 'Varnish',
      access: 'auth-required',
      detail: 'CLI banner 107 with an authentication challenge',
    };
  }
  if (head[1] === '200' && VARNISH_NAME.test(body)) {
    const version = VARNISH_VERSION.exec(body)?.[1];
    return {
      service: 'varnish-cli',
      kind: 'cache-admin',
      product: `Varnish${version ? ` ${version}` : ''}`,
      access: 'unauthenticated',
      detail: 'CLI banner 200 without challenge: any command (vcl.inline, ban) accepted',
    };
  }
  return undefined;
}

/** SSH identification line (RFC 4253 §4.2); servers may send other lines first. */
export function recogniseSshIdent(b: Buffer): Recognised | undefined {
  const line = SSH_IDENT.exec(b.toString('latin1'));
  if (!line) return undefined;
  return { service: 'ssh', kind: 'remote-shell', product: line[2]!, access: 'unknown', detail: `identification SSH-${line[1]}-${line[2]}` };
}

interface LineBanner {
  readonly service: string;
  readonly kind: Recognised['kind'];
  readonly pattern: LinearRegex;
  readonly product?: (m: LinearMatch) => string | undefined;
}

/** Greetings of line protocols; an ambiguous "220" is settled by a follow-up command (EHLO / SYST). */
export const LINE_BANNERS: readonly LineBanner[] = [
  { service: 'smtp', kind: 'dev-mail', pattern: linear(/^220[ -][^\r\n]*\b(MailHog|Mailpit)\b/i), product: (m) => m[1] },
  { service: 'smtp', kind: 'mail', pattern: linear(/^220[ -][^\r\n]*\b(E?SMTP|Postfix|Exim|Sendmail|Microsoft ESMTP)\b/i) },
  { service: 'ftp', kind: 'file-transfer', pattern: linear(/^220[ -][^\r\n]*\b(FTP|vsFTPd|ProFTPD|Pure-FTPd|FileZilla)\b/i), product: (m) => m[1] },
  { service: 'pop3', kind: 'mail', pattern: linear(/^\+OK[ \r\n]/) },
  { service: 'imap', kind: 'mail', pattern: linear(/^\* OK[ \r\n]/) },
];

export function recogniseLineBanner(b: Buffer): Recognised | undefined {
  const s = b.toString('latin1');
  for (const lb of LINE_BANNERS) {
    const m = lb.pattern.exec(s);
    if (!m) continue;
    const product = lb.product?.(m);
    return { service: lb.service, kind: lb.kind, ...(product ? { product } : {}), access: 'unknown', detail: `greeting "${firstLine(s)}"` };
  }
  return undefined;
}

export const isAmbiguous220 = (b: Buffer) => REPLY_220.test(b.toString('latin1'));

/** After a bare 220 greeting: EHLO answered 250 → SMTP. */
export function recogniseSmtpEhlo(banner: Buffer, reply: Buffer): Recognised | undefined {
  if (!isAmbiguous220(banner) || !REPLY_250.test(reply.toString('latin1'))) return undefined;
  const mailhog = DEV_MAIL.test(banner.toString('latin1') + reply.toString('latin1'));
  return {
    service: 'smtp',
    kind: mailhog ? 'dev-mail' : 'mail',
    access: 'unknown',
    detail: `greeting "${firstLine(banner.toString('latin1'))}", EHLO answered 250`,
  };
}

/** After a bare 220 greeting: SYST answered 215 (or 530 login first) → FTP. */
export function recogniseFtpSyst(banner: Buffer, reply: Buffer): Recognised | undefined {
  if (!isAmbiguous220(banner) || !REPLY_215_530.test(reply.toString('latin1'))) return undefined;
  return {
    service: 'ftp',
    kind: 'file-transfer',
    access: 'unknown',
    detail: `greeting "${firstLine(banner.toString('latin1'))}", SYST answered ${reply.toString('latin1').slice(0, 3)}`,
  };
}

const firstLine = (s: string) => {
  const nl = s.indexOf('\n');
  const line = nl < 0 ? s : s.slice(0, nl);
  return (line.endsWith('\r') ? line.slice(0, -1) : line).slice(0, 120);
};
