/**
 * The head: `The Ambassador in the Soviet Union (Smith) to the Secretary of State`,
 * `190. Telegram From the Embassy in Greece to the Department of State`,
 * `Memorandum of Conversation, by Mr. Charles P. Noyes of the United States Mission to the United Nations`.
 * Finds the document number, and the sender and addressee: a person named in parentheses is
 * a `persName`, an office or institution a `gloss` (FRUS convention).
 */
export interface Party {
  /** `persName` for a person named in parentheses, `gloss` for an office. */
  element: 'persName' | 'gloss';
  text: string;
}

export interface HeadParties {
  number?: string;
  from?: Party & { start: number };
  to?: Party & { start: number };
}

/** `190. Telegram From …`, and `No. 262 The Acting Secretary …` as some volumes print it. */
const NUMBER = /^(?:No\.\s*(\d{1,5}[a-z]?)\.?|(\d{1,5}[a-z]?)\.)\s+/;
const KIND = /^(?:(?:Telegram|Memorandum|Letter|Airgram|Despatch|Dispatch|Instruction|Note|Circular Telegram|Circular Airgram|Message|Paper|Report|Aide-Mémoire|Aide-Memoire|Minutes)\s+)?(?:From\s+)?/;

function party(text: string, offset: number): (Party & { start: number }) | undefined {
  const paren = /\(([^()]+)\)\s*$/.exec(text);
  if (paren) return { element: 'persName', text: paren[1]!, start: offset + paren.index + 1 };
  const lead = /^(?:the|The)\s+/.exec(text);
  const skip = lead ? lead[0].length : 0;
  const office = text.slice(skip).replace(/[\s,.;:]+$/, '');
  if (!office || /\b(?:by|of a|Conversation)\b/.test(office) && /^Memorandum/.test(office)) return undefined;
  // "President Roosevelt", "Acting Secretary of State Dillon": the title stays outside the name (FRUS).
  const titled = nameAfterTitle(office);
  if (titled) return { element: 'persName', text: titled.name, start: offset + skip + titled.start };
  return { element: 'gloss', text: office, start: offset + skip };
}

/** A title, as printed before a name in a head ("Acting Secretary of State", "President", "Mr."). */
const TITLE = new RegExp(
  String.raw`^(?:(?:Acting|Under|Assistant|Deputy|Special|Vice|Former|Foreign|Prime|Consul|Secretary[- ]General|Chargé d[’']Affaires(?: ad interim)?)\s+)*` +
    String.raw`(?:Secretary of State|Secretary of (?:War|the Navy|the Treasury|Defense|Commerce|Agriculture|the Army|the Air Force)|Secretary[- ]General|Secretary|President|Ambassador|Minister|Premier|Chancellor|Senator|Governor|General|Admiral|Colonel|Consul General|Consul|Chargé(?: d[’']Affaires)?|King|Queen|Emperor|Shah|Mr\.|Mrs\.|Miss|Dr\.|Sir|Lord)\s+`,
  'u',
);
/** A person's name: capitalised words and initials, with the particles of surnames. */
const NAME = /^(?:\p{Lu}[\p{L}’'-]*\.?)(?:\s+(?:\p{Lu}[\p{L}’'-]*\.?|de|da|del|van|von|la|le))*$/u;

/** `Acting Secretary of State Dillon` -> `Dillon` at 32; undefined unless titles are followed by a name. */
export function nameAfterTitle(text: string): { name: string; start: number } | undefined {
  let start = 0;
  for (let m = TITLE.exec(text); m; m = TITLE.exec(text.slice(start))) {
    start += m[0].length;
    if (start >= text.length) return undefined;
  }
  if (start === 0) return undefined;
  const name = text.slice(start);
  return NAME.test(name) ? { name, start } : undefined;
}

export function parseHeadParties(head: string): HeadParties {
  const out: HeadParties = {};
  let rest = head;
  let offset = 0;
  const num = NUMBER.exec(rest);
  if (num) {
    out.number = num[1] ?? num[2];
    rest = rest.slice(num[0].length);
    offset += num[0].length;
  }
  // Memorandum (of Conversation)(,) by Mr. Charles P. Noyes of the … | by the Acting Secretary of State Dillon | by the Secretary of State to the President
  const by = /^Memorandum(?: of (?:a )?Conversation)?,? by (?:(?:Mr|Mrs|Miss|Dr)\.\s+)?(.+?)$/.exec(rest);
  if (by) {
    const who = by[1]!;
    const start = offset + rest.indexOf(who);
    const to = /\s+to the\s+(.+)$/.exec(who);
    const sender = (to ? who.slice(0, to.index) : who).replace(/[\s,.;:]+$/, '');
    const paren = /\(([^()]+)\)/.exec(sender);
    const lead = /^the\s+/i.exec(sender)?.[0].length ?? 0;
    const titled = paren ? undefined : nameAfterTitle(sender.slice(lead));
    if (paren) {
      out.from = { element: 'persName', text: paren[1]!, start: start + paren.index + 1 };
    } else if (titled) {
      out.from = { element: 'persName', text: titled.name, start: start + lead + titled.start };
    } else if (lead > 0) {
      out.from = { element: 'gloss', text: sender.slice(lead), start: start + lead };
    } else {
      const name = /^((?:\p{Lu}[\p{L}’'-]*\.?\s+)*\p{Lu}[\p{L}’'-]+)(?=,|\s+of\s|$)/u.exec(who);
      if (name) out.from = { element: 'persName', text: name[1]!, start };
    }
    if (to) out.to = { element: 'gloss', text: to[1]!, start: start + to.index + to[0].length - to[1]!.length };
    return out;
  }
  // Memorandum of a Conversation Between Spyros Skouras and Secretary of State Dulles, …
  const between = /^Memorandum of (?:a )?Conversation Between (.+?) and (.+?)(?:,|$)/.exec(rest);
  if (between) {
    const a = between[1]!;
    const b = between[2]!;
    out.from = { element: 'persName', text: stripTitle(a), start: offset + rest.indexOf(a) + a.length - stripTitle(a).length };
    const bStart = offset + rest.indexOf(b, between.index + 'Memorandum of a Conversation Between '.length + a.length);
    out.to = { element: 'persName', text: stripTitle(b), start: bStart + b.length - stripTitle(b).length };
    return out;
  }
  if (/^Memorandum of (?:a )?Conversation\b/.test(rest)) return out;
  const kind = KIND.exec(rest)!;
  rest = rest.slice(kind[0].length);
  offset += kind[0].length;
  const split = splitAtTo(rest);
  if (!split) return out;
  out.from = party(split.sender, offset);
  out.to = party(split.recipient, offset + split.recipientStart);
  return out;
}

/** The last ` to ` outside parentheses splits sender from addressee. */
function splitAtTo(text: string): { sender: string; recipient: string; recipientStart: number } | undefined {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith(' to ', i)) {
      found = i;
      break;
    }
  }
  if (found < 0) return undefined;
  const recipientStart = found + 4;
  return { sender: text.slice(0, found), recipient: text.slice(recipientStart), recipientStart };
}

const TITLES = /^(?:(?:Secretary of State|Under Secretary of State|Assistant Secretary of State|Secretary|Ambassador|Minister|Foreign Minister|Prime Minister|President|General|Admiral|Sir|Lord|Mr\.|Mrs\.|Miss|Dr\.)\s+)+/;
function stripTitle(s: string): string {
  return s.replace(TITLES, '');
}
