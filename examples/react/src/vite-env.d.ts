interface ImportMetaEnv {
  /** The Claimdesk API, ending in /api/v1 (set at build time: VITE_CLAIMS_API_BASE=… npm run build). */
  readonly VITE_CLAIMS_API_BASE: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
