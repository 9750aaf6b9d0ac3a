/** Where the local portal keeps its things (all git-ignored). */

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = fileURLToPath(new URL('../', import.meta.url));
export const DATA_DIR = process.env.INSATS_DATA_DIR ?? join(ROOT_DIR, '.data');
export const DYNAMO_DIR = join(DATA_DIR, 'dynamo');
export const OUTBOX_DIR = join(DATA_DIR, 'outbox');
const SECRET_FILE = join(DATA_DIR, 'dev-token-secret');

/** The development token secret, created on first start and kept so tokens survive restarts. */
export function devTokenSecret(create = true): string | undefined {
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, 'utf8').trim();
  if (!create) return undefined;
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(SECRET_FILE, secret, { mode: 0o600 });
  return secret;
}
