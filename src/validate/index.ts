/**
 * The validate stage for TEI: schemas/telegram-tei.rng (RELAX NG, libxml2-wasm) and the integrity
 * rules (src/validate/rules.ts), on one parse of the document.
 */
import type { Message } from '../messages.js';
import { checkParsed } from './rules.js';
import { parseXml, SCHEMA_RULE, validateParsed } from './relaxng.js';

export { checkRules } from './rules.js';
export { SCHEMA_PATH, validateAgainst, validateTei } from './relaxng.js';

/**
 * Validate a TEI document: schema, then rules. Messages are `file:line:col` (our TEI has the
 * header, the standOff and each block of the text on lines of their own, src/tei/indent.ts; the
 * column points at the offending tag or attribute), sorted by position.
 * A document that is not well-formed or has a DOCTYPE gets that one message and nothing else.
 */
export function validateTeiDocument(xml: string, file: string): Message[] {
  const { parsed, messages } = parseXml(xml, file);
  if (!parsed) return messages;
  try {
    const rules = checkParsed(parsed);
    // A duplicate xml:id fails xs:ID in the schema too, at the same attribute: keep the rule's
    // message, which says where the first one is.
    const duplicates = new Set(rules.filter((m) => m.rule === 'tei/duplicate-id').map((m) => `${m.line}:${m.column}`));
    const schema = validateParsed(parsed).filter(
      (m) => !(m.rule === SCHEMA_RULE && duplicates.has(`${m.line}:${m.column}`) && /used more than once \(xs:ID\)|^Invalid attribute id for element/.test(m.text)),
    );
    return [...schema, ...rules].sort((a, b) => a.line - b.line || a.column - b.column);
  } finally {
    parsed.doc.dispose();
  }
}
