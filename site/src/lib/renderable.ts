/**
 * The API validated every item when it was published; the browser checks only what rendering relies on,
 * so a surprise in an answer leaves what the page shows in place instead of breaking it. Its own module,
 * so the search page's bundle carries this check and nothing else of the live updates.
 */
import type { Intervention } from '../../../shared/intervention.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export function isRenderableIntervention(value: unknown): value is Intervention {
  if (!isObject(value)) return false;
  const { id, title, category, municipalities, languages, audiences, provider, delivery } = value;
  return (
    typeof id === 'string' &&
    isObject(title) &&
    typeof title['sv'] === 'string' &&
    typeof category === 'string' &&
    Array.isArray(municipalities) &&
    Array.isArray(languages) &&
    Array.isArray(audiences) &&
    typeof delivery === 'string' &&
    isObject(provider) &&
    typeof provider['name'] === 'string'
  );
}
