import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.JASMIN_API_URL ?? 'http://127.0.0.1:3001';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // DSFR's own assets (public/dsfr) are copied as they are.
    chunkSizeWarningLimit: 600,
  },
});
