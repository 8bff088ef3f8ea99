import { headerValues, type HttpExchange } from '../../probes/http/exchange.js';

/** Every value of a header, with comma-joined repeats split apart. */
export function splitValues(ex: HttpExchange, name: string): string[] {
  return headerValues(ex, name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** A header as evidence text: its value(s), or "absent". */
export function shown(ex: HttpExchange, name: string): string {
  const values = headerValues(ex, name);
  return values.length ? values.map((v) => `"${v}"`).join(' + ') : 'absent';
}

/** The directives of a Content-Security-Policy header (all policies merged). */
export function cspDirective(ex: HttpExchange, directive: string): string | undefined {
  for (const policy of headerValues(ex, 'content-security-policy')) {
    for (const part of policy.split(';')) {
      const [name, ...rest] = part.trim().split(/\s+/);
      if (name?.toLowerCase() === directive) return rest.join(' ');
    }
  }
  return undefined;
}
