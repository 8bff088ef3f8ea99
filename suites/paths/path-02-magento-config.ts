import { pathCheck } from './path-check.js';

/** PATH-02: Magento configuration and secrets (app/etc/env.php, config.php, auth.json and their copies) not served. */
export const path02 = pathCheck('PATH-02', 'Magento configuration and secrets');
