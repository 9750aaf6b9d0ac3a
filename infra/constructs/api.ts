/**
 * The HTTP API: one Lambda function and one route per entry of ROUTES (iterated, never listed here).
 * Admin and county-board routes sit behind a JWT authorizer backed by the Cognito user pool; public
 * routes have none. The `$default` stage is throttled and access-logged without IP address or user
 * agent (privacy rule: nothing stored may identify a newcomer).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route } from '../../functions/routes.ts';
import type { Stores } from './bind-stores.ts';
import { DEFAULT_TIMEOUT_SECONDS, RouteFunction } from './route-function.ts';

/** Steady-state requests per second for the whole API, and the burst above it. */
export const API_THROTTLE_RATE_PER_SECOND = 200;
export const API_THROTTLE_BURST = 400;
export const API_ACCESS_LOG_RETENTION = RetentionDays.THREE_MONTHS;
/** API Gateway answers 503 after this, however long the function may run (an HTTP API hard limit). */
export const HTTP_API_INTEGRATION_TIMEOUT_SECONDS = 30;

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
  stores: Stores;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
}

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: ReadonlyMap<string, RouteFunction>;
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
    const authorizer = new HttpUserPoolAuthorizer('CognitoJwt', props.userPool, {
      authorizerName: 'cognito-jwt',
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });

    const functions = new Map<string, RouteFunction>();
    for (const route of props.routes) {
      if (functions.has(route.name)) throw new Error(`Route name "${route.name}" appears twice in ROUTES`);
      const routeFunction = new RouteFunction(this, route.name, { route, stores: props.stores });
      functions.set(route.name, routeFunction);
      const timeout = route.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
      if (timeout > HTTP_API_INTEGRATION_TIMEOUT_SECONDS) {
        Validations.of(routeFunction).addWarning(
          'insats:RouteTimeoutAboveApiLimit',
          `Route ${route.name} has timeoutSeconds ${timeout}, but the HTTP API gives up after ` +
            `${HTTP_API_INTEGRATION_TIMEOUT_SECONDS} s and answers 503 while the function keeps running. ` +
            'Make the work fit in 30 s or move it off the request path.',
        );
      }
      this.addRoute(route, routeFunction, route.access === 'public' ? undefined : authorizer);
    }
    this.functions = functions;
    this.domainName = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
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
