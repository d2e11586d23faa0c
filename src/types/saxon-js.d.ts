/**
 * Minimal type declarations for saxon-js 2.7 (it ships none): only what telegram-tei uses.
 * Only the default import works under NodeNext: `import SaxonJS from 'saxon-js'`.
 * https://www.saxonica.com/saxonjs/documentation2/index.html#!api
 */
declare module 'saxon-js' {
  /** An XDM node as SaxonJS builds it (a DOM-like node on Node.js); opaque to us. */
  export type SaxonNode = object;

  export interface TransformOptions {
    /** A compiled stylesheet (SEF) already parsed with JSON.parse; SaxonJS mutates it. */
    stylesheetInternal?: object;
    stylesheetFileName?: string;
    stylesheetText?: string;
    sourceText?: string;
    sourceNode?: SaxonNode;
    sourceFileName?: string;
    sourceType?: 'xml' | 'json';
    destination?: 'serialized' | 'raw' | 'document' | 'application' | 'file' | 'stdout'
      | 'replaceBody' | 'appendToBody' | 'prependToBody';
    stylesheetParams?: Record<string, unknown>;
    initialTemplate?: string;
    initialMode?: string;
    outputProperties?: Record<string, unknown>;
    baseOutputURI?: string;
    /** Called for each xsl:result-document; without it SaxonJS writes to disk. */
    deliverResultDocument?: (uri: string) => unknown;
    deliverMessage?: (message: unknown, errorCode: unknown) => void;
    collectionFinder?: (uri: string) => unknown;
    documentPool?: Record<string, unknown>;
    textResourcePool?: Record<string, unknown>;
    logLevel?: number;
  }

  export interface TransformResult {
    principalResult: unknown;
    resultDocuments?: Record<string, unknown>;
    stylesheetInternal?: object;
  }

  /** The error SaxonJS throws: an XPath/XSLT error code and a message. */
  export interface XError extends Error {
    code?: string;
    xsltLineNr?: number;
    xsltModule?: string;
  }

  interface SaxonJSStatic {
    transform(options: TransformOptions, execution?: 'sync'): TransformResult;
    transform(options: TransformOptions, execution: 'async'): Promise<TransformResult>;
    getResource(options: { text?: string; file?: string; location?: string; type: 'xml' | 'json' | 'text' }): Promise<unknown>;
    getProcessorInfo(): { productName: string; productVersion: string; [key: string]: unknown };
    setLogLevel(level: number): void;
    /** Undocumented: the platform layer (Node.js or browser); `parseXmlFromString` is what fn:parse-xml calls. */
    getPlatform?(): { parseXmlFromString?(xml: string): unknown; createDocument?(): unknown } | undefined;
    XPath: {
      evaluate(expression: string, contextItem?: unknown, options?: {
        params?: Record<string, unknown>;
        namespaceContext?: Record<string, string>;
        resultForm?: 'default' | 'array' | 'iterator' | 'xdm';
      }): unknown;
    };
  }

  const SaxonJS: SaxonJSStatic;
  export default SaxonJS;
}
