export { pathChecks } from './path-check.js';
