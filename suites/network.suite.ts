import { defineSuite } from '../core/suite.js';
import { networkChecks } from './network/checks.js';

defineSuite(networkChecks);
