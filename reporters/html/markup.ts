/**
 * HTML built from literal markup and escaped values only. `html` escapes every interpolated
 * string (HTML §13.1.2.6: in text and in quoted attribute values, escaping &, <, >, " and '
 * leaves no way to open a tag, close an attribute or start a character reference), so text
 * from a scanned server can never become markup; an `Html` value is markup this module
 * already built and is inserted as is.
 *
 * An Html keeps its pieces and is joined once, at the end (`text`): a page of 10 000 cases
 * nests templates six deep, and joining at every level would copy the page six times.
 */
export class Html {
  constructor(private readonly chunks: readonly (string | Html)[]) {}

  get text(): string {
    const out: string[] = [];
    this.flatten(out);
    return out.join('');
  }

  private flatten(out: string[]): void {
    for (const c of this.chunks) {
      if (typeof c === 'string') out.push(c);
      else c.flatten(out);
    }
  }
}

export type Part = Html | string | number | readonly Part[] | null | undefined | false;

export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Html {
  const chunks: (string | Html)[] = [strings[0]!];
  for (let i = 0; i < values.length; i++) {
    add(values[i], chunks);
    chunks.push(strings[i + 1]!);
  }
  return new Html(chunks);
}

/** Markup this codebase wrote as a constant (the style sheet, the script): never text from a scan. */
export const trusted = (markup: string): Html => new Html([markup]);

/** Items joined with a separator (itself escaped when a string). */
export function join(items: readonly Part[], separator: Part = ''): Html {
  const chunks: (string | Html)[] = [];
  items.forEach((item, i) => {
    if (i) add(separator, chunks);
    add(item, chunks);
  });
  return new Html(chunks);
}

function add(v: Part, chunks: (string | Html)[]): void {
  if (v instanceof Html) chunks.push(v);
  else if (typeof v === 'string') chunks.push(escapeHtml(v));
  else if (typeof v === 'number') chunks.push(String(v));
  else if (v !== null && v !== undefined && v !== false) for (const item of v as readonly Part[]) add(item, chunks);
}

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

export function escapeHtml(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITY[c]!) : s;
}
