// Not part of the app (no page imports it): what the strict typecheck (`npm run typecheck`, and
// `npm run build` first) proves about @claimdesk/widget's types beyond what the app itself uses.
// Each @ts-expect-error must find its error: were an element, a prop or an event detail to
// lose its type (become `any`), the directive would be unused, and that fails the typecheck.
import type {} from '@claimdesk/widget/jsx-react'
import type { ClaimsApp as ClaimsAppElement, ClaimsSelectEvent, LiveEvent } from '@claimdesk/widget'
import { ClaimsList } from '@claimdesk/widget/classes'
import '@claimdesk/widget/elements/claims-list'
import { ClaimsApp, ClaimsList as ClaimsListComponent } from '@claimdesk/widget/react'
import { useRef } from 'react'

/** The elements in JSX (jsx-react): props typed, and each handler's event detail. */
export function Elements({ notify }: { notify: (text: string) => void }) {
  const app = useRef<ClaimsAppElement>(null)
  return (
    <>
      <claims-app
        ref={app}
        api-base="https://claims.example.com/api/v1"
        page-size={10}
        tokenProvider={() => 'jwt'}
        onclaims-declined={(e) => notify(e.detail.reason + e.detail.claim.reference)}
        onclaims-error={(e) => notify(e.detail.detail + e.detail.status.toFixed())}
      />
      {/* @ts-expect-error: the detail is typed, so a field it lacks is an error */}
      <claims-list onclaims-select={(e) => notify(e.detail.reason)} />
      {/* @ts-expect-error: page-size is a number */}
      <claims-app page-size={true} />
    </>
  )
}

/** The React components (@claimdesk/widget/react): camelCase props, typed event props. */
export function Components({ notify }: { notify: (text: string) => void }) {
  const app = useRef<ClaimsAppElement>(null)
  const live = (event: LiveEvent) => notify(event.type)
  return (
    <>
      <ClaimsApp ref={app} pageSize={10} className="claims" onClaimsLiveEvent={(e) => live(e.detail.event)} />
      {/* @ts-expect-error: the detail is typed, so a field it lacks is an error */}
      <ClaimsListComponent onClaimsSelect={(e) => notify(e.detail.reason)} />
    </>
  )
}

/** The classes, and the events in plain DOM code (the package adds them to HTMLElementEventMap). */
export function inPlainDom(): void {
  const list = document.querySelector('claims-list')
  if (list instanceof ClaimsList) list.status = 'notified'
  document.body.addEventListener('claims-select', (e: ClaimsSelectEvent) => console.log(e.detail.id))
  document.body.addEventListener('claims-accepted', (e) => console.log(e.detail.claim.status))
  // @ts-expect-error: the detail is typed, so a field it lacks is an error
  document.body.addEventListener('claims-accepted', (e) => console.log(e.detail.reason))
}
