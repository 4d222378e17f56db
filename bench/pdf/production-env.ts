// First import of run.ts: React's production build, as scripts/start.mjs runs the API
// (NODE_ENV=production unless set). Child processes and worker threads inherit it.
process.env.NODE_ENV ??= 'production';
