/**
 * Magento Open Source / Adobe Commerce release data for MAG-02. Maintained by hand:
 * add each new release line and each critical, pre-authentication vulnerability when
 * Adobe publishes its bulletin.
 *
 * Sources: Adobe's Commerce lifecycle policy (end-of-support dates per release line, as
 * tracked in mage-os/github-actions supported-version data) and Adobe security bulletins
 * APSB22-12, APSB24-03, APSB24-40, APSB25-88 (affected and fixed versions).
 */

/** A release line and the day its security support ended (or ends). */
export interface ReleaseLine {
  /** "2.3" for lines before 2.4; "2.4.6" for 2.4's patch lines, each supported on its own. */
  readonly line: string;
  /** YYYY-MM-DD, end of security fixes. */
  readonly endOfSupport: string;
}

export const RELEASE_LINES: readonly ReleaseLine[] = [
  { line: '2.0', endOfSupport: '2018-03-31' },
  { line: '2.1', endOfSupport: '2019-06-30' },
  { line: '2.2', endOfSupport: '2019-12-31' },
  { line: '2.3', endOfSupport: '2022-09-08' },
  { line: '2.4.0', endOfSupport: '2022-11-28' },
  { line: '2.4.1', endOfSupport: '2022-11-28' },
  { line: '2.4.2', endOfSupport: '2022-11-28' },
  { line: '2.4.3', endOfSupport: '2022-11-28' },
  { line: '2.4.4', endOfSupport: '2025-04-24' },
  { line: '2.4.5', endOfSupport: '2025-08-09' },
  { line: '2.4.6', endOfSupport: '2026-08-11' },
  { line: '2.4.7', endOfSupport: '2027-04-09' },
  { line: '2.4.8', endOfSupport: '2028-04-09' },
  { line: '2.4.9', endOfSupport: '2029-05-12' },
];

/** A known critical vulnerability: inclusive version ranges it affects, and the fixes. */
export interface KnownVulnerability {
  readonly id: string;
  readonly name: string;
  readonly advisory: string;
  /** [first affected, last affected], both inclusive, as Magento versions (2.4.6-p3). */
  readonly affected: readonly (readonly [string, string])[];
  readonly fixedIn: readonly string[];
}

export const KNOWN_VULNERABILITIES: readonly KnownVulnerability[] = [
  {
    id: 'CVE-2022-24086',
    name: 'pre-authentication remote code execution (improper input validation)',
    advisory: 'APSB22-12',
    affected: [['2.3.3-p1', '2.3.7-p2'], ['2.4.0', '2.4.3-p1']],
    fixedIn: ['2.3.7-p3', '2.4.3-p2'],
  },
  {
    id: 'CVE-2024-20720',
    name: 'OS command injection leading to code execution',
    advisory: 'APSB24-03',
    affected: [['2.0.0', '2.4.4-p6'], ['2.4.5', '2.4.5-p5'], ['2.4.6', '2.4.6-p3']],
    fixedIn: ['2.4.4-p7', '2.4.5-p6', '2.4.6-p4', '2.4.7'],
  },
  {
    id: 'CVE-2024-34102',
    name: '"CosmicSting" XML external entity injection, pre-authentication',
    advisory: 'APSB24-40',
    affected: [['2.0.0', '2.4.4-p8'], ['2.4.5', '2.4.5-p7'], ['2.4.6', '2.4.6-p5'], ['2.4.7', '2.4.7']],
    fixedIn: ['2.4.4-p9', '2.4.5-p8', '2.4.6-p6', '2.4.7-p1'],
  },
  {
    id: 'CVE-2025-54236',
    name: '"SessionReaper" session takeover / remote code execution, pre-authentication',
    advisory: 'APSB25-88',
    affected: [['2.0.0', '2.4.4-p15'], ['2.4.5', '2.4.5-p14'], ['2.4.6', '2.4.6-p12'], ['2.4.7', '2.4.7-p7'], ['2.4.8', '2.4.8-p2']],
    fixedIn: ['2.4.4-p16', '2.4.5-p15', '2.4.6-p13', '2.4.7-p8', '2.4.8-p3'],
  },
];
