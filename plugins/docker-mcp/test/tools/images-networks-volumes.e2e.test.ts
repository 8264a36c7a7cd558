import { standalone } from '../support/client.js';
import { inventorySuite } from '../support/inventory-suite.js';

inventorySuite('docker-mcp images, networks, volumes and system, end to end (standalone over stdio)', standalone, 'stdio');
