import { standalone } from '../support/client.js';
import { containerSuite } from '../support/container-suite.js';

containerSuite('docker-mcp containers, end to end on the real engine (standalone over stdio)', standalone, 'stdio');
