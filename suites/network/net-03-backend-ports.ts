import { BACKEND_KINDS } from './exposure-fact.js';
import { forbiddenServicesCheck } from './forbidden-services.js';

/** NET-03: no cache, search, queue or runtime backend answers from here. */
export const net03 = forbiddenServicesCheck({ id: 'NET-03', kinds: BACKEND_KINDS, short: 'backend', long: 'cache, search, queue or runtime backend' });
