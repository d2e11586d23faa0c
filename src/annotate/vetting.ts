/**
 * The vetting list of a TEI document (`telegram-tei entities FILE.tei.xml`): every machine-made tag
 * (an element with @cert), grouped by certainty, low first, with its text, element, pointer and the
 * name of the record it points to, so that an editor checks the doubtful ones first.
 */
import { isEl, parseXmlTree, textContent, type XElement } from './xml.js';

export interface VettingEntry {
  cert: string;
  element: string;
  text: string;
  /** @ref, @when/@from–@to for dates. */
  ref?: string;
  corresp?: string;
  value?: string;
  /** Name of the standOff record @ref points to. */
  recordName?: string;
  /** Why the record was chosen (its `note type="reason"`). */
  reason?: string;
  resp?: string;
  /** `note 3` when the tag stands in a footnote, `head`, `opener`, `closer`, or `text`. */
  where: string;
}

const ORDER = ['low', 'medium', 'high'];

function records(root: XElement): Map<string, { name: string; reason?: string }> {
  const out = new Map<string, { name: string; reason?: string }>();
  const walk = (el: XElement) => {
    for (const c of el.children) {
      if (!isEl(c)) continue;
      if ((c.name === 'person' || c.name === 'place' || c.name === 'org') && c.attrs['xml:id']) {
        const name = c.children.find((n): n is XElement => isEl(n) && /^(?:persName|placeName|orgName)$/.test(n.name));
        const reason = c.children.find((n): n is XElement => isEl(n) && n.name === 'note' && n.attrs['type'] === 'reason');
        out.set(c.attrs['xml:id'], { name: name ? textContent(name) : '', ...(reason ? { reason: textContent(reason) } : {}) });
      }
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** The machine-made tags of a TEI document, low certainty first. Throws nothing: a document that is not well-formed gives none. */
export function vettingEntries(teiXml: string): VettingEntry[] {
  const parsed = parseXmlTree(teiXml);
  if (!parsed.ok) return [];
  const names = records(parsed.root);
  const out: VettingEntry[] = [];
  const walk = (el: XElement, where: string, inText: boolean) => {
    for (const c of el.children) {
      if (!isEl(c)) continue;
      let here = where;
      if (c.name === 'note' && c.attrs['n']) here = `note ${c.attrs['n']}`;
      else if (!where.startsWith('note') && (c.name === 'head' || c.name === 'opener' || c.name === 'closer')) here = c.name;
      const inBody = inText || c.name === 'text';
      if (inBody && c.attrs['cert']) {
        // Names link to their records with @corresp (FRUS); @ref in TEI written before.
        const ref = c.attrs['ref'] ?? (c.attrs['corresp'] && names.has(c.attrs['corresp'].replace(/^#/, '')) ? c.attrs['corresp'] : undefined);
        const value = c.attrs['when'] ?? (c.attrs['from'] || c.attrs['to'] ? `${c.attrs['from'] ?? ''}/${c.attrs['to'] ?? ''}` : undefined);
        const entry: VettingEntry = { cert: c.attrs['cert'], element: c.name === 'rs' || (c.name === 'gloss' && c.attrs['type'] === 'role') ? `${c.name}[${c.attrs['type'] ?? ''}]` : c.name, text: textContent(c, (e) => e.name === 'note'), where: here };
        if (ref) {
          entry.ref = ref;
          const record = names.get(ref.replace(/^#/, ''));
          if (record !== undefined) entry.recordName = record.name;
          if (record?.reason) entry.reason = record.reason;
        }
        if (c.attrs['corresp'] && c.attrs['corresp'] !== ref) entry.corresp = c.attrs['corresp'];
        if (value) entry.value = value;
        if (c.attrs['resp']) entry.resp = c.attrs['resp'].replace(/^#resp\./, '');
        if (c.attrs['type'] === 'from' || c.attrs['type'] === 'to') entry.element = `${c.name}[${c.attrs['type']}]`;
        out.push(entry);
      }
      walk(c, here, inBody);
    }
  };
  walk(parsed.root, 'text', false);
  const rank = (c: string) => {
    const k = ORDER.indexOf(c);
    return k < 0 ? -1 : k;
  };
  return out.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.cert) - rank(b.e.cert) || a.i - b.i).map((x) => x.e);
}

/**
 * Lines of the vetting list: a heading per certainty (`low (3)`), then one line per tag:
 * `  persName  "Nutting"  -> #per-doc-nutting (Nutting)  [pattern]  note 2`.
 */
export function vettingLines(teiXml: string): string[] {
  const entries = vettingEntries(teiXml);
  const lines: string[] = [];
  let current: string | undefined;
  for (const e of entries) {
    if (e.cert !== current) {
      current = e.cert;
      lines.push(`${e.cert} (${entries.filter((x) => x.cert === e.cert).length})`);
    }
    const target = e.ref ? ` -> ${e.ref}${e.recordName !== undefined ? ` (${e.recordName})` : ''}` : e.value ? ` = ${e.value}` : '';
    const corresp = e.corresp ? ` corresp ${e.corresp}` : '';
    lines.push(`  ${e.element.padEnd(9)} "${e.text}"${target}${corresp}${e.resp ? `  [${e.resp}]` : ''}  ${e.where}${e.reason ? `  — ${e.reason}` : ''}`);
  }
  return lines;
}

/** The vetting list as text (one line per tag, newline-terminated), for the `entities` command. */
export function vettingList(teiXml: string): string {
  const lines = vettingLines(teiXml);
  return lines.length > 0 ? `${lines.join('\n')}\n` : 'no machine-made tags\n';
}
