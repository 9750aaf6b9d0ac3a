/**
 * A compact Swedish stemmer following the Snowball Swedish algorithm
 * (https://snowballstem.org/algorithms/swedish/stemmer.html): three steps on the region R1.
 * Input is an exact-form token (lower case, å/ä/ö kept); output is its stem: "praktikplatser" → "praktikplats",
 * "kvinnor" → "kvin", "arbete" → "arbet". No dependencies, no allocation beyond the result.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'ä', 'å', 'ö']);
const S_ENDING = new Set([
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'r',
  't',
  'v',
  'y',
]);

/** Step 1 suffixes, longest first so the first that fits in R1 is the longest. */
const MAIN_SUFFIXES = [
  'heterna',
  'hetens',
  'anden',
  'arnas',
  'ernas',
  'ornas',
  'andes',
  'andet',
  'arens',
  'heten',
  'heter',
  'arna',
  'erna',
  'orna',
  'ande',
  'arne',
  'aste',
  'aren',
  'ades',
  'erns',
  'ade',
  'are',
  'ern',
  'ens',
  'het',
  'ast',
  'ad',
  'en',
  'ar',
  'er',
  'or',
  'as',
  'es',
  'at',
  'a',
  'e',
];
const CONSONANT_PAIRS = new Set(['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt']);

/** Start of R1: after the first non-vowel that follows a vowel, and at least 3. */
function regionOne(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (!VOWELS.has(word[i]!) && VOWELS.has(word[i - 1]!)) return Math.max(3, i + 1);
  }
  return word.length;
}

export function stemSwedish(word: string): string {
  if (word.length < 3) return word;
  const r1 = regionOne(word);
  if (r1 >= word.length) return word;
  let w = word;

  // Step 1: the longest main suffix inside R1, or an s after a valid s-ending.
  let step1 = false;
  for (const suffix of MAIN_SUFFIXES) {
    if (w.length - suffix.length >= r1 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      step1 = true;
      break;
    }
  }
  if (!step1 && w.length - 1 >= r1 && w.endsWith('s') && S_ENDING.has(w[w.length - 2]!)) {
    w = w.slice(0, -1);
  }

  // Step 2: a double consonant at the end inside R1 loses its last letter.
  if (w.length - 2 >= r1 && CONSONANT_PAIRS.has(w.slice(-2))) w = w.slice(0, -1);

  // Step 3: other suffixes inside R1.
  if (w.length - 5 >= r1 && w.endsWith('fullt')) w = w.slice(0, -1);
  else if (w.length - 4 >= r1 && w.endsWith('löst')) w = w.slice(0, -1);
  else if (w.length - 3 >= r1 && (w.endsWith('lig') || w.endsWith('els'))) w = w.slice(0, -3);
  else if (w.length - 2 >= r1 && w.endsWith('ig')) w = w.slice(0, -2);
  return w;
}
