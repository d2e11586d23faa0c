/**
 * Romanisation skeletons: one key for the spellings of a name that only the transliteration tells
 * apart. Arabic, Persian and Russian names reach FRUS through English, French and German systems,
 * and its volumes print them all: Qassim / Qasim / Kassem / Kassim, Abd al-Karim / Abdul Karim,
 * Mossadegh / Mosaddeq / Musaddiq, Vassilievski / Vasilevsky, Molotoff / Molotow.
 *
 * A skeleton is a look-up key, never shown: the register builder matches curated records to the
 * people database by it, and the annotator falls back to it when the spelling as printed finds
 * nobody. It folds what transliteration varies (vowel quality e/i and o/u, doubled letters, q/k/c,
 * w/v, ou/u, the article al-/el-/as-) and keeps what tells names apart (a/e, a/u: Hassan is not
 * Hussein, Bevin is not Bevan).
 */
import { fold } from './text.js';

/** The Arabic article before a name (`al-Karim`, `as-Said`, `ed-Din`), assimilated or not. */
const ARTICLE = /(^|[\s-])(?:a|e|u|o)(?:l|d|r|s|sh|t|th|z)[-']\s*(?=\p{L})/gu;
/** `Abdul`, `Abdel`, `Abd-ur` …: the servant-of prefix, written as one word or two. */
const ABD = /(^|[\s-])abd[-\s]?(?:oul|ul|el|al|ol|ur|ar|er|ou|u|e|a)?(?=[\s-]|$)/g;

/** The skeleton of one word: transliteration differences folded. */
function wordSkeleton(word: string): string {
  // a regnal number is no spelling (George V is not George VI)
  if (/^[ivx]+$/.test(word)) return word;
  const letters = word.replace(/[^a-z]/g, '');
  let s = letters
    // German umlauts written out (Schroeder / Schröder, Weizsaecker)
    .replace(/([aou])e/g, '$1')
    .replace(/dzh|dj/g, 'j')
    .replace(/tch/g, 'ch')
    .replace(/sch/g, 'sh')
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/gh/g, 'k')
    .replace(/q/g, 'k')
    .replace(/c(?!h)/g, 'k')
    .replace(/w/g, 'v')
    .replace(/of+$/, 'ov')
    .replace(/ou/g, 'u')
    .replace(/ie/g, 'e')
    .replace(/ei/g, 'ai')
    .replace(/y/g, 'i');
  // vowel quality (Kassem / Kassim, Osman / Usman), in names long enough that it is not what tells
  // them apart (Chen is not Chin, Lee is not Li)
  if (letters.length >= 5) s = s.replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/e/g, 'i').replace(/o/g, 'u');
  return s
    .replace(/(.)\1+/g, '$1')
    // a Greek ending (Konstantinos / Constantine) and a final vowel, where enough is left
    .replace(/^(.{4,}?)(?:us|os)$/, '$1')
    .replace(/^(.{4,}?)[aeiou]+$/, '$1');
}

/** The skeletons of the words of a name, with the article dropped and the `Abd` prefix written one way. */
export function skeletonWords(name: string): string[] {
  // (the article as a word of its own, "Abd al Karim", goes too)
  const s = fold(name).replace(ARTICLE, '$1').replace(/[ʿʾ']/g, '').replace(ABD, '$1abd ');
  // a hyphen inside a name joins its parts (Mei-ling / Meiling, Duff-Cooper)
  return s.split(/\s+/).map((w) => w.replace(/-/g, '')).filter((w) => w && !/^(?:al|el|ul)$/.test(w)).map(wordSkeleton).filter(Boolean);
}

/** Spelling variants of a name (one word or several) share this key; the article goes (`El Khoury`, `al-Said`). */
export function nameSkeleton(name: string): string {
  return skeletonWords(name).join('');
}
