// Where eddsa-rdfc-2022 spends its time, and the fixes. Canonicalisation (jsonld 9's expansion,
// then rdf-canonize) is nearly all of a signature, and most of that was jsonld processing the same
// contexts again and again. Each fix below keeps jsonld's own algorithm and output; it only lets
// jsonld find again what it has already computed.
//
// 1. Copy-on-write clone (23 -> 77 signatures a second). jsonld clones the whole active context
//    (every term definition of the VC and Open Badges contexts, deeply) each time it applies a
//    type- or property-scoped context, and the Open Badges context scopes one to nearly every
//    type. Term definitions are never changed once made (a redefinition replaces the entry), so a
//    child shares them until it first writes to its map.
// 2. Processed contexts found again (77 -> 350-450 on a quiet core). jsonld caches a processed
//    context per (resolved context, active context object), but three places hand it a fresh
//    object each time, so a type-scoped context (and everything under it) was processed from
//    scratch for every node: `api.process` clones the active context before the cache lookup
//    when a context does not propagate, `revertToPreviousContext` returns a clone, and a clone
//    clones its previous context. Here each of those clones is made once per source context and
//    reused. That is sound because an active context is never changed once `api.process` has
//    returned it (jsonld itself relies on this: it hands the same cached context to every
//    caller), and a reused clone has exactly the fields a fresh one would have (jsonld's clone
//    drops `@direction` and `processingMode`; so does this one).
// 3. Inline contexts found without JSON.stringify. jsonld keys an object context by its JSON
//    text, computed on each use; for the objects of the pinned context documents (which nothing
//    changes) the text is computed once.
//
// Together with the pinned loader's `tag: 'static'` (document-loader.ts), a warm signature does
// no context processing at all. jsonld is hooked at run time, not patched on disk (patch-package):
// the Docker image installs with `npm ci --ignore-scripts`, so a postinstall patch would silently
// not apply there. The one hook that needs an order is `process`: expand.js copies it when it is
// first loaded, so `fastJsonld()` installs the hooks before it loads jsonld; if jsonld was loaded
// earlier by someone else, that hook is simply not seen (slower, still the same output), and
// `fastJsonldStatus()` says so. Byte-identity is tested against a separately loaded, unhooked
// jsonld (canonical-equivalence.spec.ts: our documents and odd, tampered and invalid ones) and
// against the reference signer in its own process (credentials.spec.ts, the bench).
import type { JsonLd } from 'jsonld';

type Mappings = Map<string, unknown>;

interface ActiveContext {
  mappings: Mappings;
  clone(this: ActiveContext): ActiveContext;
  inverse: unknown;
  getInverse: unknown;
  protected: Record<string, boolean>;
  previousContext?: ActiveContext;
  revertToPreviousContext(this: ActiveContext): ActiveContext;
  '@base'?: unknown;
  '@language'?: unknown;
  '@direction'?: unknown;
  '@vocab'?: unknown;
  processingMode?: unknown;
}

interface ProcessArgs {
  activeCtx: ActiveContext;
  localCtx: unknown;
  propagate?: boolean;
  [option: string]: unknown;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** `ctx.clone()`, made once per context and reused (see 2 above). */
const stableClones = new WeakMap<ActiveContext, ActiveContext>();
function stableClone(ctx: ActiveContext): ActiveContext {
  let clone = stableClones.get(ctx);
  if (!clone) {
    clone = ctx.clone();
    stableClones.set(ctx, clone);
  }
  return clone;
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
  if (this.previousContext) child.previousContext = stableClone(this.previousContext);
  // As jsonld 9 does: `@direction` and `processingMode` are not carried to a child.
  for (const key of ['@base', '@language', '@vocab'] as const)
    if (key in this) child[key] = this[key];
  return child;
}

/** jsonld's `_revertToPreviousContext`: a clone of the previous context, the same one each time. */
function revertToPreviousContext(this: ActiveContext): ActiveContext {
  return this.previousContext ? stableClone(this.previousContext) : this;
}

/**
 * The context `api.process` starts from when a context does not propagate: a clone of the active
 * context that remembers it as the previous one. jsonld makes it afresh on each call, before its
 * cache lookup (so the lookup never hits); this makes it once per active context. Only for a
 * single inline context object whose `@propagate` is not `true` (jsonld reads `@propagate` from
 * the first context to decide), which is every type-scoped context; anything else goes through
 * unchanged.
 */
const nonPropagating = new WeakMap<ActiveContext, ActiveContext>();
function wrapProcess(
  original: (args: ProcessArgs) => Promise<ActiveContext>,
): (args: ProcessArgs) => Promise<ActiveContext> {
  return function process(args) {
    const { activeCtx, localCtx } = args;
    if (
      args.propagate === false &&
      !activeCtx.previousContext &&
      isPlainObject(localCtx) &&
      !('@context' in localCtx) &&
      localCtx['@propagate'] !== true
    ) {
      let start = nonPropagating.get(activeCtx);
      if (!start) {
        start = activeCtx.clone();
        start.previousContext = activeCtx;
        nonPropagating.set(activeCtx, start);
      }
      return original({ ...args, activeCtx: start });
    }
    return original(args);
  };
}

/** Objects of the pinned context documents: never changed, so their JSON text can be kept. */
const immutableContexts = new WeakSet<object>();
const jsonText = new WeakMap<object, string>();

function markImmutable(value: unknown): void {
  if (typeof value !== 'object' || value === null || immutableContexts.has(value)) return;
  immutableContexts.add(value);
  for (const child of Object.values(value)) markImmutable(child);
}

interface Resolver {
  _get(key: string): unknown;
  resolve(args: { context: unknown }): Promise<unknown[]>;
}

/** `ContextResolver.resolve`, answering a known inline context by its kept JSON text. */
function wrapResolve(original: Resolver['resolve']): Resolver['resolve'] {
  return function resolve(this: Resolver, args) {
    const ctx = args.context;
    // jsonld unwraps a truthy `@context` member first; such an object goes the long way.
    if (isPlainObject(ctx) && !ctx['@context'] && immutableContexts.has(ctx)) {
      let key = jsonText.get(ctx);
      if (key === undefined) {
        key = JSON.stringify(ctx);
        jsonText.set(ctx, key);
      }
      // jsonld keys an object context by JSON.stringify(ctx) in the same caches.
      const resolved = this._get(key);
      if (resolved) return Promise.resolve([resolved]);
    }
    return original.call(this, args);
  };
}

let status: { installed: boolean; processHooked: boolean } = {
  installed: false,
  processHooked: false,
};
let loaded: JsonLd | undefined;

/**
 * jsonld with the hooks above installed (idempotent). `pinned` are context documents that are
 * never changed (the pinned contexts).
 */
export function fastJsonld(pinned: Iterable<object> = []): JsonLd {
  for (const document of pinned) markImmutable(document);
  if (loaded) return loaded;
  // Loaded by hand, in this order: expand.js copies `process` when it is first loaded.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const processHooked = !require.cache[require.resolve('jsonld/lib/expand.js')];
  const context = require('jsonld/lib/context.js') as {
    process: (args: ProcessArgs) => Promise<ActiveContext>;
    getInitialContext(options: { processingMode?: string }): ActiveContext;
  };
  if (processHooked) context.process = wrapProcess(context.process);
  for (const processingMode of [undefined, 'json-ld-1.0', 'json-ld-1.1']) {
    const initial = context.getInitialContext({ processingMode });
    initial.clone = cloneActiveContext;
    initial.revertToPreviousContext = revertToPreviousContext;
  }
  const resolver = (require('jsonld/lib/ContextResolver.js') as { prototype: Resolver }).prototype;
  resolver.resolve = wrapResolve(resolver.resolve);
  loaded = require('jsonld') as JsonLd;
  /* eslint-enable @typescript-eslint/no-require-imports */
  status = { installed: true, processHooked };
  return loaded;
}

/** Whether the hooks are in place (tests; a warm signature should process no context). */
export function fastJsonldStatus(): { installed: boolean; processHooked: boolean } {
  return { ...status };
}
