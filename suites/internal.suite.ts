import { defineSuite } from '../core/suite.js';
import { internalChecks } from './internal/checks.js';

defineSuite(internalChecks);
