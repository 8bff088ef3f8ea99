import { pathCheck } from './path-check.js';

/** PATH-03: Composer manifests (composer.json, composer.lock, vendor/composer/installed.json) not served. */
export const path03 = pathCheck('PATH-03', 'Composer manifest');
