import { Schema, stringify } from 'yaml';

/**
 * Evidence facts as YAML, byte for byte what `stringify(facts, { lineWidth: 0 })` of the yaml
 * package writes, without building its document tree (~50 ms of a one-target scan's JUnit): the
 * shapes evidence holds (plain objects and arrays of strings, numbers, booleans and null) are
 * written here by yaml's own rules; anything else (a control character, a shared object yaml
 * would anchor, a Date or Buffer) goes to yaml whole.
 * test/reporters/facts-yaml.unit.test.ts compares the two on recorded and generated facts.
 */
export function factsYaml(facts: unknown): string {
  return writtenHere(facts) ?? stringify(facts, { lineWidth: 0 });
}

/** The YAML for facts of the shapes written here; undefined for what goes to yaml. */
export function writtenHere(facts: unknown): string | undefined {
  const fast = isPlainObject(facts) ? collection(facts, '', new Set()) : undefined;
  return fast === undefined ? undefined : `${fast}\n`;
}

/** A value yaml writes otherwise than a one-line string, a number, a boolean or null here can. */
const FALLBACK = Symbol('to yaml');

// yaml's plainString (stringify/stringifyString.js): text that cannot be written plain, because it
// would read as an indicator ('- ', '? ', '&a', '#'), a key (': ') or a comment (' #'), or lose
// its leading or trailing space.
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
// Written double-quoted with escapes (stringifyString.js): left to yaml.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{d800}-\u{dfff}]/u;
// Indented or quoted against a document marker (stringifyString.js): left to yaml.
// Multiline as yaml's: `^` also after U+2028 and U+2029.
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;
// Text a YAML 1.2 core-schema reader would take for another type ('', '~', 'null', 'true', '42',
// '0x1f', '1e3', '.inf'): quoted. yaml's own default tags, so the test is the one it applies.
const OTHER_TYPE = new Schema({}).tags
  .filter((t) => Boolean(t.default) && t.tag !== 'tag:yaml.org,2002:str' && t.test instanceof RegExp)
  .map((t) => t.test as RegExp);
/** Longer keys are written as explicit `? key` entries (stringifyPair.js). */
const MAX_IMPLICIT_KEY = 1024;

/**
 * A string as yaml writes it, `indent` being its value's indentation (undefined for a key): one
 * line plain, else single-quoted when it holds only double quotes, else as JSON quotes it; a
 * value of several lines as a literal block.
 */
function text(s: string, indent: string | undefined): string | typeof FALLBACK {
  if (CONTROL.test(s)) return FALLBACK;
  if (s.includes('\n')) return indent === undefined ? FALLBACK : literalBlock(s, indent);
  if (DOCUMENT_MARKER.test(s)) return FALLBACK;
  if (!NOT_PLAIN.test(s) && !OTHER_TYPE.some((re) => re.test(s))) return s;
  return s.includes('"') && !s.includes("'") ? `'${s}'` : JSON.stringify(s);
}

const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/**
 * yaml's blockString (stringify/stringifyString.js) as lineWidth 0 leaves it: a literal block
 * (`|`), its chomping indicator from how the text ends and an indentation indicator when it
 * starts with a space; text whose last line is only blanks is quoted there, so left to yaml.
 */
function literalBlock(value: string, indent: string): string | typeof FALLBACK {
  if (/\n[\t ]+$/.test(value)) return FALLBACK;
  let endStart = value.length;
  while (endStart > 0 && ' \t\n'.includes(value[endStart - 1]!)) endStart--;
  let end = value.substring(endStart);
  const endNl = end.indexOf('\n');
  const chomp = endNl === -1 ? '-' : value === end || endNl !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNl = -1;
  for (; startEnd < body.length; startEnd++) {
    const ch = body[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNl = startEnd;
    else break;
  }
  let start = body.substring(0, startNl + 1);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  // The indentation indicator counts from the parent's indentation: a value sits one step (2) in.
  const header = (startWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
}

function scalar(v: unknown, indent: string): string | typeof FALLBACK {
  switch (typeof v) {
    case 'string':
      return text(v, indent);
    case 'number':
      // stringifyNumber.js
      return Number.isFinite(v) ? (Object.is(v, -0) ? '-0' : JSON.stringify(v)) : Number.isNaN(v) ? '.nan' : v < 0 ? '-.inf' : '.inf';
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return v === null ? 'null' : FALLBACK;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * A non-empty object or array in block style at `indent` (its first line unindented, as yaml
 * places it after "key:\n<indent>" or "- "), an empty one in flow style; undefined for a fallback.
 * `seen` holds the objects on the way here and before: yaml anchors any object met twice.
 */
function collection(v: Record<string, unknown> | readonly unknown[], indent: string, seen: Set<object>): string | undefined {
  if (seen.has(v)) return undefined;
  seen.add(v);
  const inner = `${indent}  `;
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = item !== null && typeof item === 'object' ? nested(item, inner, seen) : scalar(item, inner);
      if (s === FALLBACK || s === undefined) return undefined;
      lines.push(`- ${s}`);
    }
    return lines.length ? lines.join(`\n${indent}`) : '[]';
  }
  for (const key of Object.keys(v)) {
    const value = (v as Record<string, unknown>)[key];
    // yaml leaves out what JSON leaves out of an object.
    if (value === undefined) continue;
    const k = key === '' ? FALLBACK : text(key, undefined);
    if (k === FALLBACK || k.length > MAX_IMPLICIT_KEY) return undefined;
    if (value !== null && typeof value === 'object') {
      const s = nested(value, inner, seen);
      if (s === undefined) return undefined;
      lines.push(s === '[]' || s === '{}' ? `${k}: ${s}` : `${k}:\n${inner}${s}`);
    } else {
      const s = scalar(value, inner);
      if (s === FALLBACK) return undefined;
      lines.push(`${k}: ${s}`);
    }
  }
  return lines.length ? lines.join(`\n${indent}`) : '{}';
}

function nested(v: object, indent: string, seen: Set<object>): string | undefined {
  if (Array.isArray(v)) return v.includes(undefined) ? undefined : collection(v, indent, seen);
  return isPlainObject(v) ? collection(v, indent, seen) : undefined;
}
