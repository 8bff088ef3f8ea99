import { defineSuite } from '../core/suite.js';
import { scriptChecks } from './scripts/checks.js';

defineSuite(scriptChecks);
