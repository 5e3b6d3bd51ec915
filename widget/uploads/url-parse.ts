// Stands in for the url-parse package in the widget's build (vite.config.ts) and its tests
// (web-test-runner.config.mjs). tus-js-client uses it for one thing — an upload's Location
// resolved against its endpoint, `new URL(link, origin).toString()` — which the browser's own URL
// does alike; url-parse and the two packages it needs are CommonJS, which would bring 2 KB
// min+gzip and the bundler's CommonJS runtime, in a chunk that elements with no upload load too.
export default URL;
