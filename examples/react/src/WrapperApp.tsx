import { useCallback, useState } from 'react'
import { ClaimsApp } from '@claimdesk/widget/react'
import type { ClaimsAcceptedEvent, ClaimsSelectEvent } from '@claimdesk/widget'
import { fetchClaimsToken } from './claims-token.ts'
import { HostStatus } from './HostStatus.tsx'

const apiBase = import.meta.env.VITE_CLAIMS_API_BASE

/**
 * The same page through the package's optional React components: camelCase properties and
 * `onClaims…` props; `@claimdesk/widget/react` registers the elements itself.
 */
export default function WrapperApp() {
  const [lastSelected, setLastSelected] = useState<string | null>(null)
  const [acceptedReference, setAcceptedReference] = useState<string | null>(null)

  const showSelected = useCallback((event: ClaimsSelectEvent) => setLastSelected(event.detail.id), [])
  const showAccepted = useCallback((event: ClaimsAcceptedEvent) => setAcceptedReference(event.detail.claim.reference), [])

  return (
    <main>
      <h1>My customer area (React components)</h1>
      <HostStatus lastSelected={lastSelected} acceptedReference={acceptedReference} />
      <ClaimsApp apiBase={apiBase} lang="en" tokenProvider={fetchClaimsToken} onClaimsSelect={showSelected} onClaimsAccepted={showAccepted} />
    </main>
  )
}
