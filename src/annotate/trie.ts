/**
 * A trie over folded word keys: every name form of every register is inserted once, and the
 * text is scanned word by word, the longest form starting at each word first. Look-up costs a
 * few map probes per word, whatever the size of the registers.
 */
import { nameGapBetween, type Token } from './text.js';

interface Node<V> {
  next: Map<string, Node<V>>;
  values: V[];
}

export interface TrieMatch<V> {
  /** Index of the first and one past the last token matched. */
  from: number;
  to: number;
  values: readonly V[];
}

export class TokenTrie<V> {
  private readonly root: Node<V> = { next: new Map(), values: [] };
  private maxDepth = 0;
  private readonly expanded = new Set<string>();

  /**
   * `expand`, when given, inserts the forms that start with a first key the first time that key is
   * looked up (a trie filled on demand: the prebuilt registers); `depth`: the deepest form it will hold.
   */
  constructor(
    private readonly expand?: (trie: TokenTrie<V>, first: string) => void,
    depth = 0,
  ) {
    this.maxDepth = depth;
  }

  private open(first: string | undefined): void {
    if (!this.expand || first === undefined || this.expanded.has(first)) return;
    this.expanded.add(first);
    this.expand(this, first);
  }

  insert(keys: readonly string[], value: V): void {
    if (keys.length === 0) return;
    this.open(keys[0]); // forms on demand first, so that values keep the order of insertion
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(k, child);
      }
      node = child;
    }
    node.values.push(value);
    this.maxDepth = Math.max(this.maxDepth, keys.length);
  }

  /**
   * Every form that starts at token `i`, longest first. Words of a form must be separated by
   * spaces (or a stop after an initial), never by a comma or a line's punctuation.
   */
  matchesAt(text: string, tokens: readonly Token[], i: number): TrieMatch<V>[] {
    this.open(tokens[i]?.key);
    const out: TrieMatch<V>[] = [];
    let node: Node<V> | undefined = this.root;
    for (let j = i; j < tokens.length && node; j++) {
      if (j > i && !nameGapBetween(text, tokens[j - 1]!, tokens[j]!)) break;
      node = node.next.get(tokens[j]!.key);
      if (node && node.values.length > 0) out.push({ from: i, to: j + 1, values: node.values });
    }
    return out.reverse();
  }

  /** The values stored for exactly this sequence of keys. */
  exact(keys: readonly string[]): readonly V[] {
    this.open(keys[0]);
    let node: Node<V> | undefined = this.root;
    for (const k of keys) {
      node = node.next.get(k);
      if (!node) return [];
    }
    return node.values;
  }

  /** The values of every form whose first key is `first` (`ali`: Ali Sastroamidjojo, Ali Khan …). */
  startingWith(first: string): V[] {
    this.open(first);
    const out: V[] = [];
    const walk = (node: Node<V>) => {
      out.push(...node.values);
      for (const child of node.next.values()) walk(child);
    };
    const start = this.root.next.get(first);
    if (start) walk(start);
    return out;
  }

  get depth(): number {
    return this.maxDepth;
  }
}
