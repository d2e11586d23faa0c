/**
 * A user's --persons list checked before it is used: every id the loader (registers.ts,
 * loadUserPersons) would take must be a valid xml:id (an XML name: mentions point to it with
 * `@corresp="#id"`) and must occur once. Problems are reported against the list's own file and
 * line, instead of every document that mentions a broken id failing with an error blamed on it.
 *
 * The ids are found the way the loader finds them: the xml:id (or id) of every `person` when the
 * list has any, else the first `persName` with an xml:id in every FRUS `item`.
 */
import { SaxesParser } from 'saxes';
import { formatMessage, message, type Located, type Message } from '../messages.js';

/** An XML name without a colon (NCName), as xml:id requires. */
const NCNAME = /^[\p{L}_][\p{L}\p{M}\p{N}._\u00B7\u203F\u2040-]*$/u;

interface Candidate {
  id: string;
  at: Located;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** The ids the loader would take, with where each is written. Undefined when the list is not well-formed (the loader says so). */
function candidates(xml: string): { persons: Candidate[]; items: Candidate[] } | undefined {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const persons: Candidate[] = [];
  const items: Candidate[] = [];
  const stack: string[] = [];
  let tagStart: Located = { line: 0, column: 0 };
  /** Depth of the open outermost `item`, and whether its id (its first persName with an xml:id) is found. */
  let itemDepth: number | undefined;
  let itemFound = false;
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentagstart', () => {
    // saxes is past the name by now: the tag starts at the last `<` (1-based column, as editors count).
    const lt = xml.lastIndexOf('<', parser.position - 1);
    tagStart = { line: parser.line, column: lt - xml.lastIndexOf('\n', lt) };
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attrs = tag.attributes as Record<string, string>;
    const id = attrs['xml:id'] ?? Object.entries(attrs).find(([k]) => k !== 'xml:id' && localName(k) === 'id')?.[1];
    // Not within another person (the loader does not look inside one).
    if (name === 'person' && !stack.includes('person') && id !== undefined) persons.push({ id, at: tagStart });
    if (name === 'item' && itemDepth === undefined) {
      itemDepth = stack.length;
      itemFound = false;
    } else if (name === 'persName' && itemDepth !== undefined && !itemFound && attrs['xml:id'] !== undefined) {
      items.push({ id: attrs['xml:id'], at: tagStart });
      itemFound = true;
    }
    stack.push(name);
  });
  parser.on('closetag', () => {
    stack.pop();
    if (stack.length === itemDepth) itemDepth = undefined;
  });
  try {
    parser.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? undefined : { persons, items };
}

/** Malformed and duplicate ids of a persons list, each an error at its line and column. */
export function personsListProblems(xml: string, file: string): Message[] {
  const found = candidates(xml);
  if (!found) return [];
  const ids = found.persons.length > 0 ? found.persons : found.items;
  const problems: Message[] = [];
  const first = new Map<string, Located>();
  for (const { id, at } of ids) {
    if (!NCNAME.test(id)) {
      problems.push(message('error', 'persons/bad-id', `xml:id "${id}" is not a valid XML name (a letter or _ first, then letters, digits, ".", "-", "_"; no spaces or colons)`, file, at));
      continue;
    }
    const earlier = first.get(id);
    if (earlier) problems.push(message('error', 'persons/duplicate-id', `xml:id "${id}" is used more than once (first at line ${earlier.line})`, file, at));
    else first.set(id, at);
  }
  return problems;
}

/** The problems as lines of text (the first ten, and how many more), for a refusal. */
export function personsListRefusal(problems: readonly Message[]): string {
  const lines = problems.slice(0, 10).map(formatMessage);
  if (problems.length > 10) lines.push(`${problems[0]!.file}: and ${problems.length - 10} more problems in the persons list`);
  return lines.join('\n');
}
