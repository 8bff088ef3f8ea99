/**
 * Magento Open Source / Adobe Commerce release data for MAG-02. Maintained by hand: add each
 * new release line and each critical, unauthenticated vulnerability when Adobe publishes its
 * bulletin, then move RELEASE_TABLE_REVIEWED (every report warns once it is 120 days old).
 *
 * Sources, as stored copies read on the review date:
 * - LIFECYCLE: Adobe's lifecycle policy and its end-of-support table, built from core-releases.json
 *   (AdobeDocs/commerce-operations.en help/release/lifecycle-policy.md, last-update 2026-08-19,
 *   _jekyll/_data/release/core-releases.json; published at
 *   https://experienceleague.adobe.com/en/docs/commerce-operations/release/planning/lifecycle-policy).
 * - Each vulnerability cites its Adobe bulletin and the CVE record Adobe published
 *   (https://www.cve.org/CVERecord?id=…, CVEProject/cvelistV5): severity, "privileges required"
 *   and the last affected release of each line come from the record; the first fixed release of
 *   each line is the next release core-releases.json lists, whose security release notes name
 *   that bulletin (help/release/release-notes/security/2-4-*-patches.md).
 *
 * The newest material reachable on the review date (2026-11-30) ends in late August 2026: the
 * lifecycle table of 2026-08-19 and CVE records updated up to 2026-08-27. Anything Adobe published
 * after that is not here. Since 2026 Adobe also ships non-cumulative "isolated security patch files"
 * monthly that do not change the version string (versioning-policy.md); a version therefore cannot
 * show whether those were applied, and no vulnerability fixed only by one is listed.
 */

/** The day this table was last checked against Adobe's sources. */
export const RELEASE_TABLE_REVIEWED = '2026-11-30';

/** Reports warn when the table is older than this at scan time. */
export const RELEASE_TABLE_MAX_AGE_DAYS = 120;

const LIFECYCLE = 'https://experienceleague.adobe.com/en/docs/commerce-operations/release/planning/lifecycle-policy';

/** A release line and the days its security support ends. */
export interface ReleaseLine {
  /** "2.3" for lines before 2.4; "2.4.6" for 2.4's patch lines, each supported on its own. */
  readonly line: string;
  /** YYYY-MM-DD, end of standard support: the last security fix for Magento Open Source. */
  readonly endOfSupport: string;
  /**
   * YYYY-MM-DD, last day Adobe Commerce (not Open Source) still gets security fixes: end of extended
   * support, or of the security-only transitional period. "Extended support … Available for Adobe
   * Commerce customers only — not available for Magento Open Source" (lifecycle policy, 2026-06).
   */
  readonly commerceSecurityUntil?: string;
  /** Newest release of the line in the sources. */
  readonly latest: string;
  readonly source: string;
}

export const RELEASE_LINES: readonly ReleaseLine[] = [
  { line: '2.0', endOfSupport: '2018-03-31', latest: '2.0.18', source: LIFECYCLE },
  { line: '2.1', endOfSupport: '2019-06-30', latest: '2.1.18', source: LIFECYCLE },
  { line: '2.2', endOfSupport: '2019-12-01', latest: '2.2.11', source: LIFECYCLE },
  { line: '2.3', endOfSupport: '2022-09-08', latest: '2.3.7-p4', source: LIFECYCLE },
  // core-releases.json groups 2.4.0–2.4.3 under one end of support.
  { line: '2.4.0', endOfSupport: '2022-11-28', latest: '2.4.0-p1', source: LIFECYCLE },
  { line: '2.4.1', endOfSupport: '2022-11-28', latest: '2.4.1-p1', source: LIFECYCLE },
  { line: '2.4.2', endOfSupport: '2022-11-28', latest: '2.4.2-p2', source: LIFECYCLE },
  { line: '2.4.3', endOfSupport: '2022-11-28', latest: '2.4.3-p3', source: LIFECYCLE },
  // 2.4.4–2.4.6: extended support, then a one-time security-only period, both Adobe Commerce only.
  { line: '2.4.4', endOfSupport: '2025-04-12', commerceSecurityUntil: '2027-05-31', latest: '2.4.4-p18', source: LIFECYCLE },
  { line: '2.4.5', endOfSupport: '2025-08-12', commerceSecurityUntil: '2027-05-31', latest: '2.4.5-p17', source: LIFECYCLE },
  { line: '2.4.6', endOfSupport: '2026-08-11', commerceSecurityUntil: '2028-05-31', latest: '2.4.6-p15', source: LIFECYCLE },
  { line: '2.4.7', endOfSupport: '2027-05-31', commerceSecurityUntil: '2028-05-31', latest: '2.4.7-p10', source: LIFECYCLE },
  { line: '2.4.8', endOfSupport: '2028-05-31', latest: '2.4.8-p5', source: LIFECYCLE },
  { line: '2.4.9', endOfSupport: '2029-05-31', latest: '2.4.9', source: LIFECYCLE },
];

/**
 * A known critical vulnerability: one an attacker can use with no account (Adobe severity Critical,
 * CVSS privileges required: none), the inclusive version ranges it affects, and the fixes.
 * Critical issues that need an admin login (e.g. CVE-2024-20720, APSB24-03, PR:H) are left out:
 * MAG-02 judges what anyone on the internet can do to the store.
 */
export interface KnownVulnerability {
  readonly id: string;
  readonly name: string;
  readonly advisory: string;
  /** [first affected, last affected], both inclusive, as Magento versions (2.4.6-p3). */
  readonly affected: readonly (readonly [string, string])[];
  readonly fixedIn: readonly string[];
  readonly sources: readonly string[];
}

const bulletin = (apsb: string) => `https://helpx.adobe.com/security/products/magento/${apsb.toLowerCase()}.html`;
const cve = (id: string) => `https://www.cve.org/CVERecord?id=${id}`;

export const KNOWN_VULNERABILITIES: readonly KnownVulnerability[] = [
  {
    id: 'CVE-2022-24086',
    name: 'pre-authentication remote code execution (improper input validation)',
    advisory: 'APSB22-12',
    affected: [
      ['2.3.3-p1', '2.3.7-p2'],
      ['2.4.0', '2.4.3-p1'],
    ],
    fixedIn: ['2.3.7-p3', '2.4.3-p2'],
    sources: [bulletin('APSB22-12'), cve('CVE-2022-24086')],
  },
  {
    id: 'CVE-2024-20758',
    name: 'unauthenticated arbitrary code execution (improper input validation)',
    advisory: 'APSB24-18',
    affected: [
      ['2.0.0', '2.4.4-p7'],
      ['2.4.5', '2.4.5-p6'],
      ['2.4.6', '2.4.6-p4'],
    ],
    fixedIn: ['2.4.4-p8', '2.4.5-p7', '2.4.6-p5', '2.4.7'],
    sources: [bulletin('APSB24-18'), cve('CVE-2024-20758')],
  },
  {
    id: 'CVE-2024-34102',
    name: '"CosmicSting" XML external entity injection, pre-authentication',
    advisory: 'APSB24-40',
    affected: [
      ['2.0.0', '2.4.4-p8'],
      ['2.4.5', '2.4.5-p7'],
      ['2.4.6', '2.4.6-p5'],
      ['2.4.7', '2.4.7'],
    ],
    fixedIn: ['2.4.4-p9', '2.4.5-p8', '2.4.6-p6', '2.4.7-p1'],
    sources: [bulletin('APSB24-40'), cve('CVE-2024-34102')],
  },
  {
    id: 'CVE-2024-39397',
    name: 'unauthenticated upload of a dangerous file type, code execution',
    advisory: 'APSB24-61',
    affected: [
      ['2.0.0', '2.4.4-p9'],
      ['2.4.5', '2.4.5-p8'],
      ['2.4.6', '2.4.6-p6'],
      ['2.4.7', '2.4.7-p1'],
    ],
    fixedIn: ['2.4.4-p10', '2.4.5-p9', '2.4.6-p7', '2.4.7-p2'],
    sources: [bulletin('APSB24-61'), cve('CVE-2024-39397')],
  },
  {
    // The CVE record names Adobe Commerce; judged on every edition, as the bulletin covers both.
    id: 'CVE-2024-45115',
    name: 'improper authentication, privilege escalation without an account (CVSS 9.8)',
    advisory: 'APSB24-73',
    affected: [
      ['2.0.0', '2.4.4-p10'],
      ['2.4.5', '2.4.5-p9'],
      ['2.4.6', '2.4.6-p7'],
      ['2.4.7', '2.4.7-p2'],
    ],
    fixedIn: ['2.4.4-p11', '2.4.5-p10', '2.4.6-p8', '2.4.7-p3'],
    sources: [bulletin('APSB24-73'), cve('CVE-2024-45115')],
  },
  {
    id: 'CVE-2025-24434',
    name: 'incorrect authorization leading to session takeover without an account (CVSS 9.1)',
    advisory: 'APSB25-08',
    affected: [
      ['2.0.0', '2.4.4-p11'],
      ['2.4.5', '2.4.5-p10'],
      ['2.4.6', '2.4.6-p8'],
      ['2.4.7', '2.4.7-p3'],
    ],
    fixedIn: ['2.4.4-p12', '2.4.5-p11', '2.4.6-p9', '2.4.7-p4', '2.4.8'],
    sources: [bulletin('APSB25-08'), cve('CVE-2025-24434')],
  },
  {
    id: 'CVE-2025-54236',
    name: '"SessionReaper" session takeover / remote code execution, pre-authentication',
    advisory: 'APSB25-88',
    affected: [
      ['2.0.0', '2.4.4-p15'],
      ['2.4.5', '2.4.5-p14'],
      ['2.4.6', '2.4.6-p12'],
      ['2.4.7', '2.4.7-p7'],
      ['2.4.8', '2.4.8-p2'],
    ],
    // APSB25-88 shipped a hotfix in September 2025; the October 2025 security releases carry the
    // fix ("Fix for CVE-2025-54236", release notes' October 2025 highlights).
    fixedIn: ['2.4.4-p16', '2.4.5-p15', '2.4.6-p13', '2.4.7-p8', '2.4.8-p3'],
    sources: [
      bulletin('APSB25-88'),
      cve('CVE-2025-54236'),
      'https://experienceleague.adobe.com/en/docs/commerce-operations/release/notes/security-patches/2-4-8-patches#p3',
    ],
  },
];

/**
 * Checked and left out (not Critical, or an account is needed), so a reviewer need not redo it:
 * CVE-2026-21359 (APSB26-05, 4.7), CVE-2026-34645 (APSB26-49, 7.5 High), CVE-2026-34656 (APSB26-49,
 * 4.3), CVE-2026-48411 (APSB26-92, 6.5, high privileges). Sansec's "PolyShell" (unauthenticated
 * upload through cart custom options, 2026) is not listed: no Adobe bulletin with affected and fixed
 * versions for it was reachable on the review date.
 */
