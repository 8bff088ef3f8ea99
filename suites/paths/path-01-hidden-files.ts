import { pathCheck } from './path-check.js';

/** PATH-01: version-control and hidden files (.git, .svn, .hg, .env, .htaccess…) not served. */
export const path01 = pathCheck('PATH-01', 'version-control and hidden-file');
