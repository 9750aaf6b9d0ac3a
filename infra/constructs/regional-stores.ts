/**
 * The stores: one DynamoDB table per configured region (its catalogue versions and live pointer) and
 * the national registry table (region records, statistics, marketplace requests).
 * Every table has the same shape (pk/sk strings) and the same safety settings.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { RegionConfig } from '../../shared/region.ts';

/** The national table; the functions fall back to the same name locally (functions/lib/config.ts). */
export const REGISTRY_TABLE_NAME = 'insats-registry';

export interface RegionalStoresProps {
  regions: readonly RegionConfig[];
}

export interface RegionTable {
  region: RegionConfig;
  table: Table;
}

export class RegionalStores extends Construct {
  readonly regionTables: readonly RegionTable[];
  readonly registryTable: Table;

  constructor(scope: Construct, id: string, props: RegionalStoresProps) {
    super(scope, id);
    this.regionTables = props.regions.map((region) => ({
      region,
      table: storeTable(this, `Region-${region.id}`, region.tableName),
    }));
    this.registryTable = storeTable(this, 'Registry', REGISTRY_TABLE_NAME);
  }

  /** Every table a function may be bound to: the regional stores, then the registry. */
  get allTables(): Table[] {
    return [...this.regionTables.map((t) => t.table), this.registryTable];
  }
}

/**
 * On-demand (traffic follows a few publish days a year and bursty searches), point-in-time recovery
 * (35 days back), deletion protection and RETAIN (a catalogue is the region's work; losing it is
 * never a deploy side effect), and encryption with the AWS-managed key (aws/dynamodb): auditable in
 * CloudTrail without the cost and key-policy burden of a customer-managed key, which would only pay
 * off once a region's store moves to its own account.
 */
function storeTable(scope: Construct, id: string, tableName: string): Table {
  return new Table(scope, id, {
    tableName,
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    encryption: TableEncryption.AWS_MANAGED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
