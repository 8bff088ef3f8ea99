import type { ServiceKind } from '../../../catalogue/ports.js';
import { linear } from '../../../core/linear-regex.js';
import type { Access, Recognised } from '../identity.js';

// Answers are server text: every pattern is a LinearRegex (RE2, linear time) on at most the connection's byte cap.
const STATUS_LINE = linear(/^HTTP\/\d(?:\.\d)? (\d{3})[^\r\n]*\r?\n/);
const HEAD_END = linear(/\r?\n\r?\n/);
const LEADING_BLANK_LINE = linear(/^\r?\n\r?\n/);
const CONTENT_LENGTH = linear(/\r\ncontent-length:\s*(\d+)/i);
const SECURITY_REALM = linear(/realm="(security|opensearch security)"/i);
const RABBITMQ_UI = linear(/RabbitMQ Management/i);
const DEV_MAIL_UI = linear(/\b(MailHog|Mailpit)\b/);
const MAILPIT = linear(/\bMailpit\b/);
const PANEL_SERVER = linear(/MiniServ|cpsrvd|DirectAdmin|sw-cp-server/i);
const PANEL_BODY = linear(/\b(cPanel|Webmin|Plesk)\b/);

/** Index of the blank line ending the head, or -1. */
const headEnd = (s: string) => HEAD_END.exec(s)?.index ?? -1;

export function httpGet(host: string): Buffer {
  return Buffer.from(`GET / HTTP/1.0\r\nHost: ${host}\r\nUser-Agent: mageprobe\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function parseHttp(b: Buffer): HttpAnswer | undefined {
  const s = b.toString('latin1');
  const head = STATUS_LINE.exec(s);
  if (!head) return undefined;
  const split = headEnd(s);
  const headerText = s.slice(head[0].length, split < 0 ? s.length : split);
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  const rest = split < 0 ? '' : b.subarray(Buffer.byteLength(s.slice(0, split), 'latin1')).toString('utf8');
  const body = LEADING_BLANK_LINE.replaceAll(rest, '');
  return { status: Number(head[1]), headers, body };
}

/** Complete once the headers are in and the body is as long as Content-Length says (capped reads cut it anyway). */
export function httpComplete(b: Buffer): boolean {
  const s = b.toString('latin1');
  const split = headEnd(s);
  if (split < 0) return false;
  const length = CONTENT_LENGTH.exec(s.slice(0, split))?.[1];
  return length !== undefined && b.length - split - 4 >= Number(length);
}

interface HttpFingerprint {
  readonly service: string;
  readonly kind: ServiceKind;
  readonly test: (a: HttpAnswer) => boolean;
  readonly access: (a: HttpAnswer) => Access;
  readonly product?: (a: HttpAnswer) => string | undefined;
  readonly detail: string;
}

const json = (a: HttpAnswer): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(a.body);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
const esVersion = (a: HttpAnswer) => {
  const v = json(a)?.version as { number?: string; distribution?: string } | undefined;
  return v?.number ? `${v.distribution === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} ${v.number}` : undefined;
};
const openUnless401 = (a: HttpAnswer): Access => (a.status === 401 ? 'auth-required' : a.status === 403 ? 'refused' : 'unauthenticated');

/** What an HTTP answer on a non-web port says it is; first match wins, the last is plain web. */
export const HTTP_FINGERPRINTS: readonly HttpFingerprint[] = [
  {
    service: 'elasticsearch',
    kind: 'search',
    test: (a) => a.status === 200 && typeof json(a)?.cluster_name === 'string',
    access: () => 'unauthenticated',
    product: esVersion,
    detail: 'GET / answered cluster JSON (cluster_name) without credentials',
  },
  {
    service: 'elasticsearch',
    kind: 'search',
    test: (a) => a.status === 401 && SECURITY_REALM.test(a.headers['www-authenticate'] ?? ''),
    access: () => 'auth-required',
    detail: 'GET / answered 401 with the security plugin realm',
  },
  {
    service: 'rabbitmq-management',
    kind: 'queue',
    test: (a) => RABBITMQ_UI.test(a.body),
    access: openUnless401,
    detail: 'RabbitMQ management UI page',
  },
  {
    service: 'mailhog',
    kind: 'dev-mail',
    test: (a) => DEV_MAIL_UI.test(a.body),
    access: openUnless401,
    product: (a) => (MAILPIT.test(a.body) ? 'Mailpit' : 'MailHog'),
    detail: 'MailHog/Mailpit web UI (captured mail readable)',
  },
  {
    service: 'kibana',
    kind: 'search',
    test: (a) => 'kbn-name' in a.headers || 'osd-name' in a.headers,
    access: openUnless401,
    detail: 'Kibana/OpenSearch Dashboards headers',
  },
  {
    service: 'control-panel',
    kind: 'control-panel',
    test: (a) => PANEL_SERVER.test(a.headers.server ?? '') || PANEL_BODY.test(a.body),
    access: openUnless401,
    product: (a) => a.headers.server,
    detail: 'hosting control panel login',
  },
  {
    service: 'http',
    kind: 'web',
    test: () => true,
    access: openUnless401,
    product: (a) => a.headers.server,
    detail: 'HTTP answer',
  },
];

export function recogniseHttp(b: Buffer): Recognised | undefined {
  // Elasticsearch's transport port answers HTTP with this plain sentence.
  if (b.toString('latin1').startsWith('This is not an HTTP port')) {
    return {
      service: 'elasticsearch-transport',
      kind: 'search',
      access: 'unknown',
      detail: 'answered "This is not an HTTP port" (Elasticsearch transport protocol)',
    };
  }
  const a = parseHttp(b);
  if (!a) return undefined;
  const f = HTTP_FINGERPRINTS.find((x) => x.test(a))!;
  const product = f.product?.(a);
  return {
    service: f.service,
    kind: f.kind,
    ...(product ? { product } : {}),
    access: f.access(a),
    detail: `${f.detail} (HTTP ${a.status}${a.headers.server ? `, Server: ${a.headers.server}` : ''})`,
  };
}
