import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
// The Fastify server serves the API, SSE and the widget; in dev Vite forwards to it.
const koeServer = process.env.KOE_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  // The API's schemas and enumerations, shared with the server (src/contracts).
  resolve: { alias: { '@contracts': fileURLToPath(new URL('../src/contracts', import.meta.url)) } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // React + Mantine alone are ~650 kB minified; one chunk is fine for an internal app.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/api': { target: koeServer, changeOrigin: false },
      '/healthz': koeServer,
      '/widget.js': koeServer,
      '/demo': koeServer,
    },
  },
});
