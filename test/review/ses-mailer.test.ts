/**
 * The AWS mailer: Amazon SES v2 SendEmail (raw content) over HTTPS with Signature V4, checked against a
 * local stand-in for the SES endpoint (no network, no AWS account).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesError, SesMailer } from '../../functions/review/mail.ts';
import { parseEml } from './eml.ts';

let server: Server;
let endpoint: string;
let next: { status: number; body: string } = { status: 200, body: '{"MessageId":"0100018c-abc"}' };
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mailer = () =>
  new SesMailer({
    region: 'eu-north-1',
    endpoint,
    credentials: async () => ({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session-token',
    }),
    configurationSet: 'insats-reminders',
  });

const message = {
  from: { name: 'Insatsportalen', address: 'granskning@insatsportalen.se' },
  to: { name: 'Hälge Hälsa', address: 'halsa@sodertorn.se' },
  subject: 'Insatsportalen: 2 insatser att granska',
  text: 'Hej Hälge,\n\n- Insats [f-health]',
  date: new Date('2026-11-23T06:00:00Z'),
};

describe('SesMailer', () => {
  it('posts the raw RFC 5322 message to SendEmail, signed with SigV4 for ses in the region', async () => {
    const result = await mailer().send(message);
    expect(result.id).toBe('0100018c-abc');
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v2/email/outbound-emails');
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-north-1\/ses\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers['x-amz-security-token']).toBe('session-token');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      FromEmailAddress: 'granskning@insatsportalen.se',
      Destination: { ToAddresses: ['halsa@sodertorn.se'] },
      ConfigurationSetName: 'insats-reminders',
    });
    const mail = parseEml(Buffer.from(body.Content.Raw.Data, 'base64').toString('utf8'));
    expect(mail.headers.to).toBe('Hälge Hälsa <halsa@sodertorn.se>');
    expect(mail.text).toContain('- Insats [f-health]');
  });

  it('an SES refusal is an error with its status (the reminder run then gives the day back)', async () => {
    next = { status: 400, body: '{"message":"Email address is not verified."}' };
    await expect(mailer().send(message)).rejects.toBeInstanceOf(SesError);
    next = { status: 200, body: '{"MessageId":"x"}' };
  });
});
