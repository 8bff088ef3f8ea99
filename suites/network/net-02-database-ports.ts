import { DATABASE_KINDS } from './exposure-fact.js';
import { forbiddenServicesCheck } from './forbidden-services.js';

/** NET-02: no database answers from here. */
export const net02 = forbiddenServicesCheck({ id: 'NET-02', kinds: DATABASE_KINDS, short: 'database', long: 'database' });
