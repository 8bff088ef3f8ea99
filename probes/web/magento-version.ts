import { linear } from '../../core/linear-regex.js';

/** A Magento version as disclosed: an exact release (2.4.6-p3) or only its line (2.4). */
export type MagentoVersion =
  | { readonly kind: 'release'; readonly major: number; readonly minor: number; readonly patch: number; readonly p: number; readonly text: string }
  | { readonly kind: 'line'; readonly major: number; readonly minor: number; readonly text: string };

/** Parses "2.4.6-p3", "2.4.6", "2.4"; anything else (constraints, pre-releases) is undefined. */
// Versions come from server text (a manifest, /magento_version): RE2 patterns, linear time.
const RELEASE = linear(/^v?(\d+)\.(\d+)(?:\.(\d+)(?:-p(\d+))?)?$/);
const MAJOR_MINOR = linear(/(\d+)\.(\d+)/);

export function parseMagentoVersion(text: string): MagentoVersion | undefined {
  const m = RELEASE.exec(text.trim());
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (m[3] === undefined) return { kind: 'line', major, minor, text: `${major}.${minor}` };
  const patch = Number(m[3]);
  const p = m[4] === undefined ? 0 : Number(m[4]);
  return { kind: 'release', major, minor, patch, p, text: p ? `${major}.${minor}.${patch}-p${p}` : `${major}.${minor}.${patch}` };
}

/** The major.minor a composer constraint pins ("^2.4", "2.4.*", "~2.4.6"), as a line. */
export function lineFromConstraint(constraint: string): MagentoVersion | undefined {
  const exact = parseMagentoVersion(constraint);
  if (exact) return exact;
  const m = MAJOR_MINOR.exec(constraint);
  return m ? { kind: 'line', major: Number(m[1]), minor: Number(m[2]), text: `${m[1]}.${m[2]}` } : undefined;
}

type Release = Extract<MagentoVersion, { kind: 'release' }>;

export function compareReleases(a: Release, b: Release): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || a.p - b.p;
}

export function release(text: string): Release {
  const v = parseMagentoVersion(text);
  if (v?.kind !== 'release') throw new Error(`not a Magento release: ${text}`);
  return v;
}

/** Whether `v` lies in [from, to], both inclusive. */
export function inRange(v: Release, from: string, to: string): boolean {
  return compareReleases(v, release(from)) >= 0 && compareReleases(v, release(to)) <= 0;
}
