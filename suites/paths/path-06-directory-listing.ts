import { pathCheck } from './path-check.js';

/** PATH-06: no directory listing under media, static or var. */
export const path06 = pathCheck('PATH-06', 'directory listing');
