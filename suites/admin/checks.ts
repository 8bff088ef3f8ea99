import type { AreaChecks } from '../../core/check.js';
import { adm01 } from './adm-01-default-path.js';
import { adm02 } from './adm-02-vantage-point.js';

/** Admin panel (ADM-01..02): the well-known names are probed once and shared by both checks. */
export const adminChecks: AreaChecks = { area: 'admin', checks: [adm01, adm02] };
