'use strict';
// Entry of the embedded database's process (see embedded-server.ts). The API runs from TypeScript
// sources: load them through tsx, unless this process already has a TypeScript loader.
if (!require.extensions['.ts']) require('tsx/cjs');
require('./embedded-server-main.ts');
