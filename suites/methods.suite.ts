import { defineSuite } from '../core/suite.js';
import { methodChecks } from './methods/checks.js';

defineSuite(methodChecks);
