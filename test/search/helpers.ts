/** Small hand-made interventions for the search tests: only what a test cares about is written out. */
import { buildRegionIndex, type RegionIndex, searchFederated } from '../../functions/search/engine/index.ts';
import { type Intervention, type InterventionInput, InterventionSchema } from '../../shared/intervention.ts';
import type { SearchQuery } from '../../shared/search.ts';

export type ItemSpec = Partial<Omit<InterventionInput, 'title'>> & {
  id: string;
  title: string | InterventionInput['title'];
};

/** A valid intervention: Huddinge, category arbete.praktik, a municipal provider, unless the spec says otherwise. */
export function item(spec: ItemSpec): Intervention {
  const { title, ...rest } = spec;
  return InterventionSchema.parse({
    category: 'arbete.praktik',
    municipalities: ['0126'],
    provider: { name: 'Kommunen', type: 'municipality' },
    ...rest,
    title: typeof title === 'string' ? { sv: title } : title,
  });
}

/** One region holding all the items. */
export function region(regionId: string, specs: ItemSpec[], version = 1): RegionIndex {
  return buildRegionIndex(regionId, version, specs.map(item));
}

/** Search and return just the ids in order. */
export function ids(indexes: RegionIndex | RegionIndex[], query: Partial<SearchQuery>): string[] {
  return searchFederated(Array.isArray(indexes) ? indexes : [indexes], query).results.map((hit) => hit.id);
}

export function search(indexes: RegionIndex | RegionIndex[], query: Partial<SearchQuery>) {
  return searchFederated(Array.isArray(indexes) ? indexes : [indexes], query);
}
