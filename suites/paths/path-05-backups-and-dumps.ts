import { pathCheck } from './path-check.js';

/** PATH-05: backups and database dumps not served. */
export const path05 = pathCheck('PATH-05', 'backup and database dump');
