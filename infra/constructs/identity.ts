/**
 * Who may call the admin and county-board routes: a Cognito user pool whose tokens the HTTP API's
 * JWT authorizer checks. Administrators are invited (no self sign-up) and sign in with MFA.
 *
 * Authorisation is by group: the token's `cognito:groups` claim names the regions its holder
 * administers (`region-<id>-admin`) and whether the holder works at a county board (`county-board`).
 * The authorizer only proves the token is genuine; each admin handler checks that the region in the
 * path is among the token's groups.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { RegionConfig } from '../../shared/region.ts';

export const COUNTY_BOARD_GROUP = 'county-board';
export const regionAdminGroup = (regionId: string): string => `region-${regionId}-admin`;

export interface IdentityProps {
  regions: readonly RegionConfig[];
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: 'insats-administrators',
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan;
      // a few hundred administrators make its per-user price negligible next to the risk.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('AdminClient', {
      userPoolClientName: 'insats-admin',
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    for (const region of props.regions) {
      this.userPool.addGroup(`RegionAdmin-${region.id}`, {
        groupName: regionAdminGroup(region.id),
        description: `Administrators of the catalogue of ${region.name}`,
      });
    }
    this.userPool.addGroup('CountyBoard', {
      groupName: COUNTY_BOARD_GROUP,
      description: 'County administrative boards (länsstyrelser): coverage and statistics',
    });
  }
}
