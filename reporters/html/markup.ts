/**
 * HTML built from literal markup and escaped values only. `html` escapes every interpolated
 * string (HTML §13.1.2.6: in text and in quoted attribute values, escaping &, <, >, " and '
 * leaves no way to open a tag, close an attribute or start a character reference), so text
 * from a scanned server can never become markup; an `Html` value is markup this module
 * already built and is inserted as is.
 */
export class Html {
  constructor(readonly text: string) {}
}

export type Part = Html | string | number | readonly Part[] | null | undefined | false;

export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Items joined with a separator (itself escaped when a string). */
export function join(items: readonly Part[], separator: Part = ''): Html {
  const sep = part(separator);
  return new Html(items.map(part).join(sep));
}

function part(v: Part): string {
  if (v instanceof Html) return v.text;
  if (v === null || v === undefined || v === false) return '';
  if (typeof v === 'string') return escapeHtml(v);
  if (typeof v === 'number') return String(v);
  return (v as readonly Part[]).map(part).join('');
}

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c]!);
}
