import { useCallback, useState } from 'react'
import '@claimdesk/widget'
import type { ClaimsAcceptedEvent, ClaimsSelectEvent } from '@claimdesk/widget'
import type {} from '@claimdesk/widget/jsx-react'
import { fetchClaimsToken } from './claims-token.ts'
import { HostStatus } from './HostStatus.tsx'

const apiBase = import.meta.env.VITE_CLAIMS_API_BASE

export default function App() {
  const [lastSelected, setLastSelected] = useState<string | null>(null)
  const [acceptedReference, setAcceptedReference] = useState<string | null>(null)

  // Stable across renders, so React does not swap the widget's listeners on each one.
  const showSelected = useCallback((event: ClaimsSelectEvent) => setLastSelected(event.detail.id), [])
  const showAccepted = useCallback((event: ClaimsAcceptedEvent) => setAcceptedReference(event.detail.claim.reference), [])

  return (
    <main>
      <h1>My customer area</h1>
      <HostStatus lastSelected={lastSelected} acceptedReference={acceptedReference} />
      {/* fetchClaimsToken is a module-level function: re-renders hand the widget the same provider. */}
      <claims-app
        api-base={apiBase}
        lang="en"
        tokenProvider={fetchClaimsToken}
        onclaims-select={showSelected}
        onclaims-accepted={showAccepted}
      />
    </main>
  )
}
