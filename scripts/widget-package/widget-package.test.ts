// @claimdesk/widget as a host installs it: the packed tarball holds the package's files and no
// others, its declarations stand alone (nothing of the API, zod or hono), and strict React 19 and
// Vue 3 hosts type-check against it, element props and event details included. Runs after
// `npm run build` (scripts/test.sh); packing reuses that build.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtPackageFiles, importsOf, packWidget, TARBALL } from '../pack-widget.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'scripts/widget-package/package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default?: string }>;
  dependencies: Record<string, string>;
};

/** Every file the package may hold; anything else in the tarball (sources, tests, .br/.gz) is a leak. */
const PACKAGE_FILE =
  /^(package\.json|README\.md|custom-elements\.json|jsx-(react|vue)\.d\.ts|(define|index|react)\.js(\.map)?|(elements\/claims-[a-z-]+|chunks\/[\w.-]+)\.js(\.map)?|themes\/(light|dark)\.css|types\/(widget|domain)\/[\w/.-]+\.d\.ts)$/;

/** What a host has installed beside the package: its declared dependencies and the frameworks. */
const HOST_PACKAGES = ['react', '@types/react', 'vue'];

/** Strict host settings, as the integrators' issue listed them. */
const compilerOptions = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  erasableSyntaxOnly: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noEmit: true,
};

const REACT_HOST = {
  // The elements themselves in JSX, typed by jsx-react (React 19 listens for `on<event-name>`).
  'elements.tsx': `
import type {} from '@claimdesk/widget/jsx-react';
import '@claimdesk/widget';
import type { ClaimsApp, ClaimsDeclinedDetail, TokenProvider } from '@claimdesk/widget';
import { useRef } from 'react';

const tokenProvider: TokenProvider = async () => 'jwt';

export function ClaimsArea({ notify }: { notify: (text: string) => void }) {
  const app = useRef<ClaimsApp>(null);
  const declined = (detail: ClaimsDeclinedDetail) => notify(detail.reason + detail.claim.reference);
  return (
    <>
      <claims-app
        ref={app}
        api-base="https://claims.example.com/api/v1"
        lang="en"
        page-size={10}
        tokenProvider={tokenProvider}
        onclaims-select={(e) => notify(e.detail.id)}
        onclaims-declined={(e) => declined(e.detail)}
        onclaims-error={(e) => notify(e.detail.detail + e.detail.status.toFixed())}
      />
      {/* @ts-expect-error: the detail is typed, so a field it lacks is an error */}
      <claims-list onclaims-select={(e) => notify(e.detail.reason)} />
      {/* @ts-expect-error: page-size is a number */}
      <claims-app page-size={true} />
    </>
  );
}
`,
  // The React components (@lit/react), with camelCase event props.
  'components.tsx': `
import { ClaimsApp, ClaimsList } from '@claimdesk/widget/react';
import type { ClaimsApp as ClaimsAppElement, LiveEvent } from '@claimdesk/widget/classes';
import { useRef } from 'react';

export function ClaimsArea({ notify }: { notify: (text: string) => void }) {
  const app = useRef<ClaimsAppElement>(null);
  const live = (event: LiveEvent) => notify(event.type);
  return (
    <>
      <ClaimsApp
        ref={app}
        apiBase="https://claims.example.com/api/v1"
        tokenProvider={() => 'jwt'}
        pageSize={10}
        lang="en"
        className="claims"
        onClaimsDeclined={(e) => notify(e.detail.reason)}
        onClaimsLiveEvent={(e) => live(e.detail.event)}
      />
      {/* @ts-expect-error: the detail is typed, so a field it lacks is an error */}
      <ClaimsList onClaimsSelect={(e) => notify(e.detail.reason)} />
    </>
  );
}
`,
  // The classes and one element's own module, in plain DOM code.
  'dom.ts': `
import { ClaimsList } from '@claimdesk/widget/classes';
import '@claimdesk/widget/elements/claims-list';
import type { ClaimsSelectEvent } from '@claimdesk/widget';

const list = document.querySelector('claims-list');
if (list instanceof ClaimsList) list.status = 'notified';
document.body.addEventListener('claims-select', (e: ClaimsSelectEvent) => console.log(e.detail.id));
document.body.addEventListener('claims-accepted', (e) => console.log(e.detail.claim.status));
`,
};

const VUE_HOST = {
  'App.vue': `
<script setup lang="ts">
import type {} from '@claimdesk/widget/jsx-vue';
import '@claimdesk/widget';
import type { TokenProvider } from '@claimdesk/widget';

const apiBase = 'https://claims.example.com/api/v1';
const tokenProvider: TokenProvider = () => 'jwt';
const notify = (text: string) => console.log(text);
</script>

<template>
  <!-- Bound, not static: vue-tsc 3.3 loses the element's event types when a static attribute value contains "//". -->
  <claims-app
    :api-base="apiBase"
    lang="en"
    .tokenProvider="tokenProvider"
    @claims-declined="(e) => notify(e.detail.reason + e.detail.claim.reference)"
    @claims-select="(e) => notify(e.detail.id)"
  />
  <!-- @vue-expect-error: the detail is typed, so a field it lacks is an error -->
  <claims-list @claims-select="(e) => notify(e.detail.reason)" />
</template>
`,
  'env.d.ts': `declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
`,
};

/** Lists the tarball's files, without the `package/` prefix npm gives them. */
function tarballFiles(): string[] {
  return execFileSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));
}

function run(bin: string, args: string[], cwd: string): void {
  try {
    execFileSync(path.join(root, 'node_modules/.bin', bin), args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    assert.fail(`${bin} failed in the host:\n${stdout}${stderr}`);
  }
}

describe('@claimdesk/widget', () => {
  let host: string;
  let files: string[];

  before(() => {
    packWidget();
    files = tarballFiles();
    // A host with the package installed from the tarball and, beside it, only what it declares
    // and what a React or Vue host has: whatever else its types needed would be missing.
    host = mkdtempSync(path.join(tmpdir(), 'claimdesk-host-'));
    const modules = path.join(host, 'node_modules');
    mkdirSync(path.join(modules, '@claimdesk/widget'), { recursive: true });
    execFileSync('tar', ['-xzf', TARBALL, '-C', path.join(modules, '@claimdesk/widget'), '--strip-components=1']);
    for (const name of [...Object.keys(pkg.dependencies), ...HOST_PACKAGES]) {
      mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
      symlinkSync(path.join(root, 'node_modules', name), path.join(modules, name), 'dir');
    }
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

  it('type-checks in a strict React 19 host: JSX elements, React components, classes and events', () => {
    const dir = path.join(host, 'react');
    mkdirSync(dir);
    for (const [name, text] of Object.entries(REACT_HOST)) writeFileSync(path.join(dir, name), text);
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, jsx: 'react-jsx' }, files: Object.keys(REACT_HOST) }),
    );
    run('tsc', ['-p', dir], dir);
  });

  it('type-checks in a strict Vue 3 host (vue-tsc): props, .tokenProvider and typed event details', () => {
    const dir = path.join(host, 'vue');
    mkdirSync(dir);
    for (const [name, text] of Object.entries(VUE_HOST)) writeFileSync(path.join(dir, name), text);
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, jsx: 'preserve' },
        vueCompilerOptions: { strictTemplates: true },
        include: ['*.vue', '*.ts'],
      }),
    );
    run('vue-tsc', ['-p', dir], dir);
  });
});
