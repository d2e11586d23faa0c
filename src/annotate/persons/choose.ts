/**
 * CHOOSE: which of the proposed entries a printed name means, from the name itself (forenames,
 * titles) and the document's setting (its date, its words), with how sure that is and why.
 *
 * Each kind of evidence is one scorer (a proposal, the printed name and the setting in; a named
 * weight out), so a new kind of evidence (the document's country, the offices held at its date) is
 * one more scorer in SCORERS. The decision's reason names the evidence that decided it, and is
 * what the record's `note type="reason"` and the vetting list (`telegram-tei entities`) print.
 */
import type { Cert } from '../../model.js';
import type { DocSetting } from '../context.js';
import { inPeriod, type AuthorityEntry } from '../registers.js';
import { narrowBySetting } from '../setting-fit.js';
import { fold } from '../text.js';
import { forenamesFit, type NameQuery, type Proposal } from './propose.js';

/** What CHOOSE reads of the printed name. */
export type ChoiceQuery = Pick<NameQuery, 'forenames' | 'titleKeys' | 'window'>;

/** What CHOOSE reads of the document (its countries, where known: setting.ts). */
export type ChoiceSetting = Pick<DocSetting, 'date' | 'words'> & Partial<Pick<DocSetting, 'year' | 'countries'>>;

/** One piece of evidence for a proposal: what it is (printed in the reason) and its weight. */
export type Evidence = readonly [label: string, weight: number];

/** One kind of evidence: what it says of a proposal, or nothing. */
export type Scorer = (p: Proposal, q: ChoiceQuery, setting: ChoiceSetting) => Evidence | undefined;

/** The choice: the entry meant (none when no proposal fits the printed name), how sure, and why. */
export interface Decision {
  entry?: AuthorityEntry;
  cert: Cert;
  /** How many proposals fitted the printed name (more than one: a choice among namesakes). */
  candidates: number;
  reason: string;
}

/** Evidence from the dates: alive and of age, in an office at the document's date, an office that fits the title or sentence. */
function periodScore(e: AuthorityEntry, date: string | undefined, titleKeys: readonly string[], window: ReadonlySet<string>): number {
  let score = 0;
  if (date) {
    const year = Number(date.slice(0, 4));
    if (e.born && Number(e.born.slice(0, 4)) > year - 18) score -= 4;
    if (e.died && Number(e.died.slice(0, 4)) < year - 1) score -= 1.5;
  }
  const dated = e.periods.filter((p) => p.from || p.to);
  const current = date ? e.periods.filter((p) => inPeriod(date, p)) : e.periods;
  if (date && dated.length > 0) score += current.some((p) => p.from || p.to) ? 1 : current.length > 0 ? 0 : -1;
  let fits = 0;
  for (const p of current) {
    for (const t of titleKeys) if (p.words.has(t)) fits++;
    for (const w of window) if (p.words.has(w)) fits += 0.5;
  }
  return score + Math.min(fits, 3) * 0.5;
}

const surnamePart: Scorer = (p) => (p.part ? ['a word of the surname only', -1] : undefined);

// a bare surname most often names the prominent person the curated register holds
const forenamesOrCurated: Scorer = (p, q) => (q.forenames.length > 0 ? ['forenames fit', 3] : p.entry.curated ? ['in the curated register', 1] : undefined);

const titleFits: Scorer = (p, q) => {
  let titles = 0;
  for (const t of q.titleKeys) if (p.entry.contextWords.has(t) || (p.entry.titles ?? []).some((x) => fold(x).split(/\s+/).includes(t))) titles += 1;
  return titles > 0 ? ['title fits', titles] : undefined;
};

const roleAtDate: Scorer = (p, q, setting) => {
  const period = periodScore(p.entry, setting.date, q.titleKeys, q.window);
  return period !== 0 ? [period > 0 ? 'a role at the date' : 'no role at the date', period] : undefined;
};

const wordsOfSentence: Scorer = (p, q) => {
  let near = 0;
  for (const w of q.window) if (p.entry.contextWords.has(w)) near++;
  return near > 0 ? ['words of the sentence', Math.min(near, 4) * 0.5] : undefined;
};

const wordsOfDocument: Scorer = (p, _q, setting) => {
  let far = 0;
  for (const w of p.entry.contextWords) if (setting.words.has(w)) far++;
  return far > 0 ? ['words of the document', Math.min(far, 10) * 0.1] : undefined;
};

/** The kinds of evidence weighed, in the order the reason names them. */
export const SCORERS: readonly Scorer[] = [surnamePart, forenamesOrCurated, titleFits, roleAtDate, wordsOfSentence, wordsOfDocument];

/** Where each proposal that fits the printed forenames stands, best first. */
export function rank(proposals: readonly Proposal[], q: ChoiceQuery, setting: ChoiceSetting, scorers: readonly Scorer[] = SCORERS): { proposal: Proposal; score: number; evidence: Evidence[] }[] {
  return proposals
    .filter((p) => forenamesFit(q.forenames, p.entry.forenames ?? []))
    .map((p) => {
      const evidence: Evidence[] = [];
      for (const s of scorers) {
        const e = s(p, q, setting);
        if (e) evidence.push(e);
      }
      return { proposal: p, score: evidence.reduce((sum, [, v]) => sum + v, 0), evidence };
    })
    .sort((a, b) => b.score - a.score);
}

/** The source a reason names for an entry. */
const sourceOf = (entry: AuthorityEntry): string => (entry.hsg ? `people database ${entry.hsg}` : entry.origin === 'userlist' ? "the user's persons list" : 'the register');

/**
 * The decision among proposals. The document's setting first (setting-fit.ts): namesakes out of
 * their time are never chosen; the one holding the office the title names at the date in the
 * setting's country, or the one holding a role there, is chosen (medium: a choice among
 * namesakes). Else, among those the setting leaves, by the scorers. Alone of its name: high when
 * forenames or a title were printed, else medium. Among namesakes: medium when the best leads by 1
 * or more, else low. A surname found only in another romanisation is at most medium.
 */
export function choose(proposals: readonly Proposal[], q: ChoiceQuery, setting: ChoiceSetting, scorers: readonly Scorer[] = SCORERS): Decision {
  const fitting = proposals.filter((p) => forenamesFit(q.forenames, p.entry.forenames ?? []));
  const bySetting = fitting.length > 1
    ? narrowBySetting(fitting.map((p) => p.entry), { date: setting.date, year: setting.year ?? (setting.date ? Number(setting.date.slice(0, 4)) : undefined), countries: setting.countries ?? [] }, q.titleKeys)
    : undefined;
  if (bySetting?.decided && bySetting.kept.length === 1) {
    const entry = bySetting.kept[0]!;
    return { entry, cert: 'medium', candidates: fitting.length, reason: `${sourceOf(entry)}: chosen among ${fitting.length} of that name by the document's setting (${bySetting.decided})` };
  }
  const kept = bySetting ? fitting.filter((p) => bySetting.kept.includes(p.entry)) : fitting;
  const narrowed = bySetting?.decided ? `; the document's setting left ${kept.length} of ${fitting.length}: ${bySetting.decided}` : '';
  const scored = rank(kept, q, setting, scorers);
  const best = scored[0];
  if (!best) {
    const why = bySetting && bySetting.excluded.length > 0
      ? `no person of that name at the date (${bySetting.excluded.map((x) => `${x.entry.name}: ${x.why}`).join('; ')})`
      : proposals.length > 0 ? 'no person of that name has the printed forenames' : 'no person of that name is known';
    return { cert: 'low', candidates: 0, reason: why };
  }
  const second = scored[1];
  const margin = second ? best.score - second.score : Infinity;
  let cert: Cert = margin === Infinity ? (q.forenames.length > 0 || q.titleKeys.length > 0 ? 'high' : 'medium') : margin >= 1 ? 'medium' : 'low';
  // a spelling no list prints is weaker evidence than the name as printed
  if (best.proposal.spelling && cert === 'high') cert = 'medium';
  const entry = best.proposal.entry;
  const source = sourceOf(entry);
  const evidence = best.evidence.filter(([, v]) => v > 0).map(([k]) => k).join(', ');
  const reason = scored.length === 1 && !narrowed
    ? `${source}: the only person of that name plausible${setting.date ? ` in ${setting.date.slice(0, 4)}` : ''}`
    : `${source}: chosen among ${scored.length} of that name (${evidence || 'no evidence'}; margin ${margin.toFixed(1)})${narrowed}`;
  return { entry, cert, candidates: scored.length, reason };
}
