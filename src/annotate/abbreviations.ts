/**
 * Abbreviations several organisations share ("GOI": the Government of India, Iraq, Indonesia,
 * Israel or Iran; "GOP": the Republican Party or the Government of Pakistan; "CPI"): the register
 * proposes every organisation printed that way, the document's context chooses among them.
 *
 * Evidence for a candidate is the words only it has among the candidates (Iraq, Iraqi, Baghdad
 * against India, Indian, New Delhi), taken from its name forms and description: each occurrence
 * in the setting (head, datelines) counts three times, in the text once. An expansion printed in
 * the document ("Communist Party of Iraq", typically in a footnote) decides alone. Without a clear
 * winner the abbreviation is left unlinked: a wrong link is worse than none.
 */
import type { Cert } from '../model.js';
import type { DocContext } from './context.js';
import type { AuthorityEntry, FormHit } from './registers.js';
import { wordKeys } from './text.js';

/** Why an abbreviation was resolved the way it was (or left unlinked). */
export interface AbbreviationChoice {
  entry?: AuthorityEntry;
  cert?: Cert;
  reason: string;
}

const SETTING_WEIGHT = 3;
/** Occurrences of one word counted at most (a word repeated in every paragraph is one fact). */
const WORD_CAP = 6;
/** Words every kind of candidate may have, or any document about anything: no evidence. */
const GENERIC = new Set(['the', 'of', 'and', 'for', 'in', 'at', 'from', 'government', 'party', 'communist', 'political', 'national', 'new', 'british', 'american', 'provisional']);

/** The organisations the register prints exactly as `printed` (an all-capital abbreviation). */
export function abbreviationEntries(ctx: DocContext, printed: string): AuthorityEntry[] {
  const hits: readonly FormHit[] = ctx.registers.trie.exact(wordKeys(printed));
  return [...new Set(hits.filter((h) => h.entry.kind === 'org' && h.caseSensitive && h.form.text === printed).map((h) => h.entry))];
}

/** Words that speak for an organisation: its name forms (less bracketed glosses) and description. */
function evidenceWords(e: AuthorityEntry): Set<string> {
  const out = new Set<string>();
  for (const f of e.forms) {
    if (f.type === 'abbr') continue;
    for (const k of wordKeys(f.text.replace(/\([^)]*\)/g, ' '))) if (k.length > 2) out.add(k);
  }
  // the description's proper nouns (Baghdad, Congress), not its wording ("before", "rival")
  for (const m of (e.description ?? '').matchAll(/(?<![.!?]\s*|^)\b\p{Lu}[\p{L}'’-]+/gu)) for (const k of wordKeys(m[0])) if (k.length > 2) out.add(k);
  for (const g of GENERIC) out.delete(g);
  return out;
}

/** Multi-word name forms: printed in the document, they expand the abbreviation. */
function expansions(e: AuthorityEntry): string[] {
  return e.forms.filter((f) => f.type !== 'abbr' && !/\(/.test(f.text)).map((f) => wordKeys(f.text).join(' ')).filter((k) => k.includes(' '));
}

export function chooseAbbreviation(ctx: DocContext, entries: readonly AuthorityEntry[]): AbbreviationChoice {
  const evidence = ctx.evidence;
  const own = entries.map((e) => evidenceWords(e));
  const scored = entries.map((e, i) => {
    const others = new Set(own.flatMap((w, j) => (j === i ? [] : [...w])));
    let score = 0;
    const words: string[] = [];
    for (const w of own[i]!) {
      if (others.has(w)) continue;
      const n = Math.min(WORD_CAP, evidence.text.get(w) ?? 0) + SETTING_WEIGHT * Math.min(WORD_CAP, evidence.setting.get(w) ?? 0);
      if (n > 0) words.push(w);
      score += n;
    }
    const expanded = expansions(e).some((x) => evidence.phrases(x));
    return { e, score, words, expanded };
  });
  const expanded = scored.filter((s) => s.expanded);
  if (expanded.length === 1) return { entry: expanded[0]!.e, cert: 'high', reason: `expanded in the document as ${expanded[0]!.e.name}` };
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = [scored[0]!, scored[1]];
  const rival = second?.score ?? 0;
  const why = `context words ${best.words.join(', ') || '(none)'} (${best.score} against ${rival})`;
  if (best.score >= 3 && rival === 0) return { entry: best.e, cert: 'high', reason: why };
  if (best.score >= 2 && best.score >= 3 * rival) return { entry: best.e, cert: 'medium', reason: why };
  return { reason: `context does not decide among ${entries.map((e) => e.name).join(', ')}: ${why}` };
}
