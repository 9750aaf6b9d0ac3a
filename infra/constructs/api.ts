/**
 * The HTTP API: one Lambda function and one route per entry of ROUTES (iterated, never listed here),
 * except the regional admin routes (`/api/admin/regions/{regionId}/…`): those are served per region,
 * by one function per configured region whose role reaches that region's table only, at concrete
 * routes (`region-admin.ts`; docs/reliability.md, "Tenant isolation in AWS").
 * Admin and county-board routes sit behind a JWT authorizer backed by the Cognito user pool; public
 * routes have none. The `$default` stage is throttled and access-logged without IP address or user
 * agent (privacy rule: nothing stored may identify a newcomer).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { checkRegionalRoutes, isRegionalAdminRoute } from '../../functions/admin/regional-routes.ts';
import type { Route } from '../../functions/routes.ts';
import type { Stores } from './bind-stores.ts';
import { type RegionAdmin, RegionAdminStack } from './region-admin.ts';
import { DEFAULT_TIMEOUT_SECONDS, RouteFunction } from './route-function.ts';

/** Steady-state requests per second for the whole API, and the burst above it. */
export const API_THROTTLE_RATE_PER_SECOND = 200;
export const API_THROTTLE_BURST = 400;
export const API_ACCESS_LOG_RETENTION = RetentionDays.THREE_MONTHS;
/** API Gateway answers 503 after this, however long the function may run (an HTTP API hard limit). */
export const HTTP_API_INTEGRATION_TIMEOUT_SECONDS = 30;
/** HTTP API quotas: routes per API (adjustable on request) and integrations per API (a hard limit). */
export const HTTP_API_ROUTE_QUOTA = 300;
export const HTTP_API_INTEGRATION_QUOTA = 300;

/**
 * The access log line. Deliberately absent: `$context.identity.sourceIp`, `$context.identity.userAgent`,
 * `$context.path` (the concrete path) and anything from the query string (free-text searches).
 * The route key names the endpoint without the values a person asked for.
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export interface ApiProps {
  routes: readonly Route[];
  /** What the shared (not region-scoped) functions are bound to: every region table and the registry. */
  stores: Stores;
  /** Each configured region and its table: one admin function per region. */
  regions: readonly { regionId: string; table: ITable }[];
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The function of every route except the regional admin routes, by route name. */
  readonly functions: ReadonlyMap<string, RouteFunction>;
  /** Each region's admin function and routes, by region id (empty without regional admin routes). */
  readonly regionAdmins: ReadonlyMap<string, RegionAdmin>;
  /** The API's host name, for CloudFront's `/api/*` origin. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'insats-api',
      description: 'Insatsportalen HTTP API (served under /api on the portal distribution)',
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: API_ACCESS_LOG_RETENTION });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: API_THROTTLE_RATE_PER_SECOND, burstLimit: API_THROTTLE_BURST },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // One authorizer for every protected route. Cognito access tokens carry `client_id` (checked
    // against the app client) and `cognito:groups`, which the handlers use to authorise per region.
    // Created here, in the portal stack, so the regions' nested stacks all refer to this one.
    const jwtAuthorizer = new HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: this.httpApi,
      authorizerName: 'cognito-jwt',
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtAudience: [props.userPoolClient.userPoolClientId],
      jwtIssuer: `https://cognito-idp.${Stack.of(props.userPool).region}.amazonaws.com/${props.userPool.userPoolId}`,
    });
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'CognitoJwtRef', {
      authorizerId: jwtAuthorizer.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
    });

    checkRegionalRoutes(props.routes);
    const names = new Set<string>();
    for (const route of props.routes) {
      if (names.has(route.name)) throw new Error(`Route name "${route.name}" appears twice in ROUTES`);
      names.add(route.name);
    }

    const functions = new Map<string, RouteFunction>();
    for (const route of props.routes.filter((r) => !isRegionalAdminRoute(r))) {
      const routeFunction = new RouteFunction(this, route.name, { route, stores: props.stores });
      functions.set(route.name, routeFunction);
      this.warnAboveApiTimeout(routeFunction, route);
      this.addRoute(route, routeFunction, route.access === 'public' ? undefined : authorizer);
    }
    this.functions = functions;

    const regionalRoutes = props.routes.filter(isRegionalAdminRoute);
    const regionAdmins = new Map<string, RegionAdmin>();
    if (regionalRoutes.length > 0) {
      for (const { regionId, table } of props.regions) {
        const stack = new RegionAdminStack(this, `Region-${regionId}`, {
          regionId,
          routes: regionalRoutes,
          regionTable: table,
          registryTable: props.stores.registryTable,
          httpApi: this.httpApi,
          authorizer,
        });
        for (const route of regionalRoutes) this.warnAboveApiTimeout(stack.admin, route);
        regionAdmins.set(regionId, stack.admin);
      }
    }
    this.regionAdmins = regionAdmins;
    this.checkQuotas(
      functions.size + regionAdmins.size,
      functions.size + regionalRoutes.length * regionAdmins.size,
    );

    this.domainName = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }

  private warnAboveApiTimeout(scope: Construct, route: Route): void {
    const timeout = route.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    if (timeout > HTTP_API_INTEGRATION_TIMEOUT_SECONDS) {
      Validations.of(scope).addWarning(
        'insats:RouteTimeoutAboveApiLimit',
        `Route ${route.name} has timeoutSeconds ${timeout}, but the HTTP API gives up after ` +
          `${HTTP_API_INTEGRATION_TIMEOUT_SECONDS} s and answers 503 while the function keeps running. ` +
          'Make the work fit in 30 s or move it off the request path.',
      );
    }
  }

  /**
   * Integrations per API is a hard limit (one per shared function, one per region): refuse to build
   * an API that cannot deploy. Routes per API can be raised on request: warn, with the figure to ask for.
   */
  private checkQuotas(integrations: number, routes: number): void {
    if (integrations > HTTP_API_INTEGRATION_QUOTA) {
      throw new Error(
        `The HTTP API would need ${integrations} integrations; API Gateway allows ${HTTP_API_INTEGRATION_QUOTA} per API.`,
      );
    }
    if (routes > HTTP_API_ROUTE_QUOTA) {
      Validations.of(this).addWarning(
        'insats:HttpApiRouteQuota',
        `The HTTP API has ${routes} routes; the default quota is ${HTTP_API_ROUTE_QUOTA} per API. Ask AWS ` +
          `for "Routes per API" (L-65B5C802) of at least ${routes} on this API before deploying.`,
      );
    }
  }

  private addRoute(route: Route, routeFunction: RouteFunction, authorizer?: IHttpRouteAuthorizer): void {
    const httpRoute = new HttpRoute(routeFunction, 'Route', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${route.name}Integration`, routeFunction.fn),
      authorizer,
    });
    if (!authorizer) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'A public read-only route: newcomers and the people helping them search without logging in ' +
          '(the brief); abuse is limited by stage throttling and the WAF rate rule on the distribution.',
      });
    }
  }
}
