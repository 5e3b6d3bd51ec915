// `cem analyze` (run by `vite build`) reads the class JSDoc of every element and writes
// dist/custom-elements.json: the manifest the package ships (@claimdesk/widget/custom-elements.json),
// which editors read and from which the React and Vue typings are generated (scripts/pack-widget.ts).
// The plugin below makes it describe the package as built rather than the sources.
import { readFileSync } from 'node:fs';

/** Where a source module's declarations are in the package (its root is dist/widget). */
function builtModule(source) {
  const element = /^widget\/components\/([\w-]+)\/\1\.component\.ts$/.exec(source);
  if (element) return `elements/${element[1]}.js`;
  if (source === 'widget/internal/claims-element.ts') return 'index.js';
  throw new Error(`custom-elements manifest: no built module for ${source}`);
}

/** Attributes that are the element's native HTMLElement property of the same name. */
const NATIVE_ATTRIBUTES = new Set(['lang']);

/** Each `var(--claims-…, fallback)` in a styles source, as name → fallback (nested parentheses kept). */
function fallbacks(sourcePath) {
  const source = readFileSync(new URL(sourcePath, import.meta.url), 'utf8');
  const found = new Map();
  for (const match of source.matchAll(/var\((--claims-[\w-]+),\s*/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    for (; depth > 0; end++) depth += source[end] === '(' ? 1 : source[end] === ')' ? -1 : 0;
    found.set(match[1], source.slice(match.index + match[0].length, end - 1).trim());
  }
  return found;
}

/**
 * Each public `--claims-*` token every element reads (tokens.styles.ts) with its default, so the
 * documented defaults cannot drift from the real ones. A default that is another token's private
 * form (`var(--_primary)`) is given as that public token.
 */
function tokenDefaults() {
  const source = readFileSync(new URL('widget/themes/tokens.styles.ts', import.meta.url), 'utf8');
  const publicOf = new Map([...source.matchAll(/(--_[\w-]+): var\((--claims-[\w-]+),/g)].map(([, own, name]) => [own, name]));
  return new Map([...fallbacks('widget/themes/tokens.styles.ts')].map(([name, value]) => [name, value.replace(/var\((--_[\w-]+)\)/g, (_, p) => `var(${publicOf.get(p)})`)]));
}

/**
 * The parts an element forwards from the claims-* elements in its template (`exportparts`), as
 * `{ child, inner, outer }`.
 */
function forwardedParts(sourcePath) {
  const source = readFileSync(new URL(sourcePath, import.meta.url), 'utf8');
  return [...source.matchAll(/<(claims-[a-z-]+)\s[^>]*?exportparts="([^"]*)"/g)].flatMap(([, child, list]) =>
    list.split(',').map((entry) => {
      const [inner, outer = inner] = entry.split(':').map((s) => s.trim());
      return { child, inner, outer };
    }),
  );
}

/** Rewrites every module reference in the manifest from a source path to its built module. */
function pointAtBuiltModules(node) {
  if (Array.isArray(node)) return node.forEach(pointAtBuiltModules);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    // The analyzer writes a superclass's module with a leading slash.
    if ((key === 'module' || key === 'path') && typeof value === 'string' && /^\/?widget\//.test(value)) node[key] = builtModule(value.replace(/^\//, ''));
    else pointAtBuiltModules(value);
  }
}

function packageManifest() {
  return {
    name: 'claimdesk-package-manifest',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const elements = manifest.modules.flatMap((mod) =>
        (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((declaration) => ({ mod, declaration })),
      );
      const byTag = new Map(elements.map(({ mod, declaration }) => [declaration.tagName, { mod, declaration }]));
      const defaults = tokenDefaults();
      // The tokens are documented once (on <claims-app>); every element reads all of them.
      const tokenDocs = new Map(byTag.get('claims-app').declaration.cssProperties.map((p) => [p.name, p.description]));
      for (const name of defaults.keys()) if (!tokenDocs.has(name)) throw new Error(`custom-elements manifest: ${name} is not documented on claims-app (@cssprop)`);

      // The base class (ClaimsElement) as well as the elements.
      for (const declaration of manifest.modules.flatMap((mod) => mod.declarations ?? [])) {
        for (const attribute of declaration.attributes ?? []) {
          if (!attribute.fieldName && NATIVE_ATTRIBUTES.has(attribute.name)) attribute.fieldName = attribute.name;
          if (!attribute.fieldName) throw new Error(`custom-elements manifest: ${declaration.name} attribute ${attribute.name} has no field`);
        }
      }

      for (const { mod, declaration } of elements) {
        for (const event of declaration.events ?? []) {
          if (!event.type?.text?.endsWith('Detail')) {
            throw new Error(`custom-elements manifest: <${declaration.tagName}> ${event.name} must be typed by its detail (@fires {ClaimsXDetail})`);
          }
        }
        // Every token, described as this element uses it where it says so, then its own properties.
        const own = new Map((declaration.cssProperties ?? []).map((p) => [p.name, p.description]));
        const ownDefaults = fallbacks(mod.path.replace(/\.component\.ts$/, '.styles.ts'));
        declaration.cssProperties = [
          ...[...defaults].map(([name, value]) => ({ name, description: own.get(name) ?? tokenDocs.get(name), default: value })),
          ...[...own].filter(([name]) => !defaults.has(name)).map(([name, description]) => {
            if (!ownDefaults.has(name)) throw new Error(`custom-elements manifest: <${declaration.tagName}> documents ${name}, which its styles do not read`);
            return { name, description, default: ownDefaults.get(name) };
          }),
        ];
        mod.exports = [...(mod.exports ?? []), { kind: 'custom-element-definition', name: declaration.tagName, declaration: { name: declaration.name, module: mod.path } }];
      }

      // Forwarded parts are listed on the element that forwards them, after its own, described as
      // the element they come from does; children first, so chains (app → detail → timeline) resolve.
      const resolved = new Set();
      const forwarded = new WeakSet();
      const resolve = (tag) => {
        if (resolved.has(tag)) return;
        resolved.add(tag);
        const { mod, declaration } = byTag.get(tag);
        const parts = (declaration.cssParts ??= []);
        for (const { child, inner, outer } of forwardedParts(mod.path)) {
          resolve(child);
          const part = byTag.get(child).declaration.cssParts?.find((p) => p.name === inner);
          if (!part) throw new Error(`custom-elements manifest: <${tag}> forwards ${inner} of <${child}>, which has no such part`);
          if (parts.some((p) => p.name === outer)) continue;
          const description = forwarded.has(part) ? part.description : `\`<${child}>\`'s \`${inner}\`: ${part.description}`;
          const entry = { name: outer, description };
          forwarded.add(entry);
          parts.push(entry);
        }
      };
      for (const tag of byTag.keys()) resolve(tag);

      pointAtBuiltModules(manifest.modules);
    },
  };
}

export default {
  globs: ['widget/components/**/*.component.ts', 'widget/internal/claims-element.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [packageManifest()],
};
