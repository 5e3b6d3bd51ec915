/**
 * Loads an element's module the first time the page has one of its tags — now, or added later
 * (by a framework, by innerHTML) — so a page that never uses it never downloads it. The module
 * defines the element, and the browser upgrades every instance; properties set before that
 * (a `tokenProvider`) are kept by Lit and applied on upgrade.
 *
 * Watches the document, not shadow roots: elements that nest another element load it themselves.
 */
export function loadWhenUsed(tag: string, load: () => Promise<unknown>): void {
  if (customElements.get(tag)) return;
  let observer: MutationObserver | undefined;
  const go = () => {
    observer?.disconnect();
    load().catch((error: unknown) => console.error(`Claimdesk could not load <${tag}>:`, error));
  };
  if (document.getElementsByTagName(tag).length) return go();
  // A live collection: reading its length after each batch of DOM changes costs nothing.
  const instances = document.getElementsByTagName(tag);
  observer = new MutationObserver(() => instances.length && go());
  observer.observe(document, { childList: true, subtree: true });
}
