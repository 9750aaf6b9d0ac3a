/**
 * What holds data and must outlive any redeploy of the rest: the regional stores, the registry table
 * and the administrators' user pool. Kept apart from the portal stack so that replacing functions,
 * the API or the CDN can never touch a table or a user.
 */
import { Stack, type StackProps, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RegionConfig } from '../../shared/region.ts';
import { Identity } from '../constructs/identity.ts';
import { RegionalStores } from '../constructs/regional-stores.ts';

export interface StatefulStackProps extends StackProps {
  regions: readonly RegionConfig[];
}

export class StatefulStack extends Stack {
  readonly stores: RegionalStores;
  readonly identity: Identity;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    for (const region of props.regions) {
      if (region.storeRegion && !Token.isUnresolved(this.region) && region.storeRegion !== this.region) {
        throw new Error(
          `Region "${region.id}" wants its store in ${region.storeRegion}, but this stack deploys to ${this.region}; ` +
            'stores in another AWS region or account are not supported by the stack yet.',
        );
      }
    }
    this.stores = new RegionalStores(this, 'Stores', { regions: props.regions });
    this.identity = new Identity(this, 'Identity', { regions: props.regions });
  }
}
