import type { AreaChecks } from '../../core/check.js';
import { ssh01 } from './ssh-01-reachability.js';
import { ssh02 } from './ssh-02-auth-methods.js';
import { ssh03 } from './ssh-03-algorithms.js';

/** SSH (SSH-01..03): one raw connection reads the offer, one ssh2 connection the auth methods. */
export const sshChecks: AreaChecks = { area: 'ssh', checks: [ssh01, ssh02, ssh03] };
