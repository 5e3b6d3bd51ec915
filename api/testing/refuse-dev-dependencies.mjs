// `node --import ./api/testing/refuse-dev-dependencies.mjs dist/api/server.js`: the compiled API,
// with any import of tsx or mjml (development dependencies a production install leaves out)
// refused with an error that names the importer, so that process fails to start; one loaded by
// require() instead makes the process exit with 1, naming it. Plain JavaScript: the process it
// watches runs without a TypeScript loader.
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const DEV_ONLY = /\/node_modules\/(tsx|mjml[^/]*)\//;

// Loaded twice: by --import on the main thread, where it registers itself, and as the hooks
// module on the loader's thread, where only `resolve` is used.
if (isMainThread) {
  register(import.meta.url);
  // require() does not go through the resolve hook on Node 20; what it loaded is in its cache.
  const required = createRequire(import.meta.url).cache;
  process.once('exit', () => {
    const loaded = Object.keys(required).filter((file) => DEV_ONLY.test(file));
    if (loaded.length === 0) return;
    process.stderr.write(`refused: development dependencies were required: ${loaded.join(', ')}\n`);
    process.exitCode = 1;
  });
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (DEV_ONLY.test(resolved.url)) {
    throw new Error(`refused: ${specifier}, a development dependency, imported by ${context.parentURL ?? 'the command line'}`);
  }
  return resolved;
}
