// Every kind of problem the API answers, each written once. The code ends the problem's `type`
// URI (https://claimdesk.dev/problems/<code>) and never changes once published: clients tell
// problems apart by it, never by `title` or `detail`, which are English prose for developers.
// The widget words each code in its own language (widget/translations/problems.*.ts), and the
// compiler holds it to every code here.

export const PROBLEM_TYPE_BASE = 'https://claimdesk.dev/problems/';

/** Every kind of problem, with the status and title it is always answered with. */
export const PROBLEMS = {
  // Problems any request can meet, whatever it asks.
  'malformed-request': { status: 400, title: 'Malformed request' },
  'invalid-request': { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'no-claims-access': { status: 403, title: 'No claims access' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'content-too-large': { status: 413, title: 'Content too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'header-too-large': { status: 431, title: 'Request header fields too large' },
  'server-error': { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
  // Refusals of what a request asks of a claim, its documents or its conversation.
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  'invalid-upload': { status: 400, title: 'Invalid upload' },
  'empty-file': { status: 400, title: 'Empty file' },
  'move-not-yours': { status: 403, title: 'Move not yours' },
  'not-yours': { status: 403, title: 'Not yours' },
  'transition-not-allowed': { status: 409, title: 'Transition not allowed' },
  'claim-final': { status: 409, title: 'Claim is final' },
  'document-conflict': { status: 409, title: 'Document not in a state for this' },
  'external-ref-conflict': { status: 409, title: 'External reference already used' },
  'claim-not-amendable': { status: 409, title: 'Claim can no longer be amended' },
  'client-id-reused': { status: 409, title: 'Client id reused' },
  'api-key-limit': { status: 409, title: 'Too many API keys' },
  'token-issuer-conflict': { status: 409, title: 'Token issuer already trusted' },
  'webhook-limit': { status: 409, title: 'Too many webhook endpoints' },
  'webhook-disabled': { status: 409, title: 'Webhook endpoint disabled' },
  'too-many-unsent-files': { status: 409, title: 'Too many files waiting to be sent' },
  'upload-offset-mismatch': { status: 409, title: 'Upload offset mismatch' },
  'upload-expired': { status: 410, title: 'Upload expired' },
  'file-too-large': { status: 413, title: 'File too large' },
  'file-type-not-allowed': { status: 415, title: 'File type not allowed' },
  'range-not-satisfiable': { status: 416, title: 'Range not satisfiable' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
