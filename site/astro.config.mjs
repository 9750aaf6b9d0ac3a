// The national portal's static site. Built with `astro build --root site` from the repository root
// (or `node local/build-site.ts`, which starts a local API for the build to read from).
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import externalScripts from './src/integrations/external-scripts.ts';

export default defineConfig({
  root: new URL('./', import.meta.url).pathname,
  srcDir: new URL('./src/', import.meta.url).pathname,
  publicDir: new URL('./public/', import.meta.url).pathname,
  // INSATS_SITE_OUT_DIR builds elsewhere (parallel builds, the 60,000-item build test); default site/dist.
  outDir: process.env.INSATS_SITE_OUT_DIR || new URL('./dist/', import.meta.url).pathname,
  cacheDir: process.env.INSATS_SITE_CACHE_DIR || new URL('./.astro/cache/', import.meta.url).pathname,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [react(), externalScripts()],
  devToolbar: { enabled: false },
  vite: {
    build: {
      // Never inline scripts or styles as data: the CDN's CSP allows scripts from 'self' only.
      assetsInlineLimit: 0,
    },
  },
});
