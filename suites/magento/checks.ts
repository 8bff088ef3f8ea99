import type { AreaChecks } from '../../core/check.js';
import { mag01 } from './mag-01-version-disclosure.js';
import { mag02 } from './mag-02-release.js';
import { mag03 } from './mag-03-rest-anonymous.js';
import { mag04 } from './mag-04-error-pages.js';

/** Magento (MAG-01..04): one fingerprint and one version probe per target, shared by the four. */
export const magentoChecks: AreaChecks = { area: 'magento', checks: [mag01, mag02, mag03, mag04] };
