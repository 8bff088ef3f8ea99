import { RELEASE_TABLE_MAX_AGE_DAYS, RELEASE_TABLE_REVIEWED } from '../../catalogue/magento-releases.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The warning every report carries when the release and CVE table behind MAG-02 was last reviewed
 * more than RELEASE_TABLE_MAX_AGE_DAYS before the scan: newer releases and bulletins are unknown to
 * it. Pure: the scan time is passed in.
 */
export function releaseTableWarnings(scanTime: Date, reviewed = RELEASE_TABLE_REVIEWED, maxAgeDays = RELEASE_TABLE_MAX_AGE_DAYS): string[] {
  const ageDays = Math.floor((scanTime.getTime() - Date.parse(`${reviewed}T00:00:00Z`)) / DAY_MS);
  if (ageDays <= maxAgeDays) return [];
  return [
    `The Magento release and vulnerability table (catalogue/magento-releases.ts) was last reviewed on ${reviewed}, ${ageDays} days before this scan (more than ${maxAgeDays}): MAG-02 does not know releases, end-of-support changes or critical bulletins published since.`,
  ];
}
