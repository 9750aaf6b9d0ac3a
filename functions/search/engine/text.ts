/**
 * Text normalisation for Swedish and the newcomers' languages.
 *
 * - `normalize` gives the *exact form*: lower case (Latin, Cyrillic, Greek…), Unicode-composed, Latin
 *   diacritics removed EXCEPT the Swedish letters å, ä, ö (æ → ä, ø → ö as in Swedish collation),
 *   Arabic/Persian letters unified (alef variants, yeh/kaf Persian vs Arabic forms, teh marbuta, heh),
 *   Arabic diacritics and tatweel removed, Arabic-Indic digits → 0-9, invisible characters and
 *   apostrophes inside words removed.
 * - `foldSwedish` gives the *folded form* a person types without Swedish letters: å, ä → a; ö → o
 *   (and Cyrillic ё → е). Both forms are indexed; an exact-form match scores higher.
 * - `tokenize` splits normalised text into word tokens.
 */
import { QUERY_LIMITS } from './config.ts';

/** Characters that need more than `toLowerCase`: Latin-1/Latin Extended, marks, Arabic, invisibles, apostrophes. */
const NEEDS_MAPPING =
  /[\u0300-\u036f]|['`´‘’ʼ\u00ad\u00c0-\u024f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Compatibility forms worth an NFKC pass: Arabic presentation forms, ligatures, full-width Latin. */
const NEEDS_NFKC = /[\ufb00-\ufdff\ufe70-\ufefc\uff00-\uffef]/;
/** Combining marks that NFC may still compose with their base letter. */
const COMBINING = /[\u0300-\u036f]/;

const ARABIC_LETTERS: Record<string, string> = {
  // alef variants → bare alef
  '\u0622': '\u0627', // آ
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0671': '\u0627', // ٱ
  '\u0672': '\u0627',
  '\u0673': '\u0627',
  // yeh: alef maksura, Farsi yeh and other forms → Arabic yeh
  '\u0649': '\u064a', // ى
  '\u06cc': '\u064a', // ی
  '\u06d0': '\u064a', // ې
  '\u06cd': '\u064a', // ۍ
  '\u0626': '\u064a', // ئ
  // kaf: keheh (Persian ک) → Arabic kaf
  '\u06a9': '\u0643',
  '\u06aa': '\u0643',
  // teh marbuta and heh variants → heh
  '\u0629': '\u0647', // ة
  '\u06c0': '\u0647', // ۀ
  '\u06c1': '\u0647', // ہ
  '\u06d5': '\u0647', // ە
  // waw with hamza → waw
  '\u0624': '\u0648', // ؤ
};

const LATIN_SPECIAL: Record<string, string> = {
  å: 'å',
  ä: 'ä',
  ö: 'ö',
  æ: 'ä',
  ø: 'ö',
  ß: 'ss',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

const mappedChar = new Map<string, string>();

function mapChar(ch: string): string {
  let out = mappedChar.get(ch);
  if (out !== undefined) return out;
  const code = ch.charCodeAt(0);
  if (ch === "'" || ch === '`' || ch === '´' || ch === '‘' || ch === '’' || ch === 'ʼ') out = '';
  else if (code === 0x00ad || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e))
    out = '';
  else if ((code >= 0x2060 && code <= 0x2069) || code === 0xfeff) out = '';
  else if (code >= 0x0300 && code <= 0x036f) out = '';
  else if (code >= 0x00c0 && code <= 0x024f) {
    const lower = ch.toLowerCase();
    out = LATIN_SPECIAL[lower] ?? lower.normalize('NFD').replace(COMBINING_ALL, '');
  } else if (code >= 0x0660 && code <= 0x0669) out = String.fromCharCode(code - 0x0660 + 48);
  else if (code >= 0x06f0 && code <= 0x06f9) out = String.fromCharCode(code - 0x06f0 + 48);
  else if (
    code === 0x0640 || // tatweel
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x064b && code <= 0x065f) || // harakat
    code === 0x0670 || // superscript alef
    (code >= 0x06d6 && code <= 0x06dc) ||
    (code >= 0x06df && code <= 0x06e8) ||
    (code >= 0x06ea && code <= 0x06ed) ||
    (code >= 0x08d3 && code <= 0x08ff)
  )
    out = '';
  else out = ARABIC_LETTERS[ch] ?? ch;
  mappedChar.set(ch, out);
  return out;
}
const COMBINING_ALL = /[\u0300-\u036f]/g;

/** The exact (indexed) form of a text: see the module comment. Never throws. */
export function normalize(text: string): string {
  let s = text;
  if (NEEDS_NFKC.test(s)) s = s.normalize('NFKC');
  else if (COMBINING.test(s)) s = s.normalize('NFC');
  s = s.toLowerCase();
  NEEDS_MAPPING.lastIndex = 0;
  return NEEDS_MAPPING.test(s) ? s.replace(NEEDS_MAPPING, mapChar) : s;
}

const FOLDABLE = /[åäöё]/;
const FOLDABLE_ALL = /[åäöё]/g;
const FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', ё: 'е' };

/** The folded form of an exact-form term: å, ä → a; ö → o; ё → е. */
export function foldSwedish(term: string): string {
  return FOLDABLE.test(term) ? term.replace(FOLDABLE_ALL, (c) => FOLD[c]!) : term;
}

// ---------------------------------------------------------------------------------------------------
// Tokenising: one pass over the text with a per-code-unit table, no intermediate strings.

const UNKNOWN = -4;
/** Needs the full `normalize` first (decomposed marks, compatibility forms, multi-letter lower case). */
const COMPLEX = -3;
/** Removed without ending the word (apostrophes, tatweel, Arabic diacritics, invisible joiners). */
const DROP = -2;
const SEPARATOR = -1;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** Code unit → its exact-form code unit, or one of the negative classes above. Filled lazily. */
const CHAR_CLASS = new Int32Array(0x10000).fill(UNKNOWN);

function classify(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return SEPARATOR;
  const ch = String.fromCharCode(code);
  if ((code >= 0x0300 && code <= 0x036f) || NEEDS_NFKC.test(ch)) return COMPLEX;
  const lower = ch.toLowerCase();
  if (lower.length !== 1) return COMPLEX;
  NEEDS_MAPPING.lastIndex = 0;
  const mapped = NEEDS_MAPPING.test(lower) ? lower.replace(NEEDS_MAPPING, mapChar) : lower;
  if (mapped.length === 0) return DROP;
  if (mapped.length !== 1) return COMPLEX;
  return WORD_CHAR.test(mapped) ? mapped.charCodeAt(0) : SEPARATOR;
}

/**
 * The tokens of the last `scanTokens` call, in reusable buffers: token k is the code units
 * `codes[start[k] .. start[k] + length[k])` with FNV-1a hash `hash[k]`. Valid until the next call.
 */
export interface TokenStream {
  count: number;
  codes: Uint16Array;
  start: Int32Array;
  length: Int32Array;
  hash: Uint32Array;
}

const stream: TokenStream = {
  count: 0,
  codes: new Uint16Array(1 << 14),
  start: new Int32Array(1 << 10),
  length: new Int32Array(1 << 10),
  hash: new Uint32Array(1 << 10),
};

// ASCII is classified up front: letters lower-cased, digits kept, apostrophe and backtick dropped.
for (let code = 0; code < 0x80; code++) {
  CHAR_CLASS[code] =
    (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)
      ? code
      : code >= 0x41 && code <= 0x5a
        ? code + 32
        : code === 0x27 || code === 0x60
          ? DROP
          : SEPARATOR;
}

function growStream(): void {
  const grow = (a: Int32Array) => {
    const next = new Int32Array(a.length * 2);
    next.set(a);
    return next;
  };
  stream.start = grow(stream.start);
  stream.length = grow(stream.length);
  const hash = new Uint32Array(stream.hash.length * 2);
  hash.set(stream.hash);
  stream.hash = hash;
}

function scanOnce(text: string, complexAsSeparator: boolean): boolean {
  const maxChars = QUERY_LIMITS.maxTokenChars;
  const table = CHAR_CLASS;
  const n = text.length;
  if (stream.codes.length < n) stream.codes = new Uint16Array(Math.max(n, stream.codes.length * 2));
  const codes = stream.codes;
  let count = 0;
  let at = 0;
  let length = 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i <= n; i++) {
    let c = SEPARATOR;
    if (i < n) {
      const code = text.charCodeAt(i);
      c = table[code]!;
      if (c >= 0) {
        if (length < maxChars) {
          codes[at + length++] = c;
          hash = Math.imul(hash ^ c, 0x01000193);
        }
        continue;
      }
      if (c === UNKNOWN) {
        c = classify(code);
        table[code] = c;
        i--; // look again, now classified
        continue;
      }
      if (c === DROP) continue;
      if (c === COMPLEX && !complexAsSeparator) return false;
    }
    // A separator (or the end): close the token. One character counts only when it is a digit.
    if (length > 1 || (length === 1 && codes[at]! >= 0x30 && codes[at]! <= 0x39)) {
      if (count === stream.start.length) growStream();
      stream.start[count] = at;
      stream.length[count] = length;
      stream.hash[count] = hash >>> 0;
      count++;
      at += length;
    }
    length = 0;
    hash = 0x811c9dc5;
  }
  stream.count = count;
  return true;
}

/**
 * Scan `text` into exact-form word tokens (letters, digits and the marks of scripts that need them).
 * Tokens of one character are dropped unless they are digits; tokens longer than the cap are cut.
 * The hash of each token equals `hashString` of its text.
 */
export function scanTokens(text: string): TokenStream {
  if (!scanOnce(text, false)) scanOnce(normalize(text), true);
  return stream;
}

/** The text of token k of the stream. */
export function tokenText(tokens: TokenStream, k: number): string {
  const from = tokens.start[k]!;
  return String.fromCharCode.apply(
    null,
    tokens.codes.subarray(from, from + tokens.length[k]!) as unknown as number[],
  );
}

/**
 * Split text into exact-form word tokens. Stop words are kept here (phrase synonyms need them); the
 * analyser drops them.
 */
export function tokenize(text: string): string[] {
  const tokens = scanTokens(text);
  const out: string[] = [];
  for (let k = 0; k < tokens.count; k++) out.push(tokenText(tokens, k));
  return out;
}

/** Script of a token, for choosing a stemmer. */
export function isSwedishLetters(token: string): boolean {
  return SWEDISH_WORD.test(token);
}
const SWEDISH_WORD = /^[a-zåäö]+$/;

export function isArabicScript(token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}

/**
 * Words too common to require. They never decide what a query matches and count in no field's length; they
 * are indexed in titles only (behind STOP_WORD_MARK), where one the user typed orders the matches of the
 * other words. Swedish first (the portal's language), then a few English and Arabic/Persian function words. "so" is NOT here: it is the abbreviation of samhällsorientering; nor is
 * "vara" ("to be"): it is a municipality.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // Swedish
    'och',
    'att',
    'det',
    'som',
    'en',
    'ett',
    'är',
    'av',
    'för',
    'med',
    'till',
    'den',
    'de',
    'om',
    'har',
    'inte',
    'på',
    'vid',
    'från',
    'eller',
    'men',
    'samt',
    'hos',
    'sig',
    'så',
    'kan',
    'ska',
    'skall',
    'var',
    'ni',
    'du',
    'dig',
    'er',
    'era',
    'dess',
    'deras',
    'detta',
    'dessa',
    'denna',
    'där',
    'när',
    'hur',
    'vad',
    'vilka',
    'vilken',
    'också',
    'även',
    'genom',
    'mot',
    'under',
    'över',
    'efter',
    'utan',
    'inom',
    // English
    'the',
    'and',
    'of',
    'for',
    'to',
    'in',
    'on',
    'at',
    'by',
    'with',
    'an',
    'or',
    'is',
    'are',
    'be',
    // Arabic / Persian (normalised forms)
    'في',
    'من',
    'على',
    'إلى',
    'عن',
    'مع',
    'او',
    'هذا',
    'هذه',
    'که',
    'از',
    'به',
    'با',
    'در',
    'برای',
    'را',
    'این',
  ].map((w) => normalize(w)),
);
