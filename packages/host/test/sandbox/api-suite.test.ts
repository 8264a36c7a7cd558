import { InProcessRunner, ProcessRunner } from '@berth/host';
import { describeApiSuite } from './api-suite.js';

// Acceptance 3: one suite, every tier.
describeApiSuite('trusted (in-process)', () => new InProcessRunner());
describeApiSuite('process (bubblewrap)', (h) => new ProcessRunner({ mode: 'bwrap', grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r) }));
describeApiSuite('process (no bubblewrap)', (h) => new ProcessRunner({ mode: 'nobwrap', grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r) }));
