'use strict';
// Entry of the import staging worker thread (see stage-pool.ts). The API runs from TypeScript
// sources: load them through tsx, unless this thread already has a TypeScript loader.
if (!require.extensions['.ts']) require('tsx/cjs');
require('./stage-worker.ts');
