import { createHash } from 'node:crypto';

/**
 * A body reduced to what stays the same between two not-found answers: the requested
 * path cut out (many 404 pages echo it), numbers and token-like strings (form keys,
 * request ids, timestamps) replaced, whitespace collapsed.
 */
export interface BodyFingerprint {
  readonly sha256: string;
  /** Distinct words of the normalised body, for similarity. */
  readonly words: ReadonlySet<string>;
  readonly normalisedLength: number;
}

/** Characters of a body fingerprinted: the bound on the work below. */
const SAMPLE_CHARS = 65_536;

/** The forms in which a page may echo a requested path. */
export function pathEchoes(path: string, basename = true): string[] {
  const forms = new Set<string>();
  const add = (s: string) => {
    if (s.length >= 3) forms.add(s);
  };
  const noQuery = path.split('?')[0] ?? path;
  for (const p of [path, noQuery]) {
    add(p);
    add(escapeHtml(p));
    try {
      add(decodeURIComponent(p));
    } catch {
      /* not encoded */
    }
    add(encodeURI(p));
    if (p.length > 1 && p.endsWith('/')) add(p.slice(0, -1));
  }
  const base = noQuery.replace(/\/$/, '').split('/').pop() ?? '';
  if (basename && base.length >= 4) add(base);
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Body text with every echo of the requested path removed. Signature matching cuts the
 * full path only (a bare file name is no marker); fingerprints also cut the file name.
 */
export function withoutEchoes(text: string, path: string, basename = true): string {
  let out = text;
  for (const echo of pathEchoes(path, basename)) out = out.split(echo).join(' ');
  return out;
}

/*
 * These stay V8 RegExps, on purpose: each is one character class repeated, with nothing
 * after it, so a position costs at most the class's minimum run (16) before it matches or
 * fails: no backtracking, linear time by shape, and ~20x faster than RE2 on every page of
 * every scan. Anything with context or nesting belongs in a LinearRegex (core/linear-regex.ts).
 */
export function normaliseBody(text: string, path: string): string {
  return withoutEchoes(text.slice(0, SAMPLE_CHARS), path)
    .replace(/[A-Za-z0-9+/_=-]{16,}/g, 'T')
    .replace(/\d+/g, '0')
    .replace(/\s+/g, ' ')
    .trim();
}

export function fingerprint(body: Buffer, path: string): BodyFingerprint {
  const norm = normaliseBody(body.toString('utf8'), path);
  return {
    sha256: createHash('sha256').update(norm).digest('hex'),
    words: new Set(
      norm
        .toLowerCase()
        .split(/[^a-z0-9_]+/)
        .filter(Boolean),
    ),
    normalisedLength: norm.length,
  };
}

/** Jaccard similarity of two word sets (1 = same words). */
export function similarity(a: BodyFingerprint, b: BodyFingerprint): number {
  if (a.sha256 === b.sha256) return 1;
  if (a.words.size === 0 && b.words.size === 0) return a.normalisedLength === b.normalisedLength ? 1 : 0;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared++;
  return shared / (a.words.size + b.words.size - shared);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
