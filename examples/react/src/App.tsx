import '@claimdesk/widget'
import type {} from '@claimdesk/widget/jsx-react'
import { fetchClaimsToken } from './claims-token.ts'
import { HostStatus, useClaimsActivity } from './HostStatus.tsx'

const apiBase = import.meta.env.VITE_CLAIMS_API_BASE

export default function App() {
  const { lastSelected, acceptedReference, showSelected, showAccepted } = useClaimsActivity()

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
