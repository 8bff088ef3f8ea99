import { defineSuite } from '../core/suite.js';
import { headerChecks } from './headers/checks.js';

defineSuite(headerChecks);
