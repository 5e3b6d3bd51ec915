import { useCallback, useState } from 'react'
import type { ClaimsAcceptedEvent, ClaimsSelectEvent } from '@claimdesk/widget'

/**
 * What the host keeps of the widget's events, and the typed handlers that keep it. The handlers
 * are stable across renders, so React does not swap the widget's listeners on each one.
 */
export function useClaimsActivity() {
  const [lastSelected, setLastSelected] = useState<string | null>(null)
  const [acceptedReference, setAcceptedReference] = useState<string | null>(null)
  const showSelected = useCallback((event: ClaimsSelectEvent) => setLastSelected(event.detail.id), [])
  const showAccepted = useCallback((event: ClaimsAcceptedEvent) => setAcceptedReference(event.detail.claim.reference), [])
  return { lastSelected, acceptedReference, showSelected, showAccepted }
}

interface HostStatusProps {
  lastSelected: string | null
  acceptedReference: string | null
}

/** The host's own view of what the widget told it. */
export function HostStatus({ lastSelected, acceptedReference }: HostStatusProps) {
  return (
    <p className="host-status">
      <span id="last-selected">last selected: {lastSelected ?? '—'}</span>
      <span id="accepted">accepted: {acceptedReference ?? '—'}</span>
    </p>
  )
}
