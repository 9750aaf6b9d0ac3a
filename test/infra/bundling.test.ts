/**
 * The one synthesis WITH esbuild bundling: every route's handler bundles offline into one minified ESM
 * file without source maps, and the bundle loads on Node 22 (the Lambda runtime) and exports `handler`.
 * The regional admin routes run in one function per region, all from the same dispatcher bundle
 * (functions/admin/regional-dispatch.ts), which must load and serve its region's routes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_REGION_ENV,
  concreteRouteKey,
  regionalAdminRoutes,
} from '../../functions/admin/regional-routes.ts';
import { ROUTES } from '../../functions/routes.ts';
import { logicalId, sharedRoutes, synthesize } from './support.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'insats-cdk-out-'));
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  CloudAssembly.cleanupTemporaryDirectories();
});

const DISPATCHER = 'RegionalAdminDispatcher';

describe('bundling the route handlers with esbuild', () => {
  let assetDirs: Map<string, string>;
  let dispatcherKeys: string[];
  // In a hook, not at collection time: a failed bundle then still runs afterAll's cleanup.
  beforeAll(() => {
    const { portal, templates } = synthesize({ bundling: true, cfnValidation: true, outdir });
    const functions = templates.portal.findResources('AWS::Lambda::Function');
    const assetDir = (key: string) => path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
    assetDirs = new Map(
      [...portal.api.functions].map(([name, routeFunction]) => {
        const key: string = functions[logicalId(portal, routeFunction.fn)]!.Properties.Code.S3Key;
        return [name, assetDir(key)];
      }),
    );
    dispatcherKeys = [...templates.regions.values()].map(
      (t) => Object.values(t.findResources('AWS::Lambda::Function'))[0]!.Properties.Code.S3Key as string,
    );
    assetDirs.set(DISPATCHER, assetDir(dispatcherKeys[0]!));
  });
  const assetDirOf = (name: string): string => assetDirs.get(name)!;
  const bundled = [
    ...sharedRoutes(ROUTES).map((r) => [r.name, r.entry] as const),
    [DISPATCHER, 'functions/admin/regional-dispatch.ts'] as const,
  ];

  it.each(bundled)('%s (%s) bundles into one minified ESM file, without source maps', (name) => {
    const dir = assetDirOf(name);
    expect(readdirSync(dir)).toEqual(['index.mjs']);
    const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith('import { createRequire')).toBe(true);
    expect(code).not.toContain('sourceMappingURL');
    // Minified: esbuild keeps its `// <source path>` module markers only in unminified output.
    expect(code).not.toMatch(/^\/\/ (functions|shared|node_modules)\//m);
  });

  it.each(bundled.map(([name]) => [name] as const))(
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

  it('every region runs the same dispatcher bundle, which serves its region routes only', async () => {
    expect(dispatcherKeys.length).toBeGreaterThan(0);
    expect(new Set(dispatcherKeys).size).toBe(1);
    const module = await import(pathToFileURL(path.join(assetDirOf(DISPATCHER), 'index.mjs')).href);
    const previous = process.env[ADMIN_REGION_ENV];
    process.env[ADMIN_REGION_ENV] = 'sodertorn';
    try {
      // The bundled table covers the regional routes (else the first request throws), and a route key of
      // another region is not served: 404 before any handler or store is reached.
      const route = regionalAdminRoutes(ROUTES)[0]!;
      const event = {
        routeKey: concreteRouteKey(route, 'nordost'),
        rawPath: '/',
        requestContext: { http: { method: route.method, path: '/' } },
      };
      const result = await module.handler(event, {});
      expect(result.statusCode).toBe(404);
    } finally {
      if (previous === undefined) delete process.env[ADMIN_REGION_ENV];
      else process.env[ADMIN_REGION_ENV] = previous;
    }
  });
});
