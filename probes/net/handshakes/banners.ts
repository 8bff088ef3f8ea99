import type { Recognised } from '../identity.js';

/** Varnish CLI: "<status> <length>\n<body>\n". 107 = challenge (secret required), 200 = open CLI. */
export function recogniseVarnishCli(b: Buffer): Recognised | undefined {
  const s = b.toString('latin1');
  const head = /^(\d{3}) +(\d+) *\n/.exec(s);
  if (!head) return undefined;
  const body = s.slice(head[0].length);
  if (head[1] === '107' && /^[a-z]{32}\n/.test(body)) {
    return { service: 'varnish-cli', kind: 'cache-admin', product: 'Varnish', access: 'auth-required', detail: 'CLI banner 107 with an authentication challenge' };
  }
  if (head[1] === '200' && /Varnish/i.test(body)) {
    const version = /varnish-([\w.]+)/.exec(body)?.[1];
    return { service: 'varnish-cli', kind: 'cache-admin', product: `Varnish${version ? ` ${version}` : ''}`, access: 'unauthenticated', detail: 'CLI banner 200 without challenge: any command (vcl.inline, ban) accepted' };
  }
  return undefined;
}

/** SSH identification line (RFC 4253 §4.2); servers may send other lines first. */
export function recogniseSshIdent(b: Buffer): Recognised | undefined {
  const line = /(?:^|\n)SSH-(\d\.\d+)-([^\r\n ]+)[^\r\n]*\r?\n/.exec(b.toString('latin1'));
  if (!line) return undefined;
  return { service: 'ssh', kind: 'remote-shell', product: line[2]!, access: 'unknown', detail: `identification SSH-${line[1]}-${line[2]}` };
}

interface LineBanner {
  readonly service: string;
  readonly kind: Recognised['kind'];
  readonly pattern: RegExp;
  readonly product?: (m: RegExpExecArray) => string | undefined;
}

/** Greetings of line protocols; an ambiguous "220" is settled by a follow-up command (EHLO / SYST). */
export const LINE_BANNERS: readonly LineBanner[] = [
  { service: 'smtp', kind: 'dev-mail', pattern: /^220[ -][^\r\n]*\b(MailHog|Mailpit)\b/i, product: (m) => m[1] },
  { service: 'smtp', kind: 'mail', pattern: /^220[ -][^\r\n]*\b(E?SMTP|Postfix|Exim|Sendmail|Microsoft ESMTP)\b/i },
  { service: 'ftp', kind: 'file-transfer', pattern: /^220[ -][^\r\n]*\b(FTP|vsFTPd|ProFTPD|Pure-FTPd|FileZilla)\b/i, product: (m) => m[1] },
  { service: 'pop3', kind: 'mail', pattern: /^\+OK[ \r\n]/ },
  { service: 'imap', kind: 'mail', pattern: /^\* OK[ \r\n]/ },
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

export const isAmbiguous220 = (b: Buffer) => /^220[ -]/.test(b.toString('latin1'));

/** After a bare 220 greeting: EHLO answered 250 → SMTP. */
export function recogniseSmtpEhlo(banner: Buffer, reply: Buffer): Recognised | undefined {
  if (!isAmbiguous220(banner) || !/^250[ -]/.test(reply.toString('latin1'))) return undefined;
  const mailhog = /MailHog|Mailpit/i.test(banner.toString('latin1') + reply.toString('latin1'));
  return { service: 'smtp', kind: mailhog ? 'dev-mail' : 'mail', access: 'unknown', detail: `greeting "${firstLine(banner.toString('latin1'))}", EHLO answered 250` };
}

/** After a bare 220 greeting: SYST answered 215 (or 530 login first) → FTP. */
export function recogniseFtpSyst(banner: Buffer, reply: Buffer): Recognised | undefined {
  if (!isAmbiguous220(banner) || !/^(215|530)[ -]/.test(reply.toString('latin1'))) return undefined;
  return { service: 'ftp', kind: 'file-transfer', access: 'unknown', detail: `greeting "${firstLine(banner.toString('latin1'))}", SYST answered ${reply.toString('latin1').slice(0, 3)}` };
}

const firstLine = (s: string) => s.split(/\r?\n/)[0]!.slice(0, 120);
