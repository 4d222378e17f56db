import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** A module of one of these npm packages (pnpm's layout included). */
const npmPackage = (names: string) =>
  new RegExp(
    `[\\\\/]node_modules[\\\\/](?:\\.pnpm[\\\\/][^\\\\/]+[\\\\/]node_modules[\\\\/])?(?:${names})[\\\\/]`,
  );

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
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own chunks stay cached across releases.
        advancedChunks: {
          groups: [
            {
              name: 'react',
              test: npmPackage('react|react-dom|scheduler|react-router|cookie|set-cookie-parser'),
            },
            { name: 'zod', test: npmPackage('zod') },
          ],
        },
      },
    },
  },
});
