import { XmlDocument, ParseOption, RelaxNGValidator, XmlValidateError } from 'libxml2-wasm';
const srcs = [
 `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`,
 `<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "file:///etc/passwd"><x>a</x>`,
 `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]><x>&e;</x>`,
];
for (const s of srcs) for (const opt of [0, ParseOption.XML_PARSE_NOENT, ParseOption.XML_PARSE_NOENT|ParseOption.XML_PARSE_DTDLOAD, ParseOption.XML_PARSE_NO_XXE|ParseOption.XML_PARSE_NONET]) {
  try { const d = XmlDocument.fromString(s, { option: opt }); console.log(opt, JSON.stringify(d.toString()), d.dtd !== null, d.warnings); d.dispose(); }
  catch (e: any) { console.log(opt, 'ERR', e.message, JSON.stringify(e.details)); }
}
