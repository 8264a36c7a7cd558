import { throughBerthServe } from '../support/berth-serve.js';
import { containerSuite } from '../support/container-suite.js';

// Acceptance 1 through the real endpoint: the same container suite, the client talking to `berth serve --stdio`,
// which runs docker-mcp as an mcp plugin (settings and grants from its configuration).
containerSuite('docker-mcp containers through berth serve', throughBerthServe, 'serve');
