/**
 * Sending e-mail behind one small interface. A message is built once as RFC 5322 text (UTF-8, the body
 * quoted-printable, encoded-word headers) and handed to a `Mailer`:
 *
 * - `OutboxMailer` (local): writes it as an `.eml` file into the outbox folder; any mail program opens it.
 * - `SesMailer` (AWS): sends the very same bytes with Amazon SES v2 `SendEmail` (Content.Raw) over HTTPS,
 *   signed with Signature V4 (`@smithy/signature-v4`, which the AWS SDK already brings) using the
 *   function's own credentials (the DynamoDB client's provider chain). No SES client package is installed.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Checksum, SourceData } from '@smithy/types';
import { documentClient } from '../lib/dynamo.ts';

export interface MailMessage {
  from: { name?: string; address: string };
  to: { name?: string; address: string };
  subject: string;
  /** Plain text, lines separated by \n. */
  text: string;
  date: Date;
  messageId?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ id: string }>;
}

// ── RFC 5322 / MIME ────────────────────────────────────────────────────────────────────────────────

/** RFC 2047 encoded-word (UTF-8, base64) when the text is not plain printable ASCII. */
export function encodeHeaderWord(value: string): string {
  if (/^[\x20-\x7E]*$/.test(value)) return value;
  // Split into chunks whose encoded words stay within the 75-character limit, never inside a character.
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function mailbox(box: { name?: string; address: string }): string {
  if (!box.name) return box.address;
  const name = /^[\x20-\x7E]*$/.test(box.name)
    ? `"${box.name.replace(/["\\]/g, '\\$&')}"`
    : encodeHeaderWord(box.name);
  return `${name} <${box.address}>`;
}

/** Quoted-printable (RFC 2045) of UTF-8 text: CRLF line ends, soft breaks keep lines ≤ 76 characters. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bytes = Buffer.from(line, 'utf8');
    let current = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      const last = i === bytes.length - 1;
      const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const token = plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (current.length + token.length > 75) {
        out.push(`${current}=`);
        current = '';
      }
      current += token;
    }
    out.push(current);
  }
  return out.join('\r\n');
}

/** RFC 5322 date: `Mon, 23 Nov 2026 06:00:00 +0000`. */
export function rfc5322Date(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]}, ${p(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

/** The whole message as RFC 5322 text with CRLF line ends. */
export function renderMessage(message: MailMessage): { raw: string; id: string } {
  const domain = message.from.address.split('@')[1] ?? 'insatsportalen.local';
  const id = message.messageId ?? `<${randomUUID()}@${domain}>`;
  const headers = [
    `From: ${mailbox(message.from)}`,
    `To: ${mailbox(message.to)}`,
    `Subject: ${encodeHeaderWord(message.subject)}`,
    `Date: ${rfc5322Date(message.date)}`,
    `Message-ID: ${id}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Language: sv',
    'Auto-Submitted: auto-generated',
  ];
  return { raw: `${headers.join('\r\n')}\r\n\r\n${quotedPrintable(message.text)}\r\n`, id };
}

// ── Local: the outbox folder ───────────────────────────────────────────────────────────────────────

export class OutboxMailer implements Mailer {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const { raw } = renderMessage(message);
    mkdirSync(this.dir, { recursive: true });
    const who = message.to.address.toLowerCase().replace(/[^a-z0-9._-]+/g, '_');
    const stamp = message.date.toISOString().replace(/[:.]/g, '-');
    const file = join(this.dir, `${stamp}-${who}-${randomUUID().slice(0, 8)}.eml`);
    writeFileSync(file, raw, 'utf8');
    return { id: file };
  }
}

// ── AWS: Amazon SES v2 SendEmail, signed with SigV4 ────────────────────────────────────────────────

/** SHA-256 (and HMAC-SHA-256 with a secret) for the signer, from node:crypto. */
class NodeSha256 implements Checksum {
  private readonly secret: SourceData | undefined;
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: SourceData) {
    this.secret = secret;
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data as ArrayBuffer);
}

export interface SesMailerOptions {
  /** AWS region of the SES identity (default: the function's region). */
  region?: string;
  /** Another endpoint (tests); default `https://email.<region>.amazonaws.com`. */
  endpoint?: string;
  /** Default: the credentials the DynamoDB client resolves (the Lambda role). */
  credentials?: () => Promise<AwsCredentialIdentity>;
  /** SES configuration set (optional). */
  configurationSet?: string;
  fetch?: typeof fetch;
}

export class SesError extends Error {
  readonly status: number;
  constructor(status: number, body: string) {
    super(`SES SendEmail answered ${status}: ${body.slice(0, 300)}`);
    this.name = 'SesError';
    this.status = status;
  }
}

export class SesMailer implements Mailer {
  private readonly region: string;
  private readonly endpoint: URL;
  private readonly credentials: () => Promise<AwsCredentialIdentity>;
  private readonly configurationSet: string | undefined;
  private readonly doFetch: typeof fetch;

  constructor(options: SesMailerOptions = {}) {
    this.region = options.region ?? process.env.AWS_REGION ?? 'eu-north-1';
    this.endpoint = new URL(options.endpoint ?? `https://email.${this.region}.amazonaws.com`);
    this.credentials = options.credentials ?? (() => documentClient().config.credentials());
    this.configurationSet = options.configurationSet;
    this.doFetch = options.fetch ?? fetch;
  }

  async send(message: MailMessage): Promise<{ id: string }> {
    const { raw } = renderMessage(message);
    const body = JSON.stringify({
      FromEmailAddress: message.from.address,
      Destination: { ToAddresses: [message.to.address] },
      Content: { Raw: { Data: Buffer.from(raw, 'utf8').toString('base64') } },
      ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
    });
    const path = '/v2/email/outbound-emails';
    const signer = new SignatureV4({
      service: 'ses',
      region: this.region,
      credentials: this.credentials,
      sha256: NodeSha256,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: this.endpoint.protocol,
      hostname: this.endpoint.hostname,
      ...(this.endpoint.port ? { port: Number(this.endpoint.port) } : {}),
      path,
      query: {},
      headers: { host: this.endpoint.host, 'content-type': 'application/json' },
      body,
    });
    // fetch sets Host itself from the URL (the same value that was signed).
    const { host: _host, ...headers } = signed.headers as Record<string, string>;
    const response = await this.doFetch(new URL(path, this.endpoint), { method: 'POST', headers, body });
    const text = await response.text();
    if (!response.ok) throw new SesError(response.status, text);
    const id = (JSON.parse(text || '{}') as { MessageId?: string }).MessageId ?? '';
    return { id };
  }
}
