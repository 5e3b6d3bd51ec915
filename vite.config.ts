import { defineConfig, build, type InlineConfig, type Plugin } from 'vite';
import { transform } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (p: string) => `${root}${p}`;
const elements = readdirSync(at('widget/components'));

/**
 * Lowers the widget's standard (TC39) decorators — `@property() accessor x` — which Vite's own
 * TypeScript transform leaves in place and browsers cannot run yet. Done per chunk, so the
 * decorator helpers appear once per chunk rather than once per module.
 */
function standardDecorators(): Plugin {
  return {
    name: 'claimdesk-standard-decorators',
    async renderChunk(code, chunk) {
      if (!code.includes('@')) return null;
      const out = await transform(code, { loader: 'js', format: 'esm', target: 'es2022', sourcemap: true, sourcefile: chunk.fileName });
      return { code: out.code, map: out.map };
    },
  };
}

/** tus-js-client's one CommonJS dependency, for what the browser does itself (widget/uploads/url-parse.ts). */
const resolve = { alias: { 'url-parse': at('widget/uploads/url-parse.ts') } };

const shared: InlineConfig = {
  configFile: false,
  root,
  logLevel: 'warn',
  resolve,
  plugins: [standardDecorators()],
  // No preload helper: it resolves chunk URLs against the host page, while the widget's chunks
  // live beside its own module (on another origin when embedded). Plain import() finds them.
  build: { target: 'es2022', minify: true, sourcemap: true, emptyOutDir: false, modulePreload: false },
};

/**
 * What every page needs at start — Lit, the API client, the live stream, the shared styles and
 * formats — goes in one `core` chunk beside the entry: left to the bundler, the modules the
 * lazily loaded elements share with it split into many small chunks, each a request and a
 * compression window of its own. Directives and helpers only lazy elements use stay with them.
 */
const STARTUP = /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/task|@lit\/context)\/|widget\/internal\/|widget\/themes\/tokens|domain\/constants|preload-helper/;
const LAZY_ONLY = /\/directives\/|directive-helpers|upload-check|save-file|static-html|unsafe-/;

const COMPRESSIBLE = /\.(js|css|html|json|svg|map)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside each text file under `dir`, at the strongest
 * settings (once per build, so the server never compresses per request), and only where
 * compression makes the file smaller. The server picks one by the request's Accept-Encoding.
 */
function precompress(dir: string) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const source = readFileSync(file);
    const brotli = brotliCompressSync(source, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: source.length },
    });
    const gzip = gzipSync(source, { level: zlib.Z_BEST_COMPRESSION });
    if (brotli.length < source.length) writeFileSync(`${file}.br`, brotli);
    if (gzip.length < source.length) writeFileSync(`${file}.gz`, gzip);
  }
}

/**
 * `vite build` makes, in order:
 *  1. dist/widget/claimdesk.js — one ES module registering every element, with the elements it
 *     loads on first use (the console, the checklist, the conversation) in chunks beside it;
 *  2. dist/widget/index.js (classes, no side effects), dist/widget/elements/<tag>.js (one
 *     element each), and for the npm package dist/widget/define.js (every element, as
 *     claimdesk.js registers them) and dist/widget/react.js (React components), all sharing
 *     chunks under dist/widget/chunks/, so a page that imports several of them has one copy of
 *     each class;
 *  3. dist/widget/themes/*.css, dist/demo/ (the demo page) and dist/custom-elements.json;
 *  4. a .br and a .gz beside each text file of dist/widget and dist/demo.
 */
function theRest(): Plugin {
  return {
    name: 'claimdesk-rest',
    apply: 'build',
    async closeBundle() {
      await build({
        ...shared,
        build: {
          ...shared.build,
          outDir: 'dist/widget',
          rollupOptions: {
            input: {
              index: at('widget/index.ts'),
              define: at('widget/define.ts'),
              react: at('widget/react.ts'),
              ...Object.fromEntries(elements.map((tag) => [`elements/${tag}`, at(`widget/components/${tag}/${tag}.ts`)])),
            },
            // The React components' peer: the host's React (@lit/react, a few hundred bytes, is bundled).
            external: ['react'],
            preserveEntrySignatures: 'exports-only',
            output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
          },
        },
      });
      await build({
        ...shared,
        root: at('demo'),
        base: '/',
        build: { ...shared.build, outDir: at('dist/demo'), emptyOutDir: true },
      });
      mkdirSync(at('dist/widget/themes'), { recursive: true });
      for (const file of ['light.css', 'dark.css']) copyFileSync(at(`widget/themes/${file}`), at(`dist/widget/themes/${file}`));
      const cem = spawnSync(process.execPath, [at('node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze'], {
        cwd: root,
        stdio: 'inherit',
      });
      if (cem.status !== 0) throw new Error('custom-elements manifest analysis failed');
      precompress(at('dist/widget'));
      precompress(at('dist/demo'));
    },
  };
}

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist/widget',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: false,
    // Not lib mode: lib mode keeps whitespace in ES output, and this file is loaded as is.
    rollupOptions: {
      input: { claimdesk: at('widget/define.ts') },
      preserveEntrySignatures: 'exports-only',
      // The elements loaded on first use become chunks beside it (dist/widget/chunks/).
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: { groups: [{ name: 'core', test: (id: string) => STARTUP.test(id) && !LAZY_ONLY.test(id) }] },
      },
    },
  },
  resolve,
  plugins: [standardDecorators(), theRest()],
});
