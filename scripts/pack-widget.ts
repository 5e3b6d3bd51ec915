// `npm run pack:widget`: the npm package @claimdesk/widget, staged in dist/package/ and packed to
// dist/claimdesk-widget.tgz. Its files are the build's (dist/widget/: every element registered
// (define.js), the classes, one module per element, the React components, the themes), the manifest, declarations
// emitted from the widget's sources only (so nothing of the API, zod or hono reaches a host), and
// React 19 / Vue typings generated from the manifest. Builds first when the build is missing or
// older than the sources.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p: string) => path.join(root, p);
const stage = at('dist/package');
export const TARBALL = at('dist/claimdesk-widget.tgz');

/** The classes and every public type, as the typings generated from the manifest import them. */
const CLASSES_TYPES = './types/widget/index.js';

/** What the build reads: when any is newer than its last output, it is built again. */
const BUILD_INPUTS = ['widget', 'domain', 'vite.config.ts', 'custom-elements-manifest.config.mjs', 'package.json'];

function newest(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(p).map((entry) => newest(path.join(p, entry))));
}

function buildIfStale(): void {
  // The manifest is written after both bundles, so it dates the whole build.
  const built = at('dist/custom-elements.json');
  const fresh =
    existsSync(built) &&
    ['define.js', 'index.js', 'react.js'].every((entry) => existsSync(at(`dist/widget/${entry}`))) &&
    statSync(built).mtimeMs >= Math.max(...BUILD_INPUTS.map((p) => newest(at(p))));
  if (!fresh) execFileSync('npm', ['run', '--silent', 'build:widget'], { cwd: root, stdio: 'inherit' });
}

/** The package's JavaScript entries in dist/widget: its main entry, the classes, the React components, one per element. */
export function packageEntries(): string[] {
  return ['define.js', 'index.js', 'react.js', ...readdirSync(at('dist/widget/elements')).filter((f) => f.endsWith('.js')).map((f) => `elements/${f}`)];
}

/** The modules a module of dist/widget imports, statically or on first use (relative paths). */
export function importsOf(file: string): string[] {
  const code = readFileSync(at(`dist/widget/${file}`), 'utf8');
  return [...code.matchAll(/(?:from|import)\s*\(?["'`](\.[^"'`]+)["'`]/g)].map(([, specifier]) => path.join(path.dirname(file), specifier!));
}

/**
 * The build's files the package ships: every module its entries reach, their source maps, and
 * the themes. Not the script-tag bundle (claimdesk.js) nor the chunks only it reaches: the
 * package's main entry is define.js, which shares its chunks with the other entries, so a page
 * importing several of them has one copy of each class. Nor what the server precompresses.
 */
export function builtPackageFiles(): string[] {
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    importsOf(file).forEach(visit);
  };
  packageEntries().forEach(visit);
  const maps = [...reached].map((file) => `${file}.map`).filter((map) => existsSync(at(`dist/widget/${map}`)));
  return [...reached, ...maps, 'themes/light.css', 'themes/dark.css'].sort();
}

/** `./x.ts` → `./x.js` in relative specifiers: hosts resolve the emitted `.d.ts` through them. */
const toJsSpecifiers = (text: string) => text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');

/**
 * Emits the declarations of the package's entries and of every widget/domain module they reach,
 * and nothing else: the widget's API client reads the server's route types, which stay out.
 */
function emitDeclarations(): void {
  const config = ts.getParsedCommandLineOfConfigFile(
    at('tsconfig.widget-package.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.widget-package.json could not be read');
  const program = ts.createProgram(config.fileNames, config.options);
  const ours = /^(widget|domain)\//;
  const problems: string[] = [];
  for (const file of program.getSourceFiles()) {
    const relative = path.relative(root, file.fileName);
    if (relative.startsWith('..') || !ours.test(relative)) continue;
    const write = (name: string, text: string) => {
      mkdirSync(path.dirname(name), { recursive: true });
      writeFileSync(name, toJsSpecifiers(text));
    };
    const result = program.emit(file, write, undefined, true);
    for (const d of result.diagnostics) problems.push(`${relative}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  if (problems.length) throw new Error(`declarations:\n${problems.join('\n')}`);
}

/** React 19 and Vue typings of every element, from the manifest, importing the package's own types. */
function generateFrameworkTypings(): void {
  const manifest = JSON.parse(readFileSync(at('dist/custom-elements.json'), 'utf8'));
  // An event's type in the manifest is its detail's name (ClaimsSelectDetail); the generators
  // would import each name once per element that fires it, so they get a qualified reference.
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      for (const event of declaration.events ?? []) event.type = { text: `import('${CLASSES_TYPES}').${event.type.text}` };
    }
  }
  const common = { outdir: stage, globalTypePath: CLASSES_TYPES, hideLogs: true };
  generateJsxTypes(structuredClone(manifest), { ...common, fileName: 'jsx-react.d.ts' });
  const react = readFileSync(path.join(stage, 'jsx-react.d.ts'), 'utf8');
  // React 19 sets properties on custom elements and listens for `on<event-name>` props.
  writeFileSync(
    path.join(stage, 'jsx-react.d.ts'),
    `${react}
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
`,
  );
  generateVuejsTypes(structuredClone(manifest), { ...common, fileName: 'jsx-vue.d.ts' });
  const vue = readFileSync(path.join(stage, 'jsx-vue.d.ts'), 'utf8');
  // Vue's tooling camelizes what a template binds on a component: `api-base` is checked as the
  // prop `apiBase`, and `@claims-declined` as `onClaimsDeclined`.
  const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  writeFileSync(
    path.join(stage, 'jsx-vue.d.ts'),
    vue
      .replace(/"on(claims-[a-z-]+)"\?:/g, (_, event: string) => `on${camel(`-${event}`)}?:`)
      .replace(/"([a-z]+(?:-[a-z]+)+)"\?:/g, (_, attribute: string) => `${camel(attribute)}?:`),
  );
}

export function packWidget(): void {
  buildIfStale();
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const file of builtPackageFiles()) cpSync(at(`dist/widget/${file}`), path.join(stage, file));
  cpSync(at('dist/custom-elements.json'), path.join(stage, 'custom-elements.json'));
  cpSync(at('scripts/widget-package/package.json'), path.join(stage, 'package.json'));
  cpSync(at('widget/README.md'), path.join(stage, 'README.md'));
  emitDeclarations();
  generateFrameworkTypings();
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', at('dist')], { cwd: stage, encoding: 'utf8' }),
  ) as [{ filename: string }];
  // A rename replaces the previous tarball at once: an install reading it never finds it missing.
  renameSync(at(`dist/${packed.filename}`), TARBALL);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  packWidget();
  console.log(`packed ${path.relative(root, TARBALL)} (staged in ${path.relative(root, stage)}/)`);
}
