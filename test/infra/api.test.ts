import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import {
  ACCESS_LOG_FIELDS,
  API_THROTTLE_BURST,
  API_THROTTLE_RATE_PER_SECOND,
  HTTP_API_INTEGRATION_TIMEOUT_SECONDS,
} from '../../infra/constructs/api.ts';
import {
  FIXTURE_ENTRY,
  httpRoutesByKey,
  logicalId,
  routeKeysOf,
  sharedRoutes,
  synthesize,
  TEST_ROUTES,
} from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const synthesized = synthesize({ routes: TEST_ROUTES });
const { portal, stateful, templates } = synthesized;
const template = templates.portal;
const regionIds = [...portal.api.regionAdmins.keys()];
const routeResources = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
/** Every route, the portal stack's and the regions' nested stacks' (tenant-isolation.test.ts checks those). */
const routeByKey = httpRoutesByKey(synthesized);
const authorizerId = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0];

describe('the HTTP API routes follow ROUTES', () => {
  it('has one route per entry (a regional admin route: one per region), with the method and path as given', () => {
    expect(regionIds.length).toBeGreaterThan(0);
    expect(routeResources).toHaveLength(sharedRoutes(TEST_ROUTES).length);
    const expected = TEST_ROUTES.flatMap((r) => routeKeysOf(r, regionIds));
    expect([...routeByKey.keys()].sort()).toEqual(expected.sort());
    for (const route of ROUTES) {
      for (const key of routeKeysOf(route, regionIds)) expect(routeByKey.has(key), key).toBe(true);
    }
  });

  it('integrates each shared route with its own function', () => {
    for (const route of sharedRoutes(TEST_ROUTES)) {
      const fnId = logicalId(portal, portal.api.functions.get(route.name)!.fn);
      const target = routeByKey.get(`${route.method} ${route.path}`)!.Target['Fn::Join'][1][1].Ref;
      const integration = template.findResources('AWS::ApiGatewayV2::Integration')[target]!;
      expect(integration.Properties.IntegrationUri, route.name).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
      expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });

  it('protects admin and county-board routes with the JWT authorizer, and public routes with none', () => {
    expect(TEST_ROUTES.some((r) => r.access === 'admin')).toBe(true);
    expect(TEST_ROUTES.some((r) => r.access === 'county-board')).toBe(true);
    // The regional admin routes: tenant-isolation.test.ts (the authorizer reaches them as a parameter).
    for (const route of sharedRoutes(TEST_ROUTES)) {
      const props = routeByKey.get(`${route.method} ${route.path}`)!;
      if (route.access === 'public') {
        expect(props.AuthorizationType, route.name).toBe('NONE');
        expect(props.AuthorizerId, route.name).toBeUndefined();
      } else {
        expect(props.AuthorizationType, route.name).toBe('JWT');
        expect(props.AuthorizerId, route.name).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('the JWT authorizer trusts only the administrators user pool and its app client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [portal.resolve(stateful.identity.client.userPoolClientId)],
        Issuer: Match.anyValue(),
      },
    });
    const issuer = JSON.stringify(Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0]);
    expect(issuer).toContain('https://cognito-idp.eu-north-1.amazonaws.com/');
  });

  it('warns when a route may run longer than the HTTP API waits', () => {
    // Prepare
    const slow = {
      ...TEST_ROUTES[0]!,
      name: 'Slow',
      path: '/api/slow',
      entry: FIXTURE_ENTRY,
      timeoutSeconds: 90,
    };
    // Act
    const { portal: slowPortal } = synthesize({ routes: [slow] });
    // Assess
    Annotations.fromStack(slowPortal).hasWarning(
      '/InsatsPortal/Api/Slow',
      Match.stringLikeRegexp(`gives up after ${HTTP_API_INTEGRATION_TIMEOUT_SECONDS} s`),
    );
  });
});

describe('the $default stage', () => {
  const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;

  it('is throttled', () => {
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: API_THROTTLE_RATE_PER_SECOND,
      ThrottlingBurstLimit: API_THROTTLE_BURST,
    });
  });

  it('logs access as JSON without IP address, user agent, concrete path or query string', () => {
    const format = stage.AccessLogSettings.Format as string;
    expect(JSON.parse(format)).toEqual(ACCESS_LOG_FIELDS);
    expect(format).toContain('$context.requestId');
    for (const forbidden of ['sourceIp', 'userAgent', '$context.path', 'querystring', 'identity.']) {
      expect(format.toLowerCase()).not.toContain(forbidden.toLowerCase());
    }
  });

  it('keeps the access log for three months', () => {
    const destination = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(template.findResources('AWS::Logs::LogGroup')[destination]?.Properties.RetentionInDays).toBe(90);
  });
});
