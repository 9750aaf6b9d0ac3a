import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import { COUNTY_BOARD_GROUP, regionAdminGroup } from '../../infra/constructs/identity.ts';
import { REGISTRY_TABLE_NAME } from '../../infra/constructs/regional-stores.ts';
import { loadRegionRegistry, RegionRegistryError } from '../../infra/region-registry.ts';
import { synthesize } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const regions = loadRegionRegistry();
const { templates } = synthesize();
const stateful = templates.stateful;

describe('the stores: one table per configured region, plus the registry', () => {
  it('creates exactly one table per region in config/regions.json, and the registry table', () => {
    // Prepare
    const expected = [...regions.map((r) => r.tableName), REGISTRY_TABLE_NAME].sort();
    // Act
    const tables = Object.values(stateful.findResources('AWS::DynamoDB::Table'));
    // Assess
    expect(tables.map((t) => t.Properties.TableName).sort()).toEqual(expected);
  });

  it.each([...regions.map((r) => r.tableName), REGISTRY_TABLE_NAME])(
    '%s has pk/sk string keys, on-demand billing, PITR, deletion protection and AWS-managed KMS encryption',
    (tableName) => {
      stateful.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          TableName: tableName,
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: Match.arrayEquals([
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ]),
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          // SSEEnabled without a key = KMS with the AWS-managed key aws/dynamodb.
          SSESpecification: { SSEEnabled: true },
        },
      });
    },
  );

  it('adds a region by configuration: a registry with one more region gets one more table', () => {
    // Prepare
    const extra = { ...regions[0]!, id: 'testregion', name: 'Test', tableName: 'insats-region-testregion' };
    // Act
    const { templates: more } = synthesize({ regions: [...regions, extra] });
    // Assess
    more.stateful.resourceCountIs('AWS::DynamoDB::Table', regions.length + 2);
    more.stateful.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'insats-region-testregion' });
    more.stateful.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'region-testregion-admin',
    });
  });
});

describe('the region registry file is validated before anything is built', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'insats-registry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('accepts the repository registry', () => {
    expect(regions.length).toBeGreaterThan(0);
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const file = write('broken.json', '{ "regions": [');
    expect(() => loadRegionRegistry(file)).toThrow(RegionRegistryError);
    expect(() => loadRegionRegistry(file)).toThrow(file);
  });

  it('refuses a region that breaks the schema (a table name with a space)', () => {
    const file = write('bad-table.json', { regions: [{ ...regions[0]!, tableName: 'bad name' }] });
    expect(() => loadRegionRegistry(file)).toThrow(/tableName/);
  });

  it('refuses two regions sharing a table', () => {
    const file = write('shared-table.json', { regions: [regions[0]!, { ...regions[0]!, id: 'another' }] });
    expect(() => loadRegionRegistry(file)).toThrow(/tableName .* appears twice/);
  });
});

describe('the administrators user pool', () => {
  it('has a group per region named region-<id>-admin and a county-board group', () => {
    const groups = Object.values(stateful.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...regions.map((r) => regionAdminGroup(r.id)), COUNTY_BOARD_GROUP].sort());
  });

  it('invites administrators only, requires MFA and a strong password, and is kept on stack deletion', () => {
    stateful.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        DeletionProtection: 'ACTIVE',
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
      }),
    });
  });

  it('has one public app client (no secret) for SRP sign-in', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});
