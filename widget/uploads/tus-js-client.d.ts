// tus-js-client's browser build as the package ships it in lib/ (its own modern source, the one
// its `browser` field maps lib/node to): 10 KB min+gzip with its dependencies, where lib.esm —
// what its `module` field names — is transpiled for old browsers with a regenerator runtime and
// weighs 16. The same classes, typed as the package types them.
declare module 'tus-js-client/lib/browser/index.js' {
  export * from 'tus-js-client';
}
