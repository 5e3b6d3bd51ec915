import { ClaimsApp } from '@claimdesk/widget/react'
import { fetchClaimsToken } from './claims-token.ts'
import { HostStatus, useClaimsActivity } from './HostStatus.tsx'

const apiBase = import.meta.env.VITE_CLAIMS_API_BASE

/**
 * The same page through the package's optional React components: camelCase properties and
 * `onClaims…` props; `@claimdesk/widget/react` registers the elements itself.
 */
export default function WrapperApp() {
  const { lastSelected, acceptedReference, showSelected, showAccepted } = useClaimsActivity()

  return (
    <main>
      <h1>My customer area (React components)</h1>
      <HostStatus lastSelected={lastSelected} acceptedReference={acceptedReference} />
      <ClaimsApp apiBase={apiBase} lang="en" tokenProvider={fetchClaimsToken} onClaimsSelect={showSelected} onClaimsAccepted={showAccepted} />
    </main>
  )
}
