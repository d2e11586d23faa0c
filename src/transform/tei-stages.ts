/**
 * The stages after the TEI is built: RELAX NG validation, then the three transforms. They run in
 * the converting thread (`IN_THREAD`), or, for a cold `convert`, in a thread of their own started
 * first thing (tei-thread.ts), which loads libxml2, SaxonJS and the stylesheets on the second core
 * while this one loads the registers and annotates. Either way the same calls give the same results.
 */
import type { Message } from '../messages.js';
import { validateTeiDocument } from '../validate/index.js';
import { parseTei, renderHtml, renderJson, renderText, type DocumentJson, type TextLayout } from './stylesheets.js';

/** The transforms of one TEI document, taken in this order: json, html, text. */
export interface Transforms {
  json(): DocumentJson;
  html(): string;
  text(): string;
}

export interface TeiStages {
  /** The TEI checked against the schema and the rules (validate/index.ts). */
  validate(xml: string, file: string): Message[];
  /** Parses the TEI (throws as parseTei does) and gives its transforms. */
  transform(xml: string, file: string, layout: TextLayout): Transforms;
}

export const IN_THREAD: TeiStages = {
  validate: validateTeiDocument,
  transform(xml, file, layout) {
    const parsed = parseTei(xml, file);
    return { json: () => renderJson(parsed), html: () => renderHtml(parsed), text: () => renderText(parsed, layout) };
  },
};

/** Thrown by stages that can no longer run (their thread did not answer): the caller runs them here. */
export class StagesUnavailableError extends Error {
  override readonly name = 'StagesUnavailableError';
}

/**
 * `stages`, falling back to running in this thread from the first call they cannot serve on; or
 * IN_THREAD when none are given.
 */
export function orInThread(stages: TeiStages | undefined): TeiStages {
  if (!stages) return IN_THREAD;
  let failed = false;
  const attempt = <T>(there: () => T, here: () => T): T => {
    if (failed) return here();
    try {
      return there();
    } catch (err) {
      if (!(err instanceof StagesUnavailableError)) throw err;
      failed = true;
      return here();
    }
  };
  return {
    validate: (xml, file) => attempt(() => stages.validate(xml, file), () => IN_THREAD.validate(xml, file)),
    transform(xml, file, layout) {
      let local: Transforms | undefined;
      const here = () => (local ??= IN_THREAD.transform(xml, file, layout));
      const there = attempt(() => stages.transform(xml, file, layout), () => undefined);
      const step = <K extends keyof Transforms>(k: K): ReturnType<Transforms[K]> =>
        (there && !local ? attempt(() => there[k](), () => here()[k]()) : here()[k]()) as ReturnType<Transforms[K]>;
      if (!there) here();
      return { json: () => step('json'), html: () => step('html'), text: () => step('text') };
    },
  };
}
