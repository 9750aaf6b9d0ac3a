/**
 * The one synthesis WITH esbuild bundling: every route's handler bundles offline into one minified ESM
 * file without source maps, and the bundle loads on Node 22 (the Lambda runtime) and exports `handler`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { logicalId, synthesize } from './support.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'insats-cdk-out-'));
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  CloudAssembly.cleanupTemporaryDirectories();
});

describe('bundling the route handlers with esbuild', () => {
  let assetDirs: Map<string, string>;
  // In a hook, not at collection time: a failed bundle then still runs afterAll's cleanup.
  beforeAll(() => {
    const { portal, templates } = synthesize({ bundling: true, cfnValidation: true, outdir });
    const functions = templates.portal.findResources('AWS::Lambda::Function');
    assetDirs = new Map(
      [...portal.api.functions].map(([name, routeFunction]) => {
        const key: string = functions[logicalId(portal, routeFunction.fn)]!.Properties.Code.S3Key;
        return [name, path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`)];
      }),
    );
  });
  const assetDirOf = (routeName: string): string => assetDirs.get(routeName)!;

  it.each(ROUTES.map((r) => [r.name, r.entry] as const))(
    '%s (%s) bundles into one minified ESM file, without source maps',
    (name) => {
      const dir = assetDirOf(name);
      expect(readdirSync(dir)).toEqual(['index.mjs']);
      const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith('import { createRequire')).toBe(true);
      expect(code).not.toContain('sourceMappingURL');
      // Minified: esbuild keeps its `// <source path>` module markers only in unminified output.
      expect(code).not.toMatch(/^\/\/ (functions|shared|node_modules)\//m);
    },
  );

  it.each(ROUTES.map((r) => [r.name] as const))(
    '%s bundle loads on Node 22 and exports handler',
    async (name) => {
      process.env.REGISTRY_TABLE_NAME ??= 'insats-registry';
      process.env.INSATS_STAGE ??= 'test';
      process.env.AWS_REGION ??= 'eu-north-1';
      const file = path.join(assetDirOf(name), 'index.mjs');
      expect(existsSync(file)).toBe(true);
      const module = await import(pathToFileURL(file).href);
      expect(typeof module.handler).toBe('function');
    },
  );
});
