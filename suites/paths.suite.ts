import { defineSuite } from '../core/suite.js';
import { pathChecks } from './paths/checks.js';

defineSuite(pathChecks);
