// Where eddsa-rdfc-2022 spends its time, and the fix. Profiled on the 19-outcome credential
// (`npm run bench:credentials`): 36 ms a signature, 60 % of it in jsonld's `util.clone` and the
// garbage it leaves. jsonld clones the whole active context (every term definition of the VC and
// Open Badges contexts, deeply) each time it applies a type- or property-scoped context, and the
// Open Badges context scopes one to nearly every type. Term definitions are never changed once
// made (a redefinition replaces the entry; jsonld 9's context.js creates a new object for it), so
// a child context may share them: this clone copies the map of definitions only when the child
// first writes to it (copy on write), and the `protected` flags shallowly. The output is the same,
// byte for byte: the tests compare every proof with the reference signer's, which runs unpatched
// in its own process.
import { createRequire } from 'node:module';

type Mappings = Map<string, unknown>;

interface ActiveContext {
  mappings: Mappings;
  clone(this: ActiveContext): ActiveContext;
  inverse: unknown;
  getInverse: unknown;
  protected: Record<string, boolean>;
  previousContext?: ActiveContext;
  revertToPreviousContext: unknown;
  '@base'?: unknown;
  '@language'?: unknown;
  '@direction'?: unknown;
  '@vocab'?: unknown;
  processingMode?: unknown;
}

/** A Map that shares its entries with the one it was made from until it is first written to. */
class CopyOnWriteMap<K, V> extends Map<K, V> {
  private source: Map<K, V> | null;

  constructor(source: Map<K, V>) {
    super();
    this.source = source;
  }

  private own(): this {
    if (this.source) {
      const from = this.source;
      this.source = null;
      for (const [k, v] of from) super.set(k, v);
    }
    return this;
  }

  /** What a clone of this map may share: the source while unwritten, else this map frozen. */
  shareable(): Map<K, V> {
    return this.source ?? new Map(this);
  }

  override get(key: K): V | undefined {
    return this.source ? this.source.get(key) : super.get(key);
  }
  override has(key: K): boolean {
    return this.source ? this.source.has(key) : super.has(key);
  }
  override set(key: K, value: V): this {
    this.own();
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.own();
    return super.delete(key);
  }
  override clear(): void {
    this.source = null;
    super.clear();
  }
  override get size(): number {
    return this.source ? this.source.size : super.size;
  }
  override keys(): MapIterator<K> {
    return this.source ? this.source.keys() : super.keys();
  }
  override values(): MapIterator<V> {
    return this.source ? this.source.values() : super.values();
  }
  override entries(): MapIterator<[K, V]> {
    return this.source ? this.source.entries() : super.entries();
  }
  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** jsonld's `_cloneActiveContext`, field for field, sharing what never changes. */
function cloneActiveContext(this: ActiveContext): ActiveContext {
  const mappings = this.mappings;
  const shared =
    mappings instanceof CopyOnWriteMap ? mappings.shareable() : new Map(mappings.entries());
  const child: ActiveContext = {
    mappings: new CopyOnWriteMap(shared),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
    revertToPreviousContext: this.revertToPreviousContext,
  };
  if (this.previousContext) child.previousContext = this.previousContext.clone();
  // As jsonld 9 does: `@direction` and `processingMode` are not carried to a child.
  for (const key of ['@base', '@language', '@vocab'] as const)
    if (key in this) child[key] = this[key];
  return child;
}

let installed = false;

/**
 * Makes jsonld's active contexts clone with `cloneActiveContext`. jsonld keeps one initial context
 * per processing mode and every active context is cloned from it, passing its `clone` on; setting
 * it there is enough. Idempotent.
 */
export function installFastContextClone(): void {
  if (installed) return;
  const require = createRequire(__filename);
  const context = require('jsonld/lib/context.js') as {
    getInitialContext(options: { processingMode?: string }): ActiveContext;
  };
  for (const processingMode of [undefined, 'json-ld-1.1'])
    context.getInitialContext({ processingMode }).clone = cloneActiveContext;
  installed = true;
}
