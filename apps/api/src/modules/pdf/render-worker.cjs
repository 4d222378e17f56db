'use strict';
// Entry of a PDF render worker thread (see render-pool.ts). The API runs from TypeScript
// sources: load them through tsx, unless this thread already has a TypeScript loader.
if (!require.extensions['.ts']) require('tsx/cjs');
require('./render-worker.ts');
