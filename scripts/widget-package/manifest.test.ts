// dist/custom-elements.json, as `npm run build` writes it and the package ships it: the React and
// Vue typings are generated from it and editors read it, so each thing it says must hold for the
// built package. Runs after `npm run build` (scripts/test.sh).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packageRoot = path.join(root, 'dist/widget');

/** HTMLElement's own properties an attribute may reflect (Node has no DOM to ask). */
const HTMLElementProperties = { lang: true, title: true, dir: true, hidden: true };

interface Part {
  name: string;
  description: string;
}
interface Element {
  name: string;
  tagName: string;
  attributes?: { name: string; fieldName?: string }[];
  members?: { name: string; kind: string }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: Part[];
  cssProperties?: { name: string; default?: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: (Element & { customElement?: boolean })[]; exports?: { declaration: { module?: string } }[] }[];
}

const manifest = JSON.parse(readFileSync(path.join(root, 'dist/custom-elements.json'), 'utf8')) as Manifest;
const elements = manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.customElement && d.tagName));
const byTag = new Map(elements.map((element) => [element.tagName, element]));
const partsOf = (tag: string) => (byTag.get(tag)?.cssParts ?? []).map((p) => p.name);

/** Each `<claims-x … exportparts="inner: outer, …">` in an element's template. */
function forwarding(tag: string): { child: string; inner: string; outer: string }[] {
  const source = readFileSync(path.join(root, `widget/components/${tag}/${tag}.component.ts`), 'utf8');
  return [...source.matchAll(/<(claims-[a-z-]+)\s[^>]*?exportparts="([^"]*)"/g)].flatMap(([, child, list]) =>
    list!.split(',').map((entry) => {
      const [inner, outer = inner] = entry.split(':').map((s) => s.trim());
      return { child: child!, inner: inner!, outer: outer! };
    }),
  );
}

describe('custom-elements.json', () => {
  it('describes every element', () => {
    assert.deepEqual([...byTag.keys()].sort(), [
      'claims-analytics',
      'claims-api-keys',
      'claims-app',
      'claims-chat',
      'claims-console',
      'claims-detail',
      'claims-documents',
      'claims-help',
      'claims-list',
      'claims-notifications',
      'claims-settings',
      'claims-timeline',
      'claims-webhooks',
    ]);
  });

  it('names the field of every attribute (an element member, or a native property like lang)', () => {
    for (const element of elements) {
      for (const attribute of element.attributes ?? []) {
        assert.ok(attribute.fieldName, `<${element.tagName}> ${attribute.name} has a fieldName`);
        const member = element.members?.some((m) => m.name === attribute.fieldName) || attribute.fieldName in HTMLElementProperties;
        assert.ok(member, `<${element.tagName}> ${attribute.name} → ${attribute.fieldName} is a property`);
      }
    }
  });

  it('types each event by its detail, a type the package exports', () => {
    const exported = readFileSync(path.join(root, 'widget/events/index.ts'), 'utf8');
    for (const element of elements) {
      for (const event of element.events ?? []) {
        const type = event.type?.text ?? '';
        assert.match(type, /^Claims\w+Detail$/, `<${element.tagName}> ${event.name}`);
        assert.ok(exported.includes(` ${type},`), `${type} is exported by widget/events/index.ts`);
      }
    }
  });

  it('points every module at a file of the built package', () => {
    for (const mod of manifest.modules) {
      assert.ok(existsSync(path.join(packageRoot, mod.path)), `${mod.path} is built`);
      for (const ref of JSON.stringify(mod).matchAll(/"module":"([^"]+)"/g)) {
        assert.ok(existsSync(path.join(packageRoot, ref[1]!)), `${ref[1]} (referenced by ${mod.path}) is built`);
      }
    }
  });

  it('documents every CSS custom property with its default', () => {
    for (const element of elements) {
      assert.ok((element.cssProperties ?? []).length >= 17, `<${element.tagName}> lists the theme's tokens`);
      for (const property of element.cssProperties ?? [])
        assert.ok(property.default, `<${element.tagName}> ${property.name} has a default`);
    }
  });

  it('lists each forwarded part on the element that forwards it, from a part its child has', () => {
    for (const tag of byTag.keys()) {
      for (const { child, inner, outer } of forwarding(tag)) {
        assert.ok(partsOf(child).includes(inner), `<${tag}> forwards ${inner}, a part of <${child}>`);
        assert.ok(partsOf(tag).includes(outer), `<${tag}> lists ${outer}`);
      }
    }
  });

  it('lets <claims-app> style every part of the list, the bell and the detail (with what the detail forwards)', () => {
    const forwarded = forwarding('claims-app');
    for (const child of ['claims-list', 'claims-notifications', 'claims-detail']) {
      const missing = partsOf(child).filter((part) => !forwarded.some((f) => f.child === child && f.inner === part));
      assert.deepEqual(missing, [], `parts of <${child}> that <claims-app> does not forward`);
    }
    for (const part of ['timeline', 'step-current', 'row', 'accept-button', 'chat-message', 'documents-item', 'notifications-bell']) {
      assert.ok(partsOf('claims-app').includes(part), `claims-app::part(${part})`);
    }
  });

  it('matches the React components’ event props to the events each element fires', () => {
    const source = readFileSync(path.join(root, 'widget/react.ts'), 'utf8');
    for (const [, tag, props] of source.matchAll(/wrap\(\s*'([\w-]+)',\s*\w+,([^)]*)\)/g)) {
      const events = [...props!.matchAll(/'on(\w+)'/g)].map(
        ([, name]) => `claims-${name!.replace(/^Claims/, '').replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase())}`,
      );
      assert.deepEqual(events.sort(), (byTag.get(tag!)?.events ?? []).map((e) => e.name).sort(), `<${tag}>`);
    }
  });
});
