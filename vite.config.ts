import { defineConfig, build, parseSync, Visitor, type InlineConfig, type Plugin } from 'vite';
import { transform } from 'esbuild';
import { transform as minifyCss } from 'lightningcss';
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
 * TypeScript transform leaves in place and browsers cannot run yet, module by module once Vite
 * has stripped the types. esbuild writes its helpers into each module it lowers; here they are
 * taken out again and imported from one module instead (DECORATOR_HELPERS), which the start
 * bundle holds: written into each chunk, as they were, they cost every element's chunk ~1 KB gzip.
 */
function standardDecorators(): Plugin {
  // Each helper as esbuild declares it, from a class that uses every kind of member the lowering touches.
  const helpers = transform(DECORATED_SAMPLE, { loader: 'js', format: 'esm', target: 'es2022' }).then(({ code }) =>
    [...code.matchAll(/^var (__\w+) = [^]*?;\n(?=[^\s}])/gm)].map(([declaration, name]) => ({ name: name!, declaration: declaration.trimEnd() })),
  );
  return {
    name: 'claimdesk-standard-decorators',
    enforce: 'post',
    resolveId: (id) => (id === DECORATOR_HELPERS ? id : null),
    async load(id) {
      if (id !== DECORATOR_HELPERS) return null;
      const all = await helpers;
      return `${all.map((h) => h.declaration).join('\n')}\nexport { ${all.map((h) => h.name).join(', ')} };`;
    },
    transform: {
      filter: { id: { include: /\/(widget|domain)\/.*\.ts$/ }, code: /@/ },
      async handler(code, id) {
        const out = await transform(code, { loader: 'js', format: 'esm', target: 'es2022', sourcemap: true, sourcefile: id });
        let lowered = out.code;
        const used: string[] = [];
        for (const { name, declaration } of await helpers) {
          if (!lowered.includes(declaration)) continue;
          used.push(name);
          // Blanked rather than cut, so that esbuild's source map still holds; the minifier drops the blanks.
          lowered = lowered.replace(declaration, declaration.replace(/[^\n]/g, ' '));
        }
        if (!used.length) return null;
        const unknown = /^var (__\w+) = /m.exec(lowered);
        if (unknown) this.error(`${id}: esbuild wrote the helper ${unknown[1]}, which DECORATED_SAMPLE does not make: add a member of that kind to it`);
        // Appended, as imports may be anywhere in a module: the lines above keep their places.
        return { code: `${lowered}\nimport { ${used.join(', ')} } from '${DECORATOR_HELPERS}';`, map: out.map };
      },
    },
  };
}

const DECORATOR_HELPERS = '\0claimdesk-decorator-helpers';
const DECORATED_SAMPLE = `const d = () => {};
@d class Sample extends Object {
  @d accessor a = 1;
  @d static accessor b;
  @d accessor #c;
  @d f = 1;
  @d m() {}
  @d #n() {}
  @d static s() {}
  @d get g() { return 1; }
  @d set g(v) {}
  #p = 1;
  static #q = 1;
  #r() {}
  static #t() {}
  get #u() { return 1; }
  set #u(v) {}
  has(o) { return #p in o; }
  step() { this.#p++; }
}`;

/**
 * Vite wraps each `import()` in a helper that preloads the chunk's CSS and, with modulePreload, its
 * imports: the widget has neither (modulePreload is off, below), so each call would only carry the
 * helper's 1.8 KB to the start bundle. This one only calls the import.
 */
function noPreload(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'claimdesk-no-preload',
    enforce: 'pre',
    resolveId: (id) => (id === helper ? id : null),
    load: (id) => (id === helper ? 'export const __vitePreload = (load) => load();' : null),
  };
}

/**
 * Minifies what the JavaScript minifier leaves as written in the elements' templates: the styles
 * (`css` templates without interpolation) by lightningcss, Vite's own CSS minifier, and the
 * indentation of `html` templates, which the browser renders as one space anyway (no template
 * writes a line break inside a textarea or a pre-wrap box). Line breaks stay, so each line of the
 * module keeps its place and Vite's source map still holds.
 */
function minifiedTemplates(): Plugin {
  return {
    name: 'claimdesk-minified-templates',
    enforce: 'post',
    transform: {
      filter: { id: { include: /\/widget\/.*\.ts$/ }, code: /\b(css|html)`/ },
      handler(code, id) {
        const edits: { start: number; end: number; text: string }[] = [];
        const lineBreaks = (text: string) => '\n'.repeat(text.split('\n').length - 1);
        new Visitor({
          TaggedTemplateExpression({ tag, quasi }) {
            if (tag.type !== 'Identifier') return;
            if (tag.name === 'css' && quasi.quasis.length === 1) {
              const { start, end } = quasi.quasis[0]!;
              const text = code.slice(start, end);
              edits.push({ start, end, text: minifyCss({ filename: id, code: Buffer.from(text), minify: true }).code.toString() + lineBreaks(text) });
            }
            if (tag.name === 'html')
              for (const { start, end } of quasi.quasis) edits.push({ start, end, text: code.slice(start, end).replace(/[ \t]*\n[ \t\n]*/g, lineBreaks) });
          },
        }).visit(parseSync(`${id}.js`, code).program);
        let out = code;
        for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
        return out === code ? null : { code: out, map: null };
      },
    },
  };
}

/**
 * hono's client imports its cookie helpers for one option of `hc`, `cookie`, which the widget never
 * passes: a browser sends its own cookies, and fetch may not set the header. Left out, they are
 * 1.5 KB less at start.
 */
function noClientCookies(): Plugin {
  return {
    name: 'claimdesk-no-client-cookies',
    load: (id) =>
      id.endsWith('/node_modules/hono/dist/utils/cookie.js')
        ? 'export const serialize = () => { throw new Error("The widget\'s hono client sends no cookies (hc\'s `cookie` option)"); };'
        : null,
  };
}

/** tus-js-client's one CommonJS dependency, for what the browser does itself (widget/uploads/url-parse.ts). */
const resolve = { alias: { 'url-parse': at('widget/uploads/url-parse.ts') } };

const shared: InlineConfig = {
  configFile: false,
  root,
  logLevel: 'warn',
  resolve,
  plugins: [noPreload(), noClientCookies(), minifiedTemplates(), standardDecorators()],
  // No preload helper: it resolves chunk URLs against the host page, while the widget's chunks
  // live beside its own module (on another origin when embedded). Plain import() finds them.
  build: { target: 'es2022', minify: true, sourcemap: true, emptyOutDir: false, modulePreload: false },
};

/**
 * What every page needs at start — Lit, the API client, the live stream, the shared styles and
 * formats, the decorators' helpers, the loader of the staff list's words — goes in one `core`
 * chunk beside the entry: left to the bundler, the modules the lazily loaded elements share with
 * it split into many small chunks, each a request and a compression window of its own.
 * Directives and helpers only lazy elements use stay with them.
 */
const STARTUP =
  /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/task|@lit\/context)\/|widget\/internal\/|widget\/themes\/tokens|domain\/constants|widget\/translations\/console\.ts|preload-helper|claimdesk-decorator-helpers/;
const LAZY_ONLY = /\/directives\/|directive-helpers|lit-html\/directive\.js|upload-check|save-file|static-html|unsafe-/;

/**
 * An opened claim — `<claims-detail>` with its timeline and its Documents and Chat tabs, and the
 * controllers and helpers only they use — in one chunk: each compresses against the others'
 * templates and styles, which as seven chunks of their own cost a customer 4.9 KB gzip more. The
 * package's per-element build (theRest, below) keeps them apart, for a page that uses one alone.
 */
const CLAIM_VIEW =
  /widget\/(components\/claims-(detail|timeline|documents|chat)\/|controllers\/(claim|document-uploads|thumbnail|outbox)-controller|photos\/prepare-upload|uploads\/(attachment-upload|connection)|translations\/(documents|timeline|chat|guidance|dossier|liability)\.ts)|domain\/liability/;
/** What the claim's chunk uses and other chunks too (the words for failures, the analytics). */
const SHARED_LAZY = /widget\/internal\/(upload-check|save-file)\.ts$/;

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
        codeSplitting: {
          groups: [
            { name: 'core', test: (id: string) => STARTUP.test(id) && !LAZY_ONLY.test(id) },
            // Before the claim's chunk, which would take them in with the modules that import them.
            { name: (id: string) => SHARED_LAZY.exec(id)?.[1] ?? null },
            { name: 'claims-detail', test: (id: string) => CLAIM_VIEW.test(id) },
          ],
        },
      },
    },
  },
  resolve,
  plugins: [noPreload(), noClientCookies(), minifiedTemplates(), standardDecorators(), theRest()],
});
