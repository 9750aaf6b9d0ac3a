/**
 * Code and grant cannot drift apart: the real writers run — through the local portal's very handlers,
 * against the embedded DynamoDB behind a recording proxy — and every DynamoDB request they make on the
 * national table, and every write anywhere, is judged against the IAM statements the synthesized template
 * gives the function that serves it in AWS (test/infra/iam.ts evaluates `ForAllValues:StringLike` on
 * `dynamodb:LeadingKeys` as IAM does). A writer that starts writing another partition, or with another
 * action (a TransactWriteItems needing ConditionCheckItem, a Scan), fails here until its grant says so.
 * Each flow also checks what it wrote, so an empty recording cannot pass.
 */
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../functions/auth/dev-token.ts';
import { resetDocumentClient } from '../../functions/lib/dynamo.ts';
import { clearRegistryCache } from '../../functions/registry/store.ts';
import type { Mailer } from '../../functions/review/mail.ts';
import { runReminders } from '../../functions/review/reminders.ts';
import { ROUTES } from '../../functions/routes.ts';
import { swedishDay } from '../../functions/statistics/demand-key.ts';
import { flushDemand } from '../../functions/statistics/demand-recorder.ts';
import { REGISTRY_TABLE_NAME } from '../../infra/constructs/regional-stores.ts';
import { loadRegionRegistry } from '../../infra/region-registry.ts';
import { pointSdkAt } from '../../local/embedded-dynamo.ts';
import { type Portal, REGISTRY_TABLE, startPortal } from '../../local/server.ts';
import { utcDay } from '../../shared/review.ts';
import { apiAs, inDays } from '../exchange/helpers.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { allows, type DynamoRequest, type Statement, statementsOfFunction } from './iam.ts';
import { synthesize } from './support.ts';

afterAll(() => CloudAssembly.cleanupTemporaryDirectories());

const regions = loadRegionRegistry();
const synthesized = synthesize({ routes: ROUTES });
const { portal: stack } = synthesized;

/** The statements of the function that serves a shared route, a region's admin routes, or the reminders. */
const shared = (name: string): Statement[] =>
  statementsOfFunction(synthesized, stack.api.functions.get(name)!.fn);
const regionAdmin = (regionId: string): Statement[] =>
  statementsOfFunction(synthesized, stack.api.regionAdmins.get(regionId)!.fn);
const reminders = (): Statement[] => statementsOfFunction(synthesized, stack.reminders.fn);

// ── What the recording proxy (test/support/fault-proxy.ts) saw ──────────────────────────────────────

interface Call {
  /** The API action, from `X-Amz-Target: DynamoDB_20120810.<Action>`. */
  operation: string;
  // biome-ignore lint/suspicious/noExplicitAny: the DynamoDB JSON wire format, read field by field below
  body: any;
}

// biome-ignore lint/suspicious/noExplicitAny: DynamoDB JSON
const pkOf = (item: any): string => item?.pk?.S;

/** A recorded call as IAM authorises it: one request per action, table and set of partition keys. */
function requestsOf(call: Call): DynamoRequest[] {
  const { operation, body } = call;
  switch (operation) {
    case 'PutItem':
      return [{ action: operation, table: body.TableName, keys: [pkOf(body.Item)] }];
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ action: operation, table: body.TableName, keys: [pkOf(body.Key)] }];
    case 'Query': {
      const name = /^\s*(\S+)\s*=\s*(:\w+)/.exec(body.KeyConditionExpression ?? '');
      const value = name ? body.ExpressionAttributeValues?.[name[2]!]?.S : undefined;
      return [{ action: operation, table: body.TableName, keys: value ? [value] : [] }];
    }
    case 'BatchWriteItem':
      return Object.entries(
        body.RequestItems as Record<
          string,
          { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]
        >,
      ).map(([table, items]) => ({
        action: operation,
        table,
        keys: items.map((i) => pkOf(i.PutRequest?.Item ?? i.DeleteRequest?.Key)),
      }));
    case 'BatchGetItem':
      return Object.entries(body.RequestItems as Record<string, { Keys: unknown[] }>).map(
        ([table, { Keys }]) => ({
          action: operation,
          table,
          keys: Keys.map(pkOf),
        }),
      );
    case 'TransactWriteItems':
      // Authorised per contained action: a ConditionCheck needs dynamodb:ConditionCheckItem.
      return (
        body.TransactItems as Record<string, { TableName: string; Item?: unknown; Key?: unknown }>[]
      ).map((item) => {
        const [kind, action] = Object.entries(item)[0]!;
        return {
          action: kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`,
          table: action.TableName,
          keys: [pkOf(action.Item ?? action.Key)],
        };
      });
    default:
      // Scan, PartiQL, table management: judged as they are (no function is granted any of them).
      return [{ action: operation, table: body.TableName ?? '(none)', keys: [] }];
  }
}

const READS = new Set(['GetItem', 'Query', 'BatchGetItem']);
/** What is judged: every request on the national table, and every write anywhere. */
const judged = (r: DynamoRequest) => r.table === REGISTRY_TABLE_NAME || !READS.has(r.action);
const isNationalWrite = (r: DynamoRequest) => r.table === REGISTRY_TABLE_NAME && !READS.has(r.action);
const describeRequest = (r: DynamoRequest) => `${r.action} ${r.table} ${r.keys.join(',')}`;

// ── The portal ───────────────────────────────────────────────────────────────────────────────────────

let portal: Portal;
let proxy: FaultProxy;
const calls: Call[] = [];

beforeAll(async () => {
  // The same regions and table names as the synthesized stacks.
  expect(REGISTRY_TABLE).toBe(REGISTRY_TABLE_NAME);
  portal = await startPortal({ siteDir: '/nonexistent', regions: loadRegionRegistry() });
  proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_DYNAMODB!);
  proxy.record = (operation, body) =>
    calls.push({ operation, body: body.length ? JSON.parse(body.toString('utf8')) : {} });
  pointSdkAt(proxy.endpoint);
  resetDocumentClient();
  clearRegistryCache();
});
afterAll(async () => {
  await flushDemand();
  await portal?.close();
  await proxy?.close();
});

/**
 * Run `act` as the function with `statements` serves it in AWS: every judged request it made must be
 * allowed. Returns the requests it made on the national table that write.
 */
async function servedBy(statements: Statement[], act: () => Promise<unknown>): Promise<DynamoRequest[]> {
  calls.length = 0;
  await act();
  const requests = calls.flatMap(requestsOf).filter(judged);
  const denied = requests.filter((r) => !allows(synthesized, statements, r)).map(describeRequest);
  expect(denied, 'requests its role would refuse').toEqual([]);
  return requests.filter(isNationalWrite);
}

const summary = (requests: DynamoRequest[]) => requests.map(describeRequest).sort();

describe('the exchange', () => {
  const ITEM = 'haninge-arbetsplatsorientering-vard'; // Södertörn's, county 01
  const seller = () => apiAs(portal, portal.tokenFor(['sodertorn'], 'Sara Säljare'));
  const buyer = () => apiAs(portal, portal.tokenFor(['nordost'], 'Nils Köpare'));
  const ask = () =>
    buyer()('/api/exchange/requests', {
      body: {
        sellerRegionId: 'sodertorn',
        interventionId: ITEM,
        buyerMunicipality: '0160',
        places: 1,
        fromDate: inDays(14),
      },
    });
  const decide = (regionId: string, id: string, action: string) =>
    `/api/admin/regions/${regionId}/exchange/requests/${id}/${action}`;

  async function askedFor(): Promise<{ id: string; writes: DynamoRequest[] }> {
    let id = '';
    const writes = await servedBy(shared('CreateExchangeRequest'), async () => {
      const answer = await ask();
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      id = answer.body.request.id;
    });
    return { id, writes };
  }

  beforeAll(async () => {
    const writes = await servedBy(regionAdmin('sodertorn'), async () => {
      const answer = await seller()(`/api/admin/regions/sodertorn/interventions/${ITEM}/places`, {
        method: 'PATCH',
        body: { placesAvailable: 4 },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    });
    expect(writes).toEqual([]);
  });

  it('asking for places: the two index items in one BatchWriteItem, the record, the counters; nothing else', async () => {
    const { id, writes } = await askedFor();
    expect(summary(writes)).toEqual(
      [
        `BatchWriteItem ${REGISTRY_TABLE_NAME} XREQS#IN#sodertorn,XREQS#OUT#nordost`,
        `PutItem ${REGISTRY_TABLE_NAME} XREQ#${id}`,
        `UpdateItem ${REGISTRY_TABLE_NAME} XSTATS`,
        `UpdateItem ${REGISTRY_TABLE_NAME} XSTATS`,
      ].sort(),
    );
  });

  it('accepting, at the seller’s path: UpdateItem on the request record and the counters only', async () => {
    const { id } = await askedFor();
    const writes = await servedBy(regionAdmin('sodertorn'), async () => {
      const answer = await seller()(decide('sodertorn', id, 'accept'), { body: {} });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    });
    expect([...new Set(summary(writes))]).toEqual([
      `UpdateItem ${REGISTRY_TABLE_NAME} XREQ#${id}`,
      `UpdateItem ${REGISTRY_TABLE_NAME} XSTATS`,
    ]);
  });

  it('declining, at the seller’s path, and withdrawing, at the buyer’s: UpdateItem on the request record', async () => {
    const declined = (await askedFor()).id;
    const declines = await servedBy(regionAdmin('sodertorn'), async () => {
      const answer = await seller()(decide('sodertorn', declined, 'decline'), { body: { reason: 'Fullt.' } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    });
    expect(summary(declines)).toContain(`UpdateItem ${REGISTRY_TABLE_NAME} XREQ#${declined}`);
    const withdrawn = (await askedFor()).id;
    const withdrawals = await servedBy(regionAdmin('nordost'), async () => {
      const answer = await buyer()(decide('nordost', withdrawn, 'withdraw'), { body: {} });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    });
    expect(summary(withdrawals)).toContain(`UpdateItem ${REGISTRY_TABLE_NAME} XREQ#${withdrawn}`);
    for (const write of [...declines, ...withdrawals]) expect(write.keys[0]).toMatch(/^(XREQ#|XSTATS$)/);
  });
});

describe('the statistics', () => {
  it('a public search counts its demand: UpdateItem on today’s DEMAND# partition only', async () => {
    const writes = await servedBy(shared('Search'), async () => {
      const response = await fetch(`${portal.url}/api/search?q=sfi&municipality=0126`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      await flushDemand();
    });
    expect([...new Set(summary(writes))]).toEqual([
      `UpdateItem ${REGISTRY_TABLE_NAME} DEMAND#${swedishDay()}`,
    ]);
  });

  it('a county board’s newcomer figures: one UpdateItem on NEWCOMERS', async () => {
    const token = signDevToken(portal.devTokenSecret, {
      sub: 'lst-01',
      name: 'Länsstyrelsen Stockholm',
      groups: ['county-board'],
    });
    const writes = await servedBy(shared('UploadNewcomers'), async () => {
      const response = await fetch(`${portal.url}/api/coverage/newcomers`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: 'kommun;år;antal\nHaninge;2025;300\n',
      });
      expect(response.status, await response.clone().text()).toBe(200);
    });
    expect(summary(writes)).toEqual([`UpdateItem ${REGISTRY_TABLE_NAME} NEWCOMERS`]);
  });
});

describe('the daily reminders', () => {
  it('claim, stamp and (when sending failed) give back their markers: REMINDER#<day> only', async () => {
    const admin = apiAs(portal, portal.tokenFor(['nordost'], 'Nora'));
    const items = ['gammal', 'aldrig'].map((id, i) => ({
      id,
      title: { sv: `Insats ${id}` },
      category: 'sfi',
      municipalities: ['0160'],
      provider: { name: 'Täby kommun', type: 'municipality' },
      ...(i === 0 ? { lastReviewedAt: new Date(Date.now() - 200 * 86_400_000).toISOString() } : {}),
    }));
    // Setting up is the region's own function's work: it writes nothing in the national table.
    const setup = await servedBy(regionAdmin('nordost'), async () => {
      // Replaces the demo catalogue: its removals confirmed.
      const upload = await admin('/api/admin/regions/nordost/catalogue?confirmRemovals=true', {
        raw: JSON.stringify(items),
      });
      expect(upload.status, JSON.stringify(upload.body)).toBe(200);
      const owners = {
        owners: [
          { name: 'Nora Nordost', email: 'nora@taby.se' },
          { name: 'Felix Fel', email: 'felix@taby.se' },
        ],
      };
      expect(
        (await admin('/api/admin/regions/nordost/review/owners', { method: 'PUT', body: owners })).status,
      ).toBe(200);
    });
    expect(setup).toEqual([]);

    const mailer: Mailer = {
      send: async (message) => {
        if (message.to.address === 'felix@taby.se') throw new Error('SES said no');
        return { id: `sent-${message.to.address}` };
      },
    };
    const now = new Date();
    const writes = await servedBy(reminders(), () =>
      runReminders({
        mailer,
        from: { address: 'granskning@example.se' },
        portalUrl: 'https://example.se',
        now,
      }),
    );
    const marker = `REMINDER#${utcDay(now)}`;
    expect([...new Set(summary(writes))]).toEqual(
      ['PutItem', 'UpdateItem', 'DeleteItem']
        .map((action) => `${action} ${REGISTRY_TABLE_NAME} ${marker}`)
        .sort(),
    );
  });
});

describe('the judge', () => {
  it('refuses what the grants do not give (so the checks above can fail)', () => {
    const write = (action: string, key: string) => ({ action, table: REGISTRY_TABLE_NAME, keys: [key] });
    expect(allows(synthesized, shared('Search'), write('UpdateItem', 'NEWCOMERS'))).toBe(false);
    expect(allows(synthesized, shared('CreateExchangeRequest'), write('PutItem', 'XREQS#IN#sodertorn'))).toBe(
      false,
    );
    expect(allows(synthesized, shared('CreateExchangeRequest'), write('ConditionCheckItem', 'XREQ#x'))).toBe(
      false,
    );
    expect(allows(synthesized, regionAdmin('sodertorn'), write('PutItem', 'XREQ#x'))).toBe(false);
    expect(allows(synthesized, reminders(), write('PutItem', 'REGION'))).toBe(false);
    const otherRegion = regions.find((r) => r.id !== 'sodertorn')!;
    expect(
      allows(synthesized, regionAdmin('sodertorn'), {
        action: 'PutItem',
        table: otherRegion.tableName,
        keys: ['X'],
      }),
    ).toBe(false);
    expect(
      allows(synthesized, shared('Search'), { action: 'Scan', table: REGISTRY_TABLE_NAME, keys: [] }),
    ).toBe(false);
    expect(allows(synthesized, regionAdmin('sodertorn'), write('UpdateItem', 'XREQ#x'))).toBe(true);
  });
});
