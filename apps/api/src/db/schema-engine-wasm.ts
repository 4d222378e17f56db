/**
 * Loads Prisma's schema engine compiled to WebAssembly (`@prisma/schema-engine-wasm`).
 *
 * Why by hand: the package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`
 * (ES module integration for wasm), which Node 20 does not support without a flag. Prisma's own
 * CLI does what this file does: compile the `.wasm`, instantiate it with the wasm-bindgen glue
 * module (`schema_engine_bg.js`) as its import object, hand the instance's exports back to the
 * glue and run `__wbindgen_start`.
 *
 * The glue is ESM-only while the project is CommonJS (tsx, jest + @swc/jest). A literal
 * `import()` would be rewritten into `require()` by the CJS transpilers, which cannot load ESM
 * inside jest, so the dynamic import is hidden in a `Function` body that no transpiler touches.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
// `resolution-mode`: the package is ESM-only; its types are imported as such from CommonJS.
import type { SchemaEngine } from '@prisma/schema-engine-wasm' with { 'resolution-mode': 'import' };

export type { SchemaEngine };

/** The part of the wasm-bindgen glue module (`schema_engine_bg.js`) that we use. */
interface SchemaEngineGlue {
  SchemaEngine: typeof SchemaEngine;
  version(): string;
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
}

/** `import()` that survives transpilation to CommonJS (see the header comment). */
const dynamicImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

/** Absolute path of an installed package file, resolved from this module. */
function resolveFrom(request: string): string | undefined {
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}

/**
 * The wasm binary must come from the same build as the glue (wasm-bindgen import names carry
 * hashes). `@prisma/schema-engine-wasm` ships both; `prisma/build/schema_engine_bg.wasm` is the
 * identical file when the engine hashes match, so it is only a fallback.
 */
function locateWasm(gluePath: string): string {
  const candidates = [path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')];
  const prismaCli = resolveFrom('prisma/build/index.js');
  if (prismaCli) candidates.push(path.join(path.dirname(prismaCli), 'schema_engine_bg.wasm'));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`schema_engine_bg.wasm not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The Rust side reports panics through `global.PRISMA_WASM_PANIC_REGISTRY.set_message()`;
 * without it a panic surfaces as an opaque `RuntimeError: unreachable`.
 */
interface PanicRegistry {
  message: string;
  set_message(message: string): void;
}
const PANIC_REGISTRY_KEY = 'PRISMA_WASM_PANIC_REGISTRY';

function panicRegistry(): PanicRegistry {
  const holder = globalThis as unknown as Record<string, PanicRegistry | undefined>;
  let registry = holder[PANIC_REGISTRY_KEY];
  if (!registry) {
    registry = {
      message: '',
      set_message(message: string) {
        this.message = message;
      },
    };
    holder[PANIC_REGISTRY_KEY] = registry;
  }
  return registry;
}

/** Message of the last Rust panic, if any (for error reporting). */
export function lastPanicMessage(): string {
  return panicRegistry().message;
}

/**
 * The engine arms `setTimeout`s (e.g. the 10 s advisory-lock timeout) and never clears them, so
 * each command would keep the process alive for up to 10 s after it finished. Its timers are
 * unref'd; callers keep the event loop alive while a command runs (see `keepAlive`).
 */
function withUnrefTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const patched: WebAssembly.ModuleImports = { ...imports };
  for (const name of Object.keys(imports)) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    patched[name] = (callback: () => void, delay: number) => {
      const timer = setTimeout(callback, delay >>> 0);
      timer.unref();
      return timer;
    };
  }
  return patched;
}

/** Keeps the event loop alive until the returned function is called (engine timers are unref'd). */
export function keepAlive(): () => void {
  const timer = setInterval(() => undefined, 1 << 30);
  return () => clearInterval(timer);
}

export interface LoadedSchemaEngine {
  SchemaEngine: typeof SchemaEngine;
  /** Engine git hash, e.g. `0edf323efd1d98336f3f0a68684b56f689b900d3` for Prisma 7.10.0. */
  version: string;
}

// One instance per module registry: wasm-bindgen keeps module-level state in the glue, and
// starting the same glue twice fails (`unwrap_throw failed`). Engines (`SchemaEngine.new`) are
// cheap and created per operation on top of this single instance.
let loading: Promise<LoadedSchemaEngine> | undefined;

export function loadSchemaEngine(): Promise<LoadedSchemaEngine> {
  loading ??= (async () => {
    panicRegistry();
    const gluePath = resolveFrom('@prisma/schema-engine-wasm/schema_engine_bg');
    if (!gluePath) throw new Error('@prisma/schema-engine-wasm is not installed');
    const glue = (await dynamicImport(pathToFileURL(gluePath).href)) as SchemaEngineGlue;
    const wasmModule = await WebAssembly.compile(await readFile(locateWasm(gluePath)));
    // The glue's file name is the import module name that wasm-bindgen baked into the binary.
    const instance = await WebAssembly.instantiate(wasmModule, {
      './schema_engine_bg.js': withUnrefTimers(glue as unknown as WebAssembly.ModuleImports),
    });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports['__wbindgen_start'];
    if (typeof start === 'function') (start as () => void)();
    return { SchemaEngine: glue.SchemaEngine, version: glue.version() };
  })();
  // Let a failed load be retried (e.g. after fixing an install) instead of caching the error.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
