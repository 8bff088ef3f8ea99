import { defineSuite } from '../core/suite.js';
import { magentoChecks } from './magento/checks.js';

defineSuite(magentoChecks);
