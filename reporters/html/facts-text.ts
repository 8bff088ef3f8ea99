/**
 * Evidence facts as indented `key: value` lines in the shape of YAML block style, for people to
 * read (it is not parsed back: results.json is the machine form). Hand-written because the
 * `yaml` package takes ~170 µs per observation, 1.7 s for the ~10 000 of a 200-target scan;
 * this takes a few. Multi-line strings (body excerpts, banners) keep their lines under `|`;
 * empty strings and strings with edge spaces are quoted so they stay visible.
 */
export function factsText(facts: Readonly<Record<string, unknown>>): string {
  const lines: string[] = [];
  entries(facts, '', lines);
  return lines.join('\n');
}

function entries(obj: Readonly<Record<string, unknown>>, indent: string, out: string[]): void {
  for (const [key, value] of Object.entries(obj)) item(`${indent}${key}:`, value, indent, out);
}

/** `head` is the line so far ("  key:" or "  -"); the value goes after it or on lines below. */
function item(head: string, value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (!value.length) return void out.push(`${head} []`);
    out.push(head);
    for (const v of value) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
        // An object in a list starts on the dash line, as YAML writes it: "  - path: /x".
        const start = out.length;
        entries(v as Record<string, unknown>, `${indent}    `, out);
        out[start] = `${indent}  - ${out[start]!.trimStart()}`;
      } else item(`${indent}  -`, v, `${indent}  `, out);
    }
  } else if (value !== null && typeof value === 'object') {
    if (!Object.keys(value).length) return void out.push(`${head} {}`);
    out.push(head);
    entries(value as Record<string, unknown>, `${indent}  `, out);
  } else if (typeof value === 'string' && value.includes('\n')) {
    out.push(`${head} |`);
    for (const line of value.split('\n')) out.push(`${indent}  ${line}`);
  } else {
    out.push(`${head} ${scalar(value)}`);
  }
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return v === '' || v.trim() !== v ? JSON.stringify(v) : v;
  return String(v);
}
