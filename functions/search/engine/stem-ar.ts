/**
 * A light stemmer for Arabic-script words (Arabic, Persian/Dari), after Larkey's "light10" and Lucene's
 * ArabicStemmer: one article/conjunction prefix and one common suffix are removed when enough of the word
 * remains. Input is an exact-form token (already letter-normalised by `normalize`), so teh marbuta is heh
 * and alef maksura is yeh. "التدريب" → "تدريب", "المهارات" → "مهار".
 */

const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

export function stemArabicLight(word: string): string {
  let w = word;
  for (const prefix of PREFIXES) {
    if (w.length > prefix.length + 1 && w.startsWith(prefix)) {
      w = w.slice(prefix.length);
      break;
    }
  }
  if (w === word && w.length > 3 && w.startsWith('و')) w = w.slice(1);
  for (const suffix of SUFFIXES) {
    if (w.length > suffix.length + 1 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}
