// @claimdesk/widget as a host installs it: the packed tarball holds the package's files and no
// others, and its declarations stand alone (nothing of the API, zod or hono). Strict React 19 and
// Vue 3 hosts type-checking against it, element props and event details included, are the
// example apps' (examples/react, examples/vue: `npm run test:examples`). Runs after
// `npm run build` (scripts/test.sh); packing reuses that build.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtPackageFiles, importsOf, packWidget, TARBALL } from '../pack-widget.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'scripts/widget-package/package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default?: string }>;
};

/** Every file the package may hold; anything else in the tarball (sources, tests, .br/.gz) is a leak. */
const PACKAGE_FILE =
  /^(package\.json|README\.md|custom-elements\.json|jsx-(react|vue)\.d\.ts|(define|index|react)\.js(\.map)?|(elements\/claims-[a-z-]+|chunks\/[\w.-]+)\.js(\.map)?|themes\/(light|dark)\.css|types\/(widget|domain)\/[\w/.-]+\.d\.ts)$/;

/** Lists the tarball's files, without the `package/` prefix npm gives them. */
function tarballFiles(): string[] {
  return execFileSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));
}

describe('@claimdesk/widget', () => {
  let host: string;
  let files: string[];

  before(() => {
    packWidget();
    files = tarballFiles();
    // A host with the package installed from the tarball.
    host = mkdtempSync(path.join(tmpdir(), 'claimdesk-host-'));
    const modules = path.join(host, 'node_modules');
    mkdirSync(path.join(modules, '@claimdesk/widget'), { recursive: true });
    execFileSync('tar', ['-xzf', TARBALL, '-C', path.join(modules, '@claimdesk/widget'), '--strip-components=1']);
  });
  after(() => rmSync(host, { recursive: true, force: true }));

  it('packs only the package’s files, with every file its exports name', () => {
    const stray = files.filter((file) => !PACKAGE_FILE.test(file) || file.includes('.test.'));
    assert.deepEqual(stray, [], 'files that are not the package’s');
    const built = builtPackageFiles();
    assert.deepEqual(files.filter((f) => !f.startsWith('types/') && built.includes(f)).sort(), built, 'every module the entries reach');
    assert.ok(!files.includes('claimdesk.js'), 'the script-tag bundle stays on the server');
    for (const [entry, target] of Object.entries(pkg.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(files.includes(file.replace(/^\.\//, '')), `${entry} → ${file} is in the package`);
      }
    }
    const elements = readdirSync(path.join(root, 'widget/components'));
    assert.deepEqual(
      Object.keys(pkg.exports).filter((e) => e.startsWith('./elements/')),
      elements.map((tag) => `./elements/${tag}`),
      'an entry per element',
    );
  });

  it('has one copy of each element: its main entry, the React components and the elements share the modules that register them', () => {
    const modules = files.filter((f) => f.endsWith('.js'));
    const read = (file: string) => readFileSync(path.join(host, 'node_modules/@claimdesk/widget', file), 'utf8');
    const tags = readdirSync(path.join(root, 'widget/components'));
    const reach = (entry: string, seen = new Set<string>()): Set<string> => {
      if (!seen.has(entry)) {
        seen.add(entry);
        for (const next of importsOf(entry)) reach(next, seen);
      }
      return seen;
    };
    for (const tag of tags) {
      const registering = modules.filter((file) => read(file).includes(`customElements.define(\`${tag}\``) || read(file).includes(`customElements.define("${tag}"`));
      assert.equal(registering.length, 1, `${tag} is registered by one module: ${registering.join(', ')}`);
      assert.ok(reach(`elements/${tag}.js`).has(registering[0]!), `elements/${tag}.js registers it through ${registering[0]}`);
    }
    for (const entry of ['define.js', 'react.js']) assert.ok(reach(entry).has('elements/claims-app.js'), `${entry} registers through elements/claims-app.js`);
  });

  it('ships declarations that name nothing of the API, zod or hono', () => {
    const declarations = files.filter((f) => f.endsWith('.d.ts'));
    assert.ok(declarations.length > 20);
    for (const file of declarations) {
      const text = readFileSync(path.join(host, 'node_modules/@claimdesk/widget', file), 'utf8');
      assert.doesNotMatch(text, /zod|hono|\.\.\/\.\.\/api|['"`][^'"`]*\/api\/[^'"`]*\.(js|ts)['"`]/, file);
      assert.doesNotMatch(text, /from ['"][^'"]+\.ts['"]/, `${file} imports by .ts`);
    }
  });

  it('keeps React and @lit/react out of the script-tag bundle and the main entry', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(path.join(root, 'dist/widget', file), 'utf8');
      assert.doesNotMatch(code, /from\s*["']react["']|\.forwardRef\(/, `${file} (reached from an entry that registers the elements)`);
      importsOf(file).forEach(visit);
    };
    visit('claimdesk.js');
    assert.ok(seen.size > 3, 'claimdesk.js and its chunks');
    seen.clear();
    visit('define.js');
    assert.ok(seen.size > 3, 'define.js and its chunks');
  });
});
