import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * `/public` built on its own (client/public.html) and rendered with Preact: a citizen's phone downloads
 * ~10 KB of renderer instead of React 19's ~66 KB. The components are the SPA's (client/features/public);
 * only this build swaps `react` and `react-dom` for `preact/compat`. It writes into the SPA's output beside
 * it, so it runs after `vite build` (which empties the folder) and keeps a manifest of its own.
 */
export default defineConfig({
  root: 'client',
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
    ],
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: false,
    assetsDir: 'assets-public',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // Read by testkit/route-js.ts for `/public`'s initial JS; its own name so the SPA's manifest stays whole.
    manifest: '.vite/public-manifest.json',
    rollupOptions: { input: fileURLToPath(new URL('client/public.html', import.meta.url)) },
  },
});
