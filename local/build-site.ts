/**
 * Build the Astro site against a running API (its pages are rendered from the published catalogues).
 * Run directly (`npm run build:site`), it starts an in-memory portal with the demo catalogues, builds,
 * and stops.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT_DIR } from './paths.ts';

export function buildSite(apiUrl: string, options: { quiet?: boolean; outDir?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT_DIR, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', 'site'],
      {
        cwd: ROOT_DIR,
        env: {
          ...process.env,
          INSATS_API_URL: apiUrl,
          ASTRO_TELEMETRY_DISABLED: '1',
          ...(options.outDir
            ? { INSATS_SITE_OUT_DIR: options.outDir, INSATS_SITE_CACHE_DIR: `${options.outDir}.cache` }
            : {}),
        },
        stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`astro build exited with ${code}`)),
    );
  });
}

if (import.meta.main) {
  const { startPortal } = await import('./server.ts');
  const started = Date.now();
  const portal = await startPortal({ seedDemo: true });
  try {
    await buildSite(portal.url);
    console.log(`Site built in ${((Date.now() - started) / 1000).toFixed(1)} s → site/dist`);
  } finally {
    await portal.close();
  }
}
