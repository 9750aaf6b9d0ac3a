/**
 * The CDN's Content-Security-Policy says `script-src 'self'`: no inline scripts. Astro writes a few
 * inline scripts of its own into pages with islands (the `<astro-island>` element and the hydration
 * directive, a few hundred bytes each). This integration moves every inline script of the built pages
 * into a content-hashed file under `_astro/` and points the page at it, so the policy holds without
 * hashes or nonces. JSON data blocks (`type="application/json"`, `application/ld+json`) stay inline:
 * browsers never execute them.
 *
 * Matching `<script>` with a regular expression is sound here because the HTML is Astro's own output:
 * Astro escapes `<` in every text and attribute value, so the only raw `<script` are real tags.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const DATA_TYPES = /\btype\s*=\s*["']?application\/(?:ld\+)?json\b/i;

/** Rewrite one page: inline scripts become `<script src>`; returns the new HTML and the files to write. */
export function externalizeInlineScripts(
  html: string,
  options: { base: string; directory: string },
): { html: string; files: Map<string, string> } {
  const files = new Map<string, string>();
  const rewritten = html.replace(SCRIPT, (whole, attributes: string, content: string) => {
    if (/\bsrc\s*=/i.test(attributes) || DATA_TYPES.test(attributes) || content.trim() === '') return whole;
    const hash = createHash('sha256').update(content).digest('base64url').slice(0, 12);
    const fileName = `inline.${hash}.js`;
    files.set(fileName, content);
    const src = `${options.base.replace(/\/?$/, '/')}${options.directory}/${fileName}`;
    return `<script${attributes} src="${src}"></script>`;
  });
  return { html: rewritten, files };
}

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

export default function externalScripts(): AstroIntegration {
  let base = '/';
  let assetsDirectory = '_astro';
  return {
    name: 'insatsportalen:external-scripts',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        assetsDirectory = config.build.assets;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const written = new Set<string>();
        let pages = 0;
        for await (const file of htmlFiles(root)) {
          const html = await readFile(file, 'utf8');
          const result = externalizeInlineScripts(html, { base, directory: assetsDirectory });
          if (result.files.size === 0) continue;
          for (const [name, content] of result.files) {
            if (written.has(name)) continue;
            await writeFile(join(root, assetsDirectory, name), content);
            written.add(name);
          }
          await writeFile(file, result.html);
          pages++;
        }
        logger.info(`moved inline scripts of ${pages} pages into ${written.size} file(s)`);
      },
    },
  };
}
