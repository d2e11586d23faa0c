/**
 * Serialising the built TEI: element-only content indented, mixed content untouched.
 *
 * A TEI document on one line makes every `file:line:col` (from `validate`, from any XML editor)
 * say line 1, and every diff one changed line. Here the children of elements whose content TEI
 * makes element-only (the header, standOff, text, body, div, lists, tables …) each start a line,
 * indented two spaces a level, so that each block of the text (a paragraph, an opener, a list
 * item) stands on a line of its own. Elements with mixed content (p, head, note, opener,
 * closer, item, cell …) are never indented: whitespace there is text, and would change the
 * document. (xmlbuilder2's prettyPrint indents everything, mixed content included.)
 *
 * The whitespace added is insignificant in TEI, and the stylesheets strip it: the xsl:strip-space
 * of xslt/lookups.xsl names every element of ELEMENT_ONLY (test/tei-indent.test.ts checks both,
 * and that every output is the same with and without the indentation).
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

/** The elements build.ts writes whose TEI content model is element-only. */
export const ELEMENT_ONLY: ReadonlySet<string> = new Set([
  'TEI', 'teiHeader', 'fileDesc', 'titleStmt', 'respStmt', 'publicationStmt', 'notesStmt', 'sourceDesc',
  'encodingDesc', 'appInfo', 'application', 'tagsDecl', 'profileDesc', 'correspDesc', 'correspAction',
  'standOff', 'listPerson', 'listPlace', 'listOrg', 'person', 'place', 'org',
  'text', 'body', 'div', 'postscript', 'list', 'table', 'row',
]);

const INDENT = '  ';

/** Minimal DOM, as xmlbuilder2's nodes give it. */
interface DomNode {
  nodeType: number;
  localName?: string | null;
  data?: string;
  childNodes: ArrayLike<DomNode>;
  ownerDocument: { createTextNode(data: string): DomNode } | null;
  insertBefore(node: DomNode, child: DomNode | null): DomNode;
  appendChild(node: DomNode): DomNode;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The TEI document as text: declaration, then the root, indented; a final newline. */
export function serializeTei(root: XMLBuilder): string {
  indentElementOnly(root.node as unknown as DomNode, 0);
  const xml = root.end({ prettyPrint: false, wellFormed: true });
  // the root on a line of its own, after the XML declaration
  return xml.replace(/^(<\?xml[^>]*\?>)(?=<)/, '$1\n') + '\n';
}

/** Puts each child of an element-only element on a line of its own, recursively. */
export function indentElementOnly(element: DomNode, depth: number): void {
  const children = Array.from(element.childNodes);
  const elementOnly = element.localName != null && ELEMENT_ONLY.has(element.localName)
    // (never add space beside text: an element-only element holds none, and if it did, it
    // would not be ours to change)
    && !children.some((c) => c.nodeType === TEXT_NODE && (c.data ?? '').trim() !== '');
  const doc = element.ownerDocument;
  for (const child of children) {
    if (child.nodeType !== ELEMENT_NODE) continue;
    if (elementOnly && doc) element.insertBefore(doc.createTextNode(`\n${INDENT.repeat(depth + 1)}`), child);
    indentElementOnly(child, elementOnly ? depth + 1 : depth);
  }
  if (elementOnly && doc && children.some((c) => c.nodeType === ELEMENT_NODE)) {
    element.appendChild(doc.createTextNode(`\n${INDENT.repeat(depth)}`));
  }
}
