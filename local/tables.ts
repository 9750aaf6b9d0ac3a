/**
 * Create the registry table and one store per configured region when they are missing — locally only;
 * in AWS the CDK stack defines the same tables (same key schema: pk / sk strings).
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RegionConfig } from '../shared/region.ts';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  return true;
}

export async function ensureTables(
  endpoint: string,
  registryTable: string,
  regions: readonly RegionConfig[],
): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const created: string[] = [];
  try {
    for (const table of [registryTable, ...regions.map((r) => r.tableName)]) {
      if (await ensureTable(client, table)) created.push(table);
    }
  } finally {
    client.destroy();
  }
  return created;
}
