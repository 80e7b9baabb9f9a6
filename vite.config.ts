import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in client/ and is served by the server from dist/client; in dev, Vite proxies the API and
// sockets to the server on 8080 so both run with one command.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The bench reads the chunk graph from it to sum the JS each route loads (bench/route-js.ts).
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
