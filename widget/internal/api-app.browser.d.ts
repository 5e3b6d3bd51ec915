// The API's Hono app type as the browser side's typecheck (widget/tsconfig.json) sees it: a
// stand-in, because the real one (api/app.ts) is the whole API, which needs Node's types. The
// client's calls are checked against the real routes by tsconfig.node-dom.json, and each
// ClaimsApi method states the type it returns.
export type AppType = any;
