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

const NUMBER = /^(\d{1,5})\.\s+/;
const KIND = /^(?:(?:Telegram|Memorandum|Letter|Airgram|Despatch|Dispatch|Instruction|Note|Circular Telegram|Circular Airgram|Message|Paper|Report|Aide-Mémoire|Aide-Memoire|Minutes)\s+)?(?:From\s+)?/;

function party(text: string, offset: number): (Party & { start: number }) | undefined {
  const paren = /\(([^()]+)\)\s*$/.exec(text);
  if (paren) return { element: 'persName', text: paren[1]!, start: offset + paren.index + 1 };
  const lead = /^(?:the|The)\s+/.exec(text);
  const skip = lead ? lead[0].length : 0;
  const office = text.slice(skip).replace(/[\s,.;:]+$/, '');
  if (!office || /\b(?:by|of a|Conversation)\b/.test(office) && /^Memorandum/.test(office)) return undefined;
  return { element: 'gloss', text: office, start: offset + skip };
}

export function parseHeadParties(head: string): HeadParties {
  const out: HeadParties = {};
  let rest = head;
  let offset = 0;
  const num = NUMBER.exec(rest);
  if (num) {
    out.number = num[1];
    rest = rest.slice(num[0].length);
    offset += num[0].length;
  }
  // Memorandum of (a) Conversation, by Mr. Charles P. Noyes of the … to the United Nations
  const by = /^Memorandum(?: of (?:a )?Conversation)?, by (?:(?:Mr|Mrs|Miss|Dr)\.\s+)?(.+?)$/.exec(rest);
  if (by) {
    const who = by[1]!;
    const start = offset + rest.indexOf(who);
    const paren = /\(([^()]+)\)/.exec(who);
    if (paren) {
      out.from = { element: 'persName', text: paren[1]!, start: start + paren.index + 1 };
    } else {
      const name = /^((?:\p{Lu}[\p{L}’'-]*\.?\s+)*\p{Lu}[\p{L}’'-]+)(?=,|\s+of\s|$)/u.exec(who);
      if (name) out.from = { element: 'persName', text: name[1]!, start };
    }
    const to = /\s+to the\s+(.+)$/.exec(who);
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
