/**
 * One region's admin function (docs/reliability.md, "Tenant isolation in AWS"): a single function
 * serving every admin route under `/api/admin/regions/{regionId}/` for that region only, at concrete
 * HTTP API routes (`POST /api/admin/regions/sodertorn/catalogue`, …) behind the JWT authorizer. Its
 * role names that region's table and the national table, nothing else: the per-region scoped
 * credentials of the admin routes are the Lambda's own role, one role per region. On the national table
 * it reads, and may UpdateItem the exchange's request records and counters only (the decisions on
 * requests, `dynamodb:LeadingKeys`: NATIONAL_WRITES in bind-stores.ts).
 *
 * Each region's function lives in its own nested stack, so the portal stack grows by one resource per
 * region (CloudFormation allows 500 per stack), and shares one integration and one invoke permission
 * across its routes (an HTTP API allows 300 integrations, a hard limit).
 */
import { NestedStack, Stack } from 'aws-cdk-lib';
import {
  HttpIntegrationType,
  HttpMethod,
  HttpRoute,
  HttpRouteIntegration,
  type HttpRouteIntegrationBindOptions,
  type HttpRouteIntegrationConfig,
  HttpRouteKey,
  type IHttpApi,
  type IHttpRouteAuthorizer,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  ADMIN_REGION_ENV,
  concretePath,
  isRegionalAdminRoute,
  REGIONAL_ADMIN_PREFIX,
} from '../../functions/admin/regional-routes.ts';
import type { Route } from '../../functions/routes.ts';
import { bindRegionStores, nationalOf, type RegionStoreNeeds } from './bind-stores.ts';
import { createPortalFunction, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from './route-function.ts';

/** The handler module of every region's admin function. */
export const REGIONAL_DISPATCH_ENTRY = 'functions/admin/regional-dispatch.ts';

/** The path prefix a region's function is invoked for: `/api/admin/regions/sodertorn/`. */
export const regionAdminPathPrefix = (regionId: string): string =>
  REGIONAL_ADMIN_PREFIX.replace('{regionId}', regionId);

/** The grants a region's function needs: the widest access among the routes it serves. */
export function regionStoreNeeds(routes: readonly Route[]): RegionStoreNeeds {
  return {
    access: routes.some((r) => r.stores === 'write') ? 'write' : 'read',
    national: [...new Set(routes.flatMap(nationalOf))],
  };
}

/**
 * A Lambda proxy integration (payload 2.0) that adds no invoke permission of its own: the region's
 * function grants one permission for its whole path prefix instead of one per route.
 */
class DispatchIntegration extends HttpRouteIntegration {
  private readonly handler: IFunction;

  constructor(id: string, handler: IFunction) {
    super(id);
    this.handler = handler;
  }

  bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return {
      type: HttpIntegrationType.AWS_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    };
  }
}

export interface RegionAdminProps {
  regionId: string;
  /** The regional admin routes of ROUTES (paths with `{regionId}`). */
  routes: readonly Route[];
  regionTable: ITable;
  registryTable: ITable;
  httpApi: IHttpApi;
  authorizer: IHttpRouteAuthorizer;
}

export class RegionAdmin extends Construct {
  readonly regionId: string;
  readonly routes: readonly Route[];
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  /** The HTTP API routes by route name. */
  readonly httpRoutes: ReadonlyMap<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: RegionAdminProps) {
    super(scope, id);
    const { regionId, routes } = props;
    if (routes.length === 0) throw new Error(`Region ${regionId}: no regional admin routes to serve`);
    for (const route of routes) {
      if (!isRegionalAdminRoute(route)) {
        throw new Error(`Route ${route.name} is not a regional admin route (${REGIONAL_ADMIN_PREFIX}…)`);
      }
    }
    this.regionId = regionId;
    this.routes = routes;

    const { fn, logGroup } = createPortalFunction(this, {
      entry: REGIONAL_DISPATCH_ENTRY,
      memoryMb: Math.max(...routes.map((r) => r.memoryMb ?? DEFAULT_MEMORY_MB)),
      timeoutSeconds: Math.max(...routes.map((r) => r.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS)),
      description: `Admin routes of region ${regionId}: ${routes.map((r) => r.name).join(', ')}`,
    });
    this.fn = fn;
    this.logGroup = logGroup;
    fn.addEnvironment(ADMIN_REGION_ENV, regionId);
    bindRegionStores(fn, props.regionTable, props.registryTable, regionStoreNeeds(routes));

    // API Gateway may invoke it for this region's admin paths only.
    fn.addPermission('ApiInvoke', {
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: Stack.of(this).formatArn({
        service: 'execute-api',
        resource: props.httpApi.apiId,
        resourceName: `*/*${regionAdminPathPrefix(regionId)}*`,
      }),
    });

    const integration = new DispatchIntegration('Integration', fn);
    const httpRoutes = new Map<string, HttpRoute>();
    for (const route of routes) {
      httpRoutes.set(
        route.name,
        new HttpRoute(this, route.name, {
          httpApi: props.httpApi,
          routeKey: HttpRouteKey.with(concretePath(route, regionId), HttpMethod[route.method]),
          integration,
          authorizer: props.authorizer,
        }),
      );
    }
    this.httpRoutes = httpRoutes;
  }
}

/** A region's admin function in a nested stack of its own (see the module comment). */
export class RegionAdminStack extends NestedStack {
  readonly admin: RegionAdmin;

  constructor(scope: Construct, id: string, props: RegionAdminProps) {
    super(scope, id, {
      description: `Insatsportalen: the admin function and routes of region ${props.regionId}`,
    });
    this.admin = new RegionAdmin(this, 'Admin', props);
  }
}
