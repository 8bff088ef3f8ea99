import { pathCheck } from './path-check.js';

/** PATH-08: setup, developer and database tools not served. */
export const path08 = pathCheck('PATH-08', 'setup, developer and database tool');
