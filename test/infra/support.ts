/**
 * Shared by the infrastructure tests: build the stacks exactly as `infra/app.ts` does (same feature
 * flags), but without esbuild bundling unless asked, and with fixture routes standing in for the
 * kinds of routes ROUTES does not have yet (search, a county-board route). The regional admin routes
 * (`/api/admin/regions/{regionId}/…`) live in one nested stack per region: `templates.regions`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { concreteRouteKey, isRegionalAdminRoute } from '../../functions/admin/regional-routes.ts';
import { ROUTES, type Route } from '../../functions/routes.ts';
import { FEATURE_FLAGS } from '../../infra/feature-flags.ts';
import { createInsatsStacks, type InsatsAppOptions, type InsatsStacks } from '../../infra/insats-app.ts';

export const FIXTURE_ENTRY = 'test/infra/fixtures/handler.ts';

const FIXTURE_ROUTES: readonly Route[] = [
  {
    name: 'Search',
    method: 'GET',
    path: '/api/search',
    entry: FIXTURE_ENTRY,
    access: 'public',
    stores: 'read',
    memoryMb: 2048,
  },
  {
    name: 'TestCountyBoard',
    method: 'GET',
    path: '/api/test-county-board/coverage',
    entry: FIXTURE_ENTRY,
    access: 'county-board',
    stores: 'read',
    timeoutSeconds: 20,
  },
];

/** ROUTES plus every fixture route whose name and route key ROUTES does not already use. */
export const TEST_ROUTES: readonly Route[] = [
  ...ROUTES,
  ...FIXTURE_ROUTES.filter(
    (f) => !ROUTES.some((r) => r.name === f.name || (r.method === f.method && r.path === f.path)),
  ),
];

/** The routes that get a function of their own in the portal stack (all but the regional admin routes). */
export const sharedRoutes = (routes: readonly Route[]): Route[] =>
  routes.filter((r) => !isRegionalAdminRoute(r));

export interface Synthesized extends InsatsStacks {
  app: App;
  portal: InsatsStacks['portal'];
  templates: {
    stateful: Template;
    portal: Template;
    edgeWaf: Template;
    /** Each region's nested stack (its admin function and routes), by region id. */
    regions: ReadonlyMap<string, Template>;
  };
}

export interface SynthesizeOptions extends InsatsAppOptions {
  /** Run esbuild (slow; one test does). */
  bundling?: boolean;
  /** Run CDK's built-in CloudFormation schema validation (seconds per process; the synth tests do). */
  cfnValidation?: boolean;
  outdir?: string;
}

export function synthesize(options: SynthesizeOptions = {}): Synthesized {
  const { bundling = false, cfnValidation = false, outdir, ...appOptions } = options;
  const context: Record<string, unknown> = { ...FEATURE_FLAGS };
  if (!bundling) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({
    context,
    outdir,
    builtinCloudFormationValidation: cfnValidation,
    stackTraces: false,
  });
  const stacks = createInsatsStacks(app, {
    siteDistPath: path.join(tmpdir(), 'insats-no-site-dist'),
    ...appOptions,
  });
  return {
    app,
    ...stacks,
    templates: {
      stateful: Template.fromStack(stacks.stateful),
      portal: Template.fromStack(stacks.portal),
      edgeWaf: Template.fromStack(stacks.edgeWaf),
      regions: new Map(
        [...stacks.portal.api.regionAdmins].map(([regionId, admin]) => [
          regionId,
          Template.fromStack(Stack.of(admin)),
        ]),
      ),
    },
  };
}

/** Properties of an AWS::ApiGatewayV2::Route, as far as the tests read them. */
export interface RouteProperties {
  RouteKey: string;
  AuthorizationType?: string;
  AuthorizerId?: unknown;
  /** `integrations/<id>`: `{ 'Fn::Join': ['', ['integrations/', { Ref: <integration> }]] }`. */
  Target: { 'Fn::Join': [string, [string, { Ref: string }]] };
}

/** Every HTTP API route of the portal, its own and its regions' nested stacks', by route key. */
export function httpRoutesByKey(synthesized: Synthesized): Map<string, RouteProperties> {
  const templates = [synthesized.templates.portal, ...synthesized.templates.regions.values()];
  return new Map(
    templates.flatMap((t) =>
      Object.values(t.findResources('AWS::ApiGatewayV2::Route')).map(
        (r) => [r.Properties.RouteKey as string, r.Properties as RouteProperties] as const,
      ),
    ),
  );
}

/** The route keys a route of ROUTES gets in AWS: its own, or one concrete key per region. */
export function routeKeysOf(route: Route, regionIds: readonly string[]): string[] {
  return isRegionalAdminRoute(route)
    ? regionIds.map((id) => concreteRouteKey(route, id))
    : [`${route.method} ${route.path}`];
}

export const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnResource);

/** A throwaway built site (two pages) for the deployment branch; remove it with the returned function. */
export function fakeSiteDist(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'insats-site-dist-'));
  mkdirSync(path.join(dir, 'en'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="sv"><title>Insatsportalen</title></html>',
  );
  writeFileSync(
    path.join(dir, 'en', 'index.html'),
    '<!doctype html><html lang="en"><title>Insatsportalen</title></html>',
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
