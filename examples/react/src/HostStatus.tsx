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
