import { defineSuite } from '../core/suite.js';
import { adminChecks } from './admin/checks.js';

defineSuite(adminChecks);
