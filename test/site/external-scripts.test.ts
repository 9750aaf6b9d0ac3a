import { describe, expect, it } from 'vitest';
import { externalizeInlineScripts } from '../../site/src/integrations/external-scripts.ts';

const options = { base: '/', directory: '_astro' };

describe('externalizeInlineScripts (CSP: script-src self)', () => {
  it('moves an inline script into a content-hashed file', () => {
    const { html, files } = externalizeInlineScripts('<p>x</p><script>window.a=1</script>', options);
    const [name] = [...files.keys()];
    expect(name).toMatch(/^inline\.[\w-]{12}\.js$/);
    expect(files.get(name!)).toBe('window.a=1');
    expect(html).toBe(`<p>x</p><script src="/_astro/${name}"></script>`);
  });

  it('gives the same content the same file and keeps attributes', () => {
    const page = '<script type="module">go()</script><script type="module">go()</script>';
    const { html, files } = externalizeInlineScripts(page, options);
    expect(files.size).toBe(1);
    expect(html.match(/<script type="module" src="\/_astro\/inline\.[\w-]+\.js"><\/script>/g)).toHaveLength(
      2,
    );
  });

  it('leaves scripts with src, JSON data blocks and empty scripts alone', () => {
    const page =
      '<script src="/_astro/a.js"></script><script type="application/json">{"a":1}</script>' +
      '<script type="application/ld+json">{}</script><script></script>';
    expect(externalizeInlineScripts(page, options)).toEqual({ html: page, files: new Map() });
  });

  it('respects a base path', () => {
    const { html } = externalizeInlineScripts('<script>x()</script>', {
      base: '/portal',
      directory: '_astro',
    });
    expect(html).toMatch(/^<script src="\/portal\/_astro\/inline\./);
  });
});
