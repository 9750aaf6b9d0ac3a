/**
 * One Lambda function for one entry of ROUTES: bundled with esbuild (no Docker), Node 22 on arm64,
 * its own role (no managed policies), its own log group with a retention, and its stores bound here.
 */
import path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route } from '../../functions/routes.ts';
import { REPOSITORY_ROOT } from '../region-registry.ts';
import { bindStores, type Stores } from './bind-stores.ts';

export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const FUNCTION_LOG_RETENTION = RetentionDays.THREE_MONTHS;
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/**
 * ESM output needs `require` for the few CommonJS dependencies that call it (Node built-ins inside
 * bundled packages); the banner provides one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __insatsCreateRequire } from 'node:module'; const require = __insatsCreateRequire(import.meta.url);";

export interface PortalFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** What the function serves, for the function's and its role's descriptions. */
  description: string;
}

/**
 * A bundled Node 22 function with its own role (which may write to its own log group only, no managed
 * policies) and its own log group: what every function serving the API is made of. The caller grants
 * the stores.
 */
export function createPortalFunction(
  scope: Construct,
  props: PortalFunctionProps,
): { fn: NodejsFunction; logGroup: LogGroup } {
  const logGroup = new LogGroup(scope, 'Logs', { retention: FUNCTION_LOG_RETENTION });
  // An explicit role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
  const role = new Role(scope, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: props.description.slice(0, 1000),
  });
  logGroup.grantWrite(role);

  const fn = new NodejsFunction(scope, 'Function', {
    entry: path.join(REPOSITORY_ROOT, props.entry),
    handler: 'handler',
    projectRoot: REPOSITORY_ROOT,
    depsLockFilePath: path.join(REPOSITORY_ROOT, 'package-lock.json'),
    runtime: FUNCTION_RUNTIME,
    architecture: Architecture.ARM_64,
    memorySize: props.memoryMb,
    timeout: Duration.seconds(props.timeoutSeconds),
    description: props.description.slice(0, 256),
    role,
    logGroup,
    environment: { INSATS_STAGE: 'production' },
    bundling: {
      format: OutputFormat.ESM,
      target: 'node22',
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      minify: true,
      sourceMap: false,
      // The AWS SDK is bundled, not taken from the runtime: the deployed functions then run the exact
      // SDK version the tests ran against, and one tree-shaken, minified file loads faster at cold start
      // than the runtime's full SDK spread over many files.
      bundleAwsSDK: true,
      externalModules: [],
    },
  });
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node 22 on purpose: the project pins its whole toolchain to Node 22 (node@22, esbuild target ' +
      'node22, the tests), so Lambda runs what was tested; nodejs22.x is supported until 2027. Moving ' +
      'to a newer runtime moves the project Node version with it.',
  });
  return { fn, logGroup };
}

export interface RouteFunctionProps {
  route: Route;
  stores: Stores;
}

export class RouteFunction extends Construct {
  readonly route: Route;
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    super(scope, id);
    const { route } = props;
    this.route = route;
    const { fn, logGroup } = createPortalFunction(this, {
      entry: route.entry,
      memoryMb: route.memoryMb ?? DEFAULT_MEMORY_MB,
      timeoutSeconds: route.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      description: `${route.method} ${route.path} (${route.access})`,
    });
    this.fn = fn;
    this.logGroup = logGroup;
    // Grant and environment together (see bind-stores.ts).
    bindStores(this.fn, route.stores, props.stores);
  }
}
