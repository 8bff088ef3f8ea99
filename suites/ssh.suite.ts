import { defineSuite } from '../core/suite.js';
import { sshChecks } from './ssh/checks.js';

defineSuite(sshChecks);
