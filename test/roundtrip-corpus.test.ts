/**
 * Nothing lost: converting each dev-corpus raw file and writing its text gives the input back
 * (byte for byte where the layout allows; always identical ignoring white space), and the reading
 * text keeps every word of the running text.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertBytes } from '../src/index.js';
import { defaultRegisters } from '../src/annotate/index.js';
import { renderText } from '../src/transform/stylesheets.js';
import { corpusDir, hasCorpus, skipNote } from './helpers.js';

const squash = (s: string): string => s.replace(/\s+/g, '');

describe.skipIf(!hasCorpus)(hasCorpus ? 'text round trip on the dev corpus' : skipNote('the corpus round trip'), () => {
  const registers = defaultRegisters();
  const files = hasCorpus ? readdirSync(join(corpusDir, 'raw')).filter((f) => f.endsWith('.txt')).sort() : [];
  let identical = 0;
  for (const name of files) {
    it(name, () => {
      const bytes = readFileSync(join(corpusDir, 'raw', name));
      const input = bytes.toString('utf8');
      const result = convertBytes(bytes, { file: name, annotate: { registers } });
      expect(result.ok).toBe(true);
      expect(result.documents).toHaveLength(1);
      const text = result.documents[0]!.outputs!.text;
      expect(squash(text)).toBe(squash(input));
      if (text === input) identical++;
      const reading = renderText(result.documents[0]!.tei!.xml, 'reading');
      expect(reading).not.toContain('[Page ');
    });
  }
  it('reports how many came back byte for byte', () => {
    console.info(`[roundtrip] ${identical} of ${files.length} dev-corpus documents come back byte for byte`);
    expect(identical).toBe(files.length);
  });
});
