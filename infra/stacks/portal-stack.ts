/**
 * The portal: one Lambda function and one HTTP API route per entry of ROUTES (the regional admin
 * routes: one function per region, in a nested stack each), the site on CloudFront with `/api/*`
 * routed to the API, and the alarms.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { Route } from '../../functions/routes.ts';
import { Alarms } from '../constructs/alarms.ts';
import { Api } from '../constructs/api.ts';
import { Reminders } from '../constructs/reminders.ts';
import { Site, type SiteDomain } from '../constructs/site.ts';

/** The route whose duration p99 is alarmed on, when ROUTES has it. */
export const SEARCH_ROUTE_NAME = 'Search';

export interface PortalStackProps extends StackProps {
  routes: readonly Route[];
  regionTables: readonly { regionId: string; table: ITable }[];
  registryTable: ITable;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  siteDistPath?: string;
  webAclArn?: string;
  domain?: SiteDomain;
  alarmEmail?: string;
}

export class PortalStack extends Stack {
  readonly api: Api;
  readonly site: Site;
  readonly alarms: Alarms;
  readonly reminders: Reminders;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const stores = {
      regionTables: props.regionTables.map((t) => t.table),
      registryTable: props.registryTable,
    };
    this.api = new Api(this, 'Api', {
      routes: props.routes,
      stores,
      regions: props.regionTables,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
    });
    this.site = new Site(this, 'Site', {
      apiDomainName: this.api.domainName,
      siteDistPath: props.siteDistPath,
      webAclArn: props.webAclArn,
      domain: props.domain,
    });
    // Daily review reminders through SES (the sender is the stack parameter ReminderSender).
    this.reminders = new Reminders(this, 'Reminders', {
      stores,
      portalUrl: `https://${props.domain?.domainName ?? this.site.distribution.distributionDomainName}`,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      httpApi: this.api.httpApi,
      searchFunction: this.api.functions.get(SEARCH_ROUTE_NAME)?.fn,
      tables: [
        ...props.regionTables.map((t) => ({ id: t.regionId, table: t.table })),
        { id: 'registry', table: props.registryTable },
      ],
      functions: [
        ...[...this.api.functions].map(([name, routeFunction]) => ({ id: name, fn: routeFunction.fn })),
        ...[...this.api.regionAdmins].map(([regionId, admin]) => ({
          id: `RegionAdmin-${regionId}`,
          fn: admin.fn,
        })),
        { id: 'Reminders', fn: this.reminders.fn },
      ],
      alarmEmail: props.alarmEmail,
    });
  }
}
