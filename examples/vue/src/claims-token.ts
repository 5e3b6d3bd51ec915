import type { TokenProvider } from '@claimdesk/widget'

/**
 * Asks this app's own backend for a short-lived Claimdesk token for the signed-in user. The
 * widget calls it for the first token, before the token expires, and again after a 401.
 */
export const fetchClaimsToken: TokenProvider = async () => {
  const response = await fetch('/token', { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`The claims token could not be fetched (${response.status})`)
  const body: unknown = await response.json()
  if (typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string') return body.token
  throw new Error('The claims token response has no token')
}
