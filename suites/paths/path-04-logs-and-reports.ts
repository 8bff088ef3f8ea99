import { pathCheck } from './path-check.js';

/** PATH-04: logs, sessions and error reports under var/ not served. */
export const path04 = pathCheck('PATH-04', 'log, session and report');
