import { throughBerthServe } from '../support/berth-serve.js';
import { inventorySuite } from '../support/inventory-suite.js';

// Acceptance 1 through the real endpoint: build, tag, remove an image; networks; volumes; system — via `berth serve --stdio`.
inventorySuite('docker-mcp images, networks, volumes and system through berth serve', throughBerthServe, 'serve');
