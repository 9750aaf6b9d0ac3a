/**
 * The whole deployment as a function of its inputs, so that `infra/app.ts` and the tests build the
 * very same stacks: the stateful stack (stores, user pool), the portal stack (functions, API, site,
 * alarms) and the us-east-1 stack holding the CloudFront WAF web ACL.
 */
import path from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ROUTES, type Route } from '../functions/routes.ts';
import type { RegionConfig } from '../shared/region.ts';
import type { SiteDomain } from './constructs/site.ts';
import { loadRegionRegistry, REPOSITORY_ROOT } from './region-registry.ts';
import { EdgeWafStack, WAF_REGION } from './stacks/edge-waf-stack.ts';
import { PortalStack } from './stacks/portal-stack.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';

/** Stockholm: the data of a Swedish public portal stays in Sweden. */
export const DEFAULT_AWS_REGION = 'eu-north-1';
export const SITE_DIST_PATH = path.join(REPOSITORY_ROOT, 'site', 'dist');

export interface InsatsAppOptions {
  regions?: readonly RegionConfig[];
  routes?: readonly Route[];
  /** The built site; deployed only when the folder exists. */
  siteDistPath?: string;
  awsRegion?: string;
  account?: string;
  /** The portal's own domain and its us-east-1 ACM certificate; default: the *.cloudfront.net name. */
  domain?: SiteDomain;
  alarmEmail?: string;
}

export interface InsatsStacks {
  stateful: StatefulStack;
  portal: PortalStack;
  edgeWaf: EdgeWafStack;
}

export function createInsatsStacks(app: App, options: InsatsAppOptions = {}): InsatsStacks {
  const regions = options.regions ?? loadRegionRegistry();
  const region = options.awsRegion ?? DEFAULT_AWS_REGION;
  const account = options.account;

  const edgeWaf = new EdgeWafStack(app, 'InsatsEdgeWaf', {
    env: { account, region: WAF_REGION },
    crossRegionReferences: true,
    description: 'Insatsportalen: WAF web ACL for the CloudFront distribution (us-east-1)',
  });
  const stateful = new StatefulStack(app, 'InsatsStateful', {
    env: { account, region },
    regions,
    description: 'Insatsportalen: regional stores, registry table, administrators user pool',
    terminationProtection: true,
  });
  const portal = new PortalStack(app, 'InsatsPortal', {
    env: { account, region },
    crossRegionReferences: true,
    description: 'Insatsportalen: functions, HTTP API, site on CloudFront, alarms',
    routes: options.routes ?? ROUTES,
    regionTables: stateful.stores.regionTables.map((t) => ({ regionId: t.region.id, table: t.table })),
    registryTable: stateful.stores.registryTable,
    userPool: stateful.identity.userPool,
    userPoolClient: stateful.identity.client,
    siteDistPath: options.siteDistPath ?? SITE_DIST_PATH,
    webAclArn: edgeWaf.webAcl.attrArn,
    domain: options.domain,
    alarmEmail: options.alarmEmail,
  });
  return { stateful, portal, edgeWaf };
}

/** cdk-nag 3: a policy validation plugin run at synthesis; violations stop `cdk synth`. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
