/**
 * The document JSON's keys in the order schemas/document.schema.json lists its properties.
 *
 * XSLT 3.0 maps have no order (SaxonJS serialises them in its hash order, so `schemaVersion`
 * came out in the middle), and the only ordered alternative in XSLT, building the
 * fn:xml-to-json vocabulary, would make the JSON stylesheet a tree builder. The order is
 * therefore applied here, once, to the parsed result, and it comes from the schema itself: one
 * source of truth for the fields and their order.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What the order needs of a JSON Schema: properties in order, array items, local $refs, alternatives. */
export interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $defs?: Record<string, SchemaNode>;
}

/** The order of an object's keys, and the orders of its values and of an array's items. */
export interface KeyOrder {
  keys: string[];
  properties: Map<string, KeyOrder>;
  items?: KeyOrder;
}

/** Compiles the key order of a schema (local `#/$defs/…` refs resolved, each once). */
export function keyOrderOf(root: SchemaNode): KeyOrder {
  const refs = new Map<string, KeyOrder>();
  const compile = (node: SchemaNode | undefined, into: KeyOrder = { keys: [], properties: new Map() }): KeyOrder => {
    if (!node) return into;
    if (node.$ref) {
      const known = refs.get(node.$ref);
      if (known) return merge(into, known);
      const target = resolve(root, node.$ref);
      const order: KeyOrder = { keys: [], properties: new Map() };
      refs.set(node.$ref, order); // before compiling it: a schema may refer to itself
      compile(target, order);
      return merge(into, order);
    }
    for (const [key, sub] of Object.entries(node.properties ?? {})) {
      if (!into.keys.includes(key)) into.keys.push(key);
      into.properties.set(key, compile(sub, into.properties.get(key)));
    }
    if (node.items) into.items = compile(node.items, into.items);
    for (const alternative of [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) compile(alternative, into);
    return into;
  };
  return compile(root);
}

function merge(into: KeyOrder, from: KeyOrder): KeyOrder {
  if (into.keys.length === 0 && into.properties.size === 0 && !into.items) return from;
  for (const key of from.keys) if (!into.keys.includes(key)) into.keys.push(key);
  for (const [key, order] of from.properties) if (!into.properties.has(key)) into.properties.set(key, order);
  into.items ??= from.items;
  return into;
}

function resolve(root: SchemaNode, ref: string): SchemaNode {
  if (!ref.startsWith('#/')) throw new Error(`key order: only local $refs are followed (${ref})`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`key order: ${ref} not found in the schema`);
  return node as SchemaNode;
}

/**
 * A copy of `value` with every object's keys in the schema's order; keys the schema does not
 * list follow, in their own order.
 */
export function inKeyOrder<T>(value: T, order: KeyOrder | undefined): T {
  if (!order || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => inKeyOrder(item, order.items)) as T;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order.keys) if (key in source) out[key] = inKeyOrder(source[key], order.properties.get(key));
  for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
  return out as T;
}

export const DOCUMENT_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/document.schema.json', import.meta.url));

let documentOrder: KeyOrder | undefined;

/** The key order of schemas/document.schema.json (read once per process or worker). */
export function documentKeyOrder(): KeyOrder {
  documentOrder ??= keyOrderOf(JSON.parse(readFileSync(DOCUMENT_SCHEMA_FILE, 'utf8')) as SchemaNode);
  return documentOrder;
}
