/**
 * Stable UUIDs for HSDS (every HSDS id is a UUID): version-5 style, SHA-1 over a fixed namespace and a
 * name, so the same intervention in the same region always gets the same HSDS id.
 */
import { createHash } from 'node:crypto';

/** The Insatsportalen namespace (a random UUID fixed once; never change it, or every HSDS id changes). */
export const INSATS_UUID_NAMESPACE = 'eae735a0-7e16-4ba3-b3a7-b1b97c7f5e46';
const NAMESPACE_BYTES = Buffer.from(INSATS_UUID_NAMESPACE.replaceAll('-', ''), 'hex');

/** `stableUuid('sodertorn', 'hud-sfi-1')`: the parts are joined with `/` (region ids and item ids cannot hold one). */
export function stableUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(parts.join('/'), 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50; // version 5
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
