/** A small catalogue of items confirmed at given instants, uploaded to Nordost through the admin API. */
import { expect } from 'vitest';
import type { apiAs } from '../exchange/helpers.ts';

export async function uploadReviewed(
  admin: ReturnType<typeof apiAs>,
  entries: { id: string; lastReviewedAt?: string }[],
): Promise<void> {
  const catalogue = entries.map((entry) => ({
    ...entry,
    title: { sv: `Insats ${entry.id}` },
    category: 'sfi',
    municipalities: ['0160'],
    provider: { name: 'Täby kommun', type: 'municipality' },
  }));
  const upload = await admin('/api/admin/regions/nordost/catalogue', { raw: JSON.stringify(catalogue) });
  expect(upload.status).toBe(200);
}
