import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { readRegularFile } from './input-file.js';
import { inventoryFileSchema, type ScriptEntry } from './inventory-schema.js';
import { type LinearRegex, linearFromUser } from './linear-regex.js';
import { firstAlias, locate, MAX_ALIAS_COUNT, TargetsFileError, type TargetsFileProblem } from './targets.js';

/**
 * A target's authorised inventory as the judges read it (SCR-01..04): plain data, so it crosses
 * into vitest workers as JSON inside the Target. Patterns travel as RE2 source and are compiled
 * where they are matched.
 */
export type ScriptMatch =
  | { readonly by: 'url'; readonly url: string }
  /** `written` as in the file; `regex` the RE2 source that must match the whole URL. */
  | { readonly by: 'urlPattern'; readonly written: string; readonly regex: string; readonly flags: string }
  | { readonly by: 'origin'; readonly origin: string }
  | { readonly by: 'inlineSha256'; readonly sha256: string };

export interface AuthorisedScript {
  readonly match: ScriptMatch;
  readonly justification: string;
  readonly approvedBy: string;
  readonly approvedOn: string;
  /** Pinned body hash, base64 without prefix. */
  readonly sha256?: string;
  /** Line in the inventory file, for evidence ("authorised at inventory.yaml:12"). */
  readonly line: number;
}

export interface AuthorisedConnection {
  readonly origin: string;
  readonly justification: string;
  readonly line: number;
}

export interface Inventory {
  /** Absolute path of the inventory file. */
  readonly file: string;
  readonly scripts: readonly AuthorisedScript[];
  readonly connections: readonly AuthorisedConnection[];
  /** Page path → lower-case header name → value as recorded. */
  readonly headers: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Inventories are hand-edited YAML lists; a megabyte is thousands of entries. */
export const INVENTORY_CAP = 1 << 20;

/** Reads and validates an inventory file; throws TargetsFileError naming lines, or InputFileError. */
export function loadInventoryFile(path: string): Inventory {
  return parseInventory(readRegularFile(path, INVENTORY_CAP).toString('utf8'), path);
}

export function parseInventory(text: string, file: string): Inventory {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  const problem = (offset: number, message: string): TargetsFileProblem => {
    const { line, col } = at(offset);
    return { file, line, column: col, field: '(yaml)', message };
  };
  if (doc.errors.length) throw new TargetsFileError(doc.errors.map((e) => problem(e.pos[0], e.message.split('\n')[0] ?? e.message)));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new TargetsFileError([problem(firstAlias(doc) ?? 0, (e as Error).message)]);
  }
  const located = (issue: z.core.$ZodIssue) => locate(issue, doc.contents, at, file);
  const parsed = inventoryFileSchema().safeParse(data ?? {});
  if (!parsed.success) {
    const found = parsed.error.issues.map(located);
    throw new TargetsFileError(found.filter((p, i) => found.findIndex((q) => q.field === p.field && q.message === p.message) === i));
  }
  const lineOf = (path: (string | number)[]) => located({ code: 'custom', path, message: '' } as z.core.$ZodIssue).line;
  const matches = parsed.data.scripts.map(matchOf);
  const problems = matches.flatMap((m, i) =>
    'error' in m ? [located({ code: 'custom', path: ['scripts', i, 'urlPattern'], message: m.error } as z.core.$ZodIssue)] : [],
  );
  if (problems.length) throw new TargetsFileError(problems);
  const scripts = parsed.data.scripts.map(
    (e, i): AuthorisedScript => ({
      match: matches[i] as ScriptMatch,
      justification: e.justification,
      approvedBy: e.approvedBy,
      approvedOn: e.approvedOn,
      ...(e.sha256 ? { sha256: bareSha256(e.sha256) } : {}),
      line: lineOf(['scripts', i]),
    }),
  );
  return {
    file,
    scripts,
    connections: parsed.data.connections.map((c, i) => ({
      // The browser records a WebSocket under the http(s) origin of its ws(s) URL (WHATWG
      // WebSockets §4.1), so a ws(s) entry is compared in that form or it could never match.
      origin: new URL(c.origin.replace(/^ws(s?):/i, 'http$1:')).origin,
      justification: c.justification,
      line: lineOf(['connections', i]),
    })),
    headers: Object.fromEntries(
      Object.entries(parsed.data.headers).map(([page, hs]) => [page, Object.fromEntries(Object.entries(hs).map(([n, v]) => [n.toLowerCase(), v]))]),
    ),
  };
}

/** "sha256-abc…=" and "abc…=" name the same hash; the facts carry the bare form. */
export const bareSha256 = (s: string): string => (s.startsWith('sha256-') ? s.slice('sha256-'.length) : s);

function matchOf(e: ScriptEntry): ScriptMatch | { error: string } {
  if (e.url !== undefined) return { by: 'url', url: new URL(e.url).href };
  if (e.origin !== undefined) return { by: 'origin', origin: new URL(e.origin).origin };
  if (e.inlineSha256 !== undefined) return { by: 'inlineSha256', sha256: bareSha256(e.inlineSha256) };
  return compileUrlPattern(e.urlPattern!);
}

// RE2 metacharacters a glob must escape to stand for themselves.
const RE2_SPECIAL = /[\\^$.|?+()[\]{}]/g;

/**
 * A urlPattern: `/regex/` or `/regex/i` is RE2 syntax matching the whole URL; anything else is a
 * glob over the absolute URL where `**` is any text and `*` any text without "/" — so
 * `https://*.example.com/**` cannot match `https://evil.test/x.example.com/` (the `*` would need
 * to cross a "/"). Compiled here once so that a bad pattern is refused with its line, not at scan time.
 */
export function compileUrlPattern(written: string): ScriptMatch | { error: string } {
  const regexForm = /^\/(.+)\/(i?)$/s.exec(written);
  const [source, flags] = regexForm
    ? [regexForm[1]!, regexForm[2]!]
    : [written.replace(RE2_SPECIAL, '\\$&').replace(/\*\*|\*/g, (w) => (w === '**' ? '.*' : '[^/]*')), ''];
  const regex = `^(?:${source})$`;
  try {
    // Compiled now (and kept for the scan) so that RE2's refusal names this line.
    compiled.set(`${flags}/${regex}`, linearFromUser(new RegExp(regex, flags)));
  } catch (e) {
    return { error: `not a usable pattern (RE2 syntax, no lookaround or backreferences): ${(e as Error).message}` };
  }
  return { by: 'urlPattern', written, regex, flags };
}

/** The pattern compiled for matching; memoised, as every script is tried against every entry. */
const compiled = new Map<string, LinearRegex>();
export function urlPatternRegex(m: Extract<ScriptMatch, { by: 'urlPattern' }>): LinearRegex {
  const key = `${m.flags}/${m.regex}`;
  let re = compiled.get(key);
  if (!re) {
    re = linearFromUser(new RegExp(m.regex, m.flags));
    compiled.set(key, re);
  }
  return re;
}
