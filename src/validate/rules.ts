/**
 * Integrity rules RELAX NG cannot express, checked on the tree libxml2 already parsed for the schema.
 *
 * Why TypeScript rather than Schematron: the rules run on every document, and node-schematron costs
 * about 28 ms a document (XPath 3.1 in JavaScript) against a budget of a couple of milliseconds for
 * the whole validate stage; an XSLT-compiled Schematron would need a second parse, into SaxonJS.
 * Why not XPath over libxml2-wasm's tree: measured, reading node names and attribute values from
 * JavaScript is one wasm call per property, and the rules cost 0.7-1 ms a document that way. Here
 * they run on the SourceIndex (relaxng.ts) of the text libxml2 has just accepted as well-formed:
 * one regular-expression pass, about 0.1 ms a document, with the offset of every attribute for the
 * messages (`file:line:col`). The rules are few and set-based (uniqueness, resolution, order), which
 * plain code says more clearly than Schematron's XPath; schemas/README.md states each of them as the
 * reference for TEI users who want them in Schematron.
 *
 * Rules (rule id: severity):
 *   tei/duplicate-id        error    every xml:id is unique in the document
 *   tei/dangling-pointer    error    every `#id` in @ref, @resp, @corresp, @rendition, @target,
 *                                    @source names an xml:id of the document; @corresp may point
 *                                    outside it when the id is a FRUS persons-list id (`#p_…`)
 *   tei/pointer-target      error    the pointer names the right kind of record: @resp and @source a
 *                                    respStmt, @rendition a rendition, @corresp of persName and of a
 *                                    role (gloss type="role") a person, of placeName a place, of
 *                                    orgName an org (@ref likewise, in TEI written before @corresp)
 *   tei/footnote-order      warning  numbered footnotes in the text run in non-decreasing order
 *                                    (16, 16a, 17; unanchored notes, gathered at the end, excepted).
 *                                    A warning: FRUS itself prints notes out of sequence at times
 *                                    (frus1942v06_d418: 60 then 58, a note of the previous document)
 *   tei/duplicate-footnote  warning  the same footnote number twice in a document
 *   tei/note-id             error    every footnote in the text has @n and xml:id
 *   tei/duplicate-page      warning  the same page number (pb/@n) twice in a document
 *   tei/resp-without-cert   error    every element in the text with @resp (a machine-made tag) has
 *                                    @cert
 */
import type { Message, Severity } from '../messages.js';
import { message } from '../messages.js';
import { TEI_NS, XML_NS } from '../tei/vocabulary.js';
import type { IndexedAttribute, IndexedElement, ParsedXml, SourceIndex } from './relaxng.js';
import { parseXml } from './relaxng.js';

/** Pointer attributes (TEI's own: no namespace) and the kind of element each must point to. */
const POINTER_ATTRIBUTES = new Set(['ref', 'resp', 'corresp', 'rendition', 'target', 'source']);

function expectedTarget(attribute: string, element: string): readonly string[] | undefined {
  switch (attribute) {
    case 'resp':
    case 'source':
      return ['respStmt'];
    case 'rendition':
      return ['rendition'];
    case 'corresp':
      // Names link to their records with @corresp, the FRUS convention (a role, gloss type="role",
      // to the person it stands for); `rs` and @ref are read for TEI written before it.
      if (element === 'persName' || element === 'gloss' || element === 'rs') return ['person'];
      if (element === 'placeName') return ['place'];
      if (element === 'orgName') return ['org'];
      return undefined;
    case 'ref':
      if (element === 'persName' || element === 'rs') return ['person'];
      if (element === 'placeName') return ['place'];
      if (element === 'orgName') return ['org'];
      if (element === 'name') return ['application'];
      return undefined;
    default:
      return undefined;
  }
}

/** A footnote number as a sortable pair: `16a` -> [16, 'a']. */
function footnoteKey(n: string): [number, string] | undefined {
  const m = /^(\d+)([a-z]*)$/.exec(n);
  return m ? [Number(m[1]), m[2]!] : undefined;
}

function compareKeys(a: [number, string], b: [number, string]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

const attr = (e: IndexedElement, local: string, ns = ''): IndexedAttribute | undefined =>
  e.attributes.find((a) => a.local === local && a.ns === ns);

/** Run the rules on a document parsed by `parseXml` (shared with the schema stage). */
export function checkParsed(parsed: ParsedXml): Message[] {
  return checkIndex(parsed.index, parsed.file);
}

/** The rules, on the element index of a well-formed document. */
export function checkIndex(index: SourceIndex, file: string): Message[] {
  const out: Message[] = [];
  const report = (severity: Severity, rule: string, text: string, element: IndexedElement, attribute?: IndexedAttribute) =>
    out.push(message(severity, rule, `${text} (at ${index.path(element)})`, file, index.locate(element, attribute)));
  const where = (element: IndexedElement, attribute?: IndexedAttribute) => {
    const at = index.locate(element, attribute);
    return `${at.line}:${at.column}`;
  };

  const elements = index.elements;
  const isTei = (e: IndexedElement, local: string) => e.local === local && e.ns === TEI_NS;
  // Inside <text> (not the header, not standOff): where footnotes, pages and machine-made tags are.
  const inText = new Uint8Array(elements.length);
  const ids = new Map<string, { element: IndexedElement; attribute: IndexedAttribute }>();
  const pointers: { element: IndexedElement; attribute: IndexedAttribute }[] = [];
  const notes: IndexedElement[] = [];
  const pages: IndexedElement[] = [];

  for (const e of elements) {
    const parent = e.parent >= 0 ? elements[e.parent]! : undefined;
    if (parent && (inText[parent.ordinal] || isTei(parent, 'text'))) inText[e.ordinal] = 1;
    for (const a of e.attributes) {
      if (a.ns === XML_NS && a.local === 'id') {
        // tei/duplicate-id
        const first = ids.get(a.value);
        if (first) report('error', 'tei/duplicate-id', `xml:id "${a.value}" is already used at ${where(first.element, first.attribute)}`, e, a);
        else ids.set(a.value, { element: e, attribute: a });
      } else if (a.ns === '' && POINTER_ATTRIBUTES.has(a.local)) {
        pointers.push({ element: e, attribute: a });
      }
    }
    if (!inText[e.ordinal]) continue;
    if (isTei(e, 'note') && !(attr(e, 'rend')?.value === 'inline' && attr(e, 'type')?.value === 'source')) notes.push(e);
    else if (isTei(e, 'pb')) pages.push(e);
    // tei/resp-without-cert
    const resp = attr(e, 'resp');
    if (resp && !attr(e, 'cert')) report('error', 'tei/resp-without-cert', `${e.name} has @resp="${resp.value}" but no @cert (high, medium or low)`, e, resp);
  }

  // tei/dangling-pointer, tei/pointer-target
  for (const { element, attribute } of pointers) {
    for (const token of attribute.value.split(/\s+/)) {
      if (!token.startsWith('#')) continue; // not a same-document pointer: the schema decides
      const target = ids.get(token.slice(1));
      if (!target) {
        if (attribute.local === 'corresp' && token.startsWith('#p_')) continue; // the user's FRUS persons list
        report('error', 'tei/dangling-pointer', `@${attribute.name}="${token}" points to no xml:id in the document`, element, attribute);
        continue;
      }
      const expected = element.ns === TEI_NS ? expectedTarget(attribute.local, element.local) : undefined;
      const kind = target.element.local;
      if (expected && !(target.element.ns === TEI_NS && expected.includes(kind))) {
        report('error', 'tei/pointer-target', `@${attribute.name} of ${element.name} must point to ${expected.join(' or ')}, but "${token}" is a ${kind} (${where(target.element, target.attribute)})`, element, attribute);
      }
    }
  }

  // tei/note-id, tei/duplicate-footnote, tei/footnote-order
  const numbers = new Map<string, IndexedElement>();
  let previous: { key: [number, string]; n: string; note: IndexedElement } | undefined;
  for (const note of notes) {
    const n = attr(note, 'n')?.value;
    const id = attr(note, 'id', XML_NS)?.value;
    if (n === undefined || id === undefined) {
      const missing = [n === undefined ? '@n' : '', id === undefined ? 'xml:id' : ''].filter(Boolean).join(' and ');
      report('error', 'tei/note-id', `footnote without ${missing}`, note);
    }
    if (n === undefined) continue;
    const first = numbers.get(n);
    if (first) report('warning', 'tei/duplicate-footnote', `footnote number ${n} is used twice (first at ${where(first)})`, note);
    else numbers.set(n, note);
    // Unanchored notes are gathered at the end of the document, out of sequence by design.
    if (attr(note, 'type')?.value === 'unanchored') continue;
    const key = footnoteKey(n);
    if (!key) continue; // not numeric: the schema decides
    if (previous && compareKeys(key, previous.key) < 0) {
      report('warning', 'tei/footnote-order', `footnote ${n} comes after footnote ${previous.n} (${where(previous.note)}): out of sequence, as printed?`, note);
    }
    previous = { key, n, note };
  }

  // tei/duplicate-page
  const pageNumbers = new Map<string, IndexedElement>();
  for (const pb of pages) {
    const n = attr(pb, 'n')?.value;
    if (n === undefined) continue;
    const first = pageNumbers.get(n);
    if (first) report('warning', 'tei/duplicate-page', `page ${n} begins twice (first at ${where(first)})`, pb);
    else pageNumbers.set(n, pb);
  }

  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Check the integrity rules on a TEI document: messages `file:line:col`, rule ids `tei/…`. */
export function checkRules(xml: string, file: string): Message[] {
  const { parsed, messages } = parseXml(xml, file);
  if (!parsed) return messages;
  try {
    return checkParsed(parsed);
  } finally {
    parsed.doc.dispose();
  }
}
