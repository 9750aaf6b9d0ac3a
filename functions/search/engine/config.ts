/**
 * Every number that shapes ranking and the work per query, in one place.
 * Changing a weight changes the order of results; changing a cap changes what a query can cost.
 */

/** BM25 saturation constant (the same in every field). */
export const K1 = 1.2;

/** Indexed text fields, in the order of their slots in the per-document arrays. */
export const FIELDS = ['title', 'summary', 'description', 'provider'] as const;
export const FIELD_COUNT = FIELDS.length;
export const TITLE = 0;
export const SUMMARY = 1;
export const DESCRIPTION = 2;
export const PROVIDER = 3;

/**
 * Field boosts of the per-field BM25 (federated.ts): one occurrence of a term in a field of average length is
 * worth idf_f · boost_f, any number of occurrences less than (k1 + 1) times that. The title dominates: one
 * occurrence in the summary, the description, the provider and the category labels together (0.95) weighs
 * less than one in the title, and idf_f is usually higher in the title too (titles are short).
 */
export const FIELD_BOOST: readonly number[] = [1, 0.3, 0.15, 0.25];
/** BM25 length normalisation per field (0 = none, 1 = full; keep below 1). */
export const FIELD_B: readonly number[] = [0.5, 0.6, 0.75, 0.4];
/**
 * The category labels (every UI language, aliases, the parent's labels) are a virtual field shared by all
 * documents of a category: no length normalisation, this boost.
 */
export const CATEGORY_BOOST = 0.25;

/**
 * Term frequencies are packed in 16 bits per posting: title 3 bits, summary 4, description 4, provider 4, and
 * the top bit FOLDED_ONLY. A frequency above the cap counts as the cap (saturation makes the difference
 * negligible: 15 occurrences in a description of average length weigh 93 % of infinitely many).
 */
export const TF_BITS: readonly number[] = [3, 4, 4, 4];
export const TF_SHIFT: readonly number[] = [0, 3, 7, 11];
export const TF_CAP: readonly number[] = TF_BITS.map((bits) => (1 << bits) - 1);
/**
 * Set when the document has the term only as the folded form of words written with å/ä/ö ("habo" from
 * "Håbo"): a query typed without them then ranks the word written so ("Habo") first (WEIGHT.folded).
 */
export const FOLDED_ONLY = 0x8000;

/**
 * How much a match of each kind is worth, relative to the exact word typed. An expansion's idf never exceeds
 * the idf of the term's own forms (query.ts), so in the same field a weight below 1 always ranks it lower.
 */
export const WEIGHT = {
  exact: 1,
  /**
   * The query's Swedish-folded form ("halsa" for "hälsa") when the query had å/ä/ö; and a query typed without
   * them ("habo") matching only a word written with them ("Håbo").
   */
  folded: 0.85,
  /** Same Swedish (or Arabic light) stem: "praktiker" for "praktiken". */
  stem: 0.8,
  foldedStem: 0.7,
  /** A domain synonym: "so" for "samhällsorientering". */
  synonym: 0.9,
  /** The query term as the start of a longer word: between these two, longer completions lower. */
  prefixMax: 0.6,
  prefixMin: 0.3,
  /** One edit away (insert, delete, substitute, swap two neighbours). */
  fuzzy: 0.45,
  /** A part of a compound the user typed: "praktik" for "praktikplatser". */
  compoundPart: 0.35,
  /**
   * A stop word typed ("inom", "och"), found in a title. Stop words never decide what matches; one in the
   * title of a document that matches the other words orders it first, at half its idf.
   */
  stopWord: 1,
} as const;

/** Caps on the work one query can cause, whatever is typed. */
export const QUERY_LIMITS = {
  /** Characters of `q` looked at (the HTTP schema already refuses more than LIMITS.queryMaxChars). */
  maxChars: 1_000,
  /** Distinct terms of a query that are searched; the rest are ignored. */
  maxTerms: 12,
  /** Longest token kept (longer ones are cut). */
  maxTokenChars: 40,
  /** Prefix completions considered per term (the lexicographically first of the whole vocabulary)… */
  prefixPool: 128,
  /** …of which the shortest are searched. */
  maxPrefixExpansions: 50,
  /** Fuzzy (one-edit) neighbours searched per term, most frequent first. */
  maxFuzzyExpansions: 50,
  /**
   * Postings (document frequencies summed over all expansions of all terms) one query may visit; beyond it
   * the costliest term's completions and typo neighbours are dropped. ~1 ms of scoring per 100,000.
   */
  maxPostings: 600_000,
  /** Shortest query term completed as a prefix. */
  prefixMinChars: 3,
  /** Shortest query term allowed a typo. */
  fuzzyMinChars: 5,
  /** Shortest query term split as a compound, and shortest parts. */
  compoundMinChars: 8,
  compoundHeadMinChars: 4,
  compoundTailMinChars: 4,
} as const;

/** Words in the fuzzy (deletion-neighbourhood) index: from one less than the shortest fuzzy query term. */
export const FUZZY_INDEX_MIN_CHARS = QUERY_LIMITS.fuzzyMinChars - 1;
export const FUZZY_INDEX_MAX_CHARS = 32;

/** Stems live in their own part of the vocabulary, behind this marker, so a stem never counts as a typed word. */
export const STEM_MARK = '\u0001';
/** Stop words are indexed in titles only, behind this marker: never a completion, a typo neighbour or required. */
export const STOP_WORD_MARK = '\u0002';
