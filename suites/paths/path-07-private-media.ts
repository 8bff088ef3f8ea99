import { pathCheck } from './path-check.js';

/** PATH-07: private media directories (customer, downloadable, import…) not served. */
export const path07 = pathCheck('PATH-07', 'private media');
