/**
 * Validation and the transforms in a thread of their own (a cold `convert`, src/transform/tei-thread.ts)
 * give what they give in the converting thread: the same outputs and messages, the same errors,
 * and, once the thread is gone, the same again from the converting thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRegisters } from '../src/annotate/index.js';
import { convertBytes, type ConversionResult } from '../src/index.js';
import { IN_THREAD, orInThread } from '../src/transform/tei-stages.js';
import { startTeiThread } from '../src/transform/tei-thread.js';
import { corpusDir, hasCorpus, seedPath } from './helpers.js';

const registers = defaultRegisters();
const thread = startTeiThread();
afterAll(() => thread.close());

const inputs = [seedPath, ...(hasCorpus ? readdirSync(join(corpusDir, 'raw')).filter((f) => f.endsWith('.txt')).slice(0, 4).map((f) => join(corpusDir, 'raw', f)) : [])];

const outcome = (r: ConversionResult) => r.documents.map((d) => ({ ok: d.ok, tei: d.tei?.xml, outputs: d.outputs, messages: d.messages }));

const convert = (file: string, teiStages?: typeof thread) =>
  convertBytes(readFileSync(file), { file, annotate: { registers }, textLayout: 'reading', ...(teiStages ? { teiStages } : {}) });

describe('the TEI stages in a thread of their own', () => {
  it('give the outputs and messages of the converting thread (the example and dev-corpus documents)', () => {
    for (const file of inputs) {
      const here = convert(file);
      expect(here.ok).toBe(true);
      expect(outcome(convert(file, thread))).toEqual(outcome(here));
    }
  });

  it('report an invalid TEI document as the converting thread does', () => {
    const tei = convert(seedPath).documents[0]!.tei!.xml;
    for (const broken of [tei.replace('<body>', '<body><bogus/>'), tei.replace('</TEI>', ''), '<!DOCTYPE x [<!ENTITY e "e">]><TEI/>']) {
      expect(thread.validate(broken, 'broken.tei.xml')).toEqual(IN_THREAD.validate(broken, 'broken.tei.xml'));
    }
  });

  it('throw the error the converting thread throws for TEI the transforms cannot read', () => {
    const fail = (f: () => unknown): string => {
      try {
        f();
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    const here = fail(() => IN_THREAD.transform('<TEI', 'x.tei.xml', 'raw'));
    expect(here).not.toBe('no error');
    expect(fail(() => thread.transform('<TEI', 'x.tei.xml', 'raw'))).toBe(here);
  });

  it('once closed, leave the work to the converting thread, with the same results', () => {
    const other = startTeiThread();
    other.close();
    const stages = orInThread(other);
    const tei = convert(seedPath).documents[0]!.tei!.xml;
    expect(stages.validate(tei, 'x.tei.xml')).toEqual(IN_THREAD.validate(tei, 'x.tei.xml'));
    const there = stages.transform(tei, 'x.tei.xml', 'raw');
    const here = IN_THREAD.transform(tei, 'x.tei.xml', 'raw');
    expect([there.json(), there.html(), there.text()]).toEqual([here.json(), here.html(), here.text()]);
    expect(outcome(convert(seedPath, other))).toEqual(outcome(convert(seedPath)));
  });
});
