import { defineSuite } from '../core/suite.js';
import { tlsChecks } from './tls/checks.js';

defineSuite(tlsChecks);
