/**
 * Public reads show a publish within LIMITS.publicLiveMaxAgeMs (an instance reuses the live pointer it
 * read that long; functions/regions/catalogue-reader.ts). A test that publishes and then opens a public
 * page waits for that, bounded by the promise itself: longer fails the test.
 */
import { expect } from 'vitest';
import { LIMITS } from '../../shared/limits.ts';

export async function untilPublic(baseUrl: string, regionId: string, version: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await fetch(`${baseUrl}/api/regions/${regionId}/interventions?limit=1`);
        return ((await response.json()) as { version: number | null }).version;
      },
      { timeout: LIMITS.publicLiveMaxAgeMs + 1_000, interval: 50 },
    )
    .toBe(version);
}
