import type { AreaChecks } from '../../core/check.js';
import { path01 } from './path-01-hidden-files.js';
import { path02 } from './path-02-magento-config.js';
import { path03 } from './path-03-composer-manifests.js';
import { path04 } from './path-04-logs-and-reports.js';
import { path05 } from './path-05-backups-and-dumps.js';
import { path06 } from './path-06-directory-listing.js';
import { path07 } from './path-07-private-media.js';
import { path08 } from './path-08-setup-and-tools.js';

/** Sensitive paths (PATH-01..08): one not-found baseline per target, candidates judged by content. */
export const pathChecks: AreaChecks = { area: 'paths', checks: [path01, path02, path03, path04, path05, path06, path07, path08] };
