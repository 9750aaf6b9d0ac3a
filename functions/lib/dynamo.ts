/**
 * One DynamoDB document client per process (created at cold start, reused by every invocation).
 * Locally the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB (the embedded engine); in AWS the default.
 * Every call has a deadline: a slow store must not hold a request hostage.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const STORE_REQUEST_TIMEOUT_MS = 3_000;
export const STORE_MAX_ATTEMPTS = 3;

const clients = new Map<string, DynamoDBDocumentClient>();
/** Where each regional store lives when it is not the default endpoint (another region, a test proxy). */
const storeEndpoints = new Map<string, { endpoint?: string; awsRegion?: string }>();

function createClient(endpoint: string | undefined, awsRegion: string | undefined): DynamoDBDocumentClient {
  const base = new DynamoDBClient({
    maxAttempts: STORE_MAX_ATTEMPTS,
    requestHandler: {
      requestTimeout: STORE_REQUEST_TIMEOUT_MS,
      connectionTimeout: 1_000,
      throwOnRequestTimeout: true,
    },
    ...(awsRegion ? { region: awsRegion } : {}),
    ...(endpoint
      ? {
          endpoint,
          region: awsRegion ?? process.env.AWS_REGION ?? 'eu-north-1',
          credentials: {
            accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
            secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
          },
        }
      : {}),
  });
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

/** The client of the default endpoint (the national table, and every store without its own location). */
export function documentClient(): DynamoDBDocumentClient {
  return clientFor(process.env.AWS_ENDPOINT_URL_DYNAMODB, undefined);
}

function clientFor(endpoint: string | undefined, awsRegion: string | undefined): DynamoDBDocumentClient {
  const key = `${endpoint ?? ''}|${awsRegion ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = createClient(endpoint, awsRegion);
    clients.set(key, client);
  }
  return client;
}

/** Record where regional stores live (from the registry), so each store is reached at its own location. */
export function registerStoreLocations(
  stores: readonly { tableName: string; storeEndpoint?: string; storeRegion?: string }[],
): void {
  for (const store of stores) {
    if (store.storeEndpoint || store.storeRegion) {
      storeEndpoints.set(store.tableName, { endpoint: store.storeEndpoint, awsRegion: store.storeRegion });
    } else storeEndpoints.delete(store.tableName);
  }
}

/** The client for a regional store's table. */
export function storeClient(tableName: string): DynamoDBDocumentClient {
  const location = storeEndpoints.get(tableName);
  if (!location) return documentClient();
  return clientFor(location.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB, location.awsRegion);
}

/** For tests and the local server when they point the process at another endpoint. */
export function resetDocumentClient(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
  storeEndpoints.clear();
}

/** True when the error means the store could not be reached or refused to serve (retryable). */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const name = error.name;
  const code = (error as { code?: string }).code;
  return (
    name === 'ProvisionedThroughputExceededException' ||
    name === 'ThrottlingException' ||
    name === 'RequestLimitExceeded' ||
    name === 'InternalServerError' ||
    name === 'ServiceUnavailable' ||
    name === 'ResourceNotFoundException' ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 503
  );
}

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };
export const BATCH_WRITE_MAX = 25;

/** Write everything in batches of 25, retrying unprocessed items with backoff (BatchWrite is not atomic). */
export async function batchWriteAll(
  tableName: string,
  requests: readonly WriteRequest[],
  afterBatch?: (batchIndex: number) => Promise<void> | void,
): Promise<void> {
  let batchIndex = 0;
  for (let i = 0; i < requests.length; i += BATCH_WRITE_MAX) {
    let pending = requests.slice(i, i + BATCH_WRITE_MAX) as WriteRequest[];
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8)
        throw Object.assign(new Error('Batch write kept returning unprocessed items'), {
          name: 'ThrottlingException',
        });
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 20));
      const result = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
    await afterBatch?.(batchIndex++);
  }
}
