/**
 * The HTTP layer's own settings: body limits, rate limits, proxies and framing. The server reads
 * them from the environment (api/env.ts, README "Settings"); anything not given takes these defaults.
 */
export interface HttpSettings {
  /** Largest body of a request that is not an upload (MAX_JSON_BYTES). */
  maxJsonBytes: number;
  /** Largest file one upload may carry (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /**
   * Largest multipart body, all its files together (MAX_UPLOAD_REQUEST_BYTES); never less than
   * one file of MAX_UPLOAD_BYTES with its envelope.
   */
  maxUploadRequestBytes: number;
  /** Chat attachments one person may have uploaded and not sent yet, over every claim (MAX_UNSENT_ATTACHMENTS). */
  maxUnsentAttachments: number;
  /** Their bytes together (MAX_UNSENT_ATTACHMENT_BYTES). */
  maxUnsentAttachmentBytes: number;
  /** Failed authentications one client address may have a minute (AUTH_FAILURES_PER_MINUTE). */
  authFailuresPerMinute: number;
  /** Writes (POST, PUT, PATCH, DELETE) one user may make a minute (WRITES_PER_MINUTE_PER_USER). */
  writesPerMinutePerUser: number;
  /** Writes one client address may make a minute, its users together (WRITES_PER_MINUTE_PER_ADDRESS). */
  writesPerMinutePerAddress: number;
  /** Writes the API key may make a minute; null: not throttled (API_KEY_WRITES_PER_MINUTE). */
  apiKeyWritesPerMinute: number | null;
  /** Reverse proxies in front whose X-Forwarded-For entries to trust; 0: the socket's address (TRUST_PROXY). */
  trustProxy: number;
  /** CSP frame-ancestors of the HTML pages (FRAME_ANCESTORS). */
  frameAncestors: string[];
}

export const HTTP_DEFAULTS: HttpSettings = {
  maxJsonBytes: 1024 * 1024,
  maxUploadBytes: 20 * 1024 * 1024,
  maxUploadRequestBytes: 100 * 1024 * 1024,
  maxUnsentAttachments: 20,
  maxUnsentAttachmentBytes: 200 * 1024 * 1024,
  authFailuresPerMinute: 60,
  writesPerMinutePerUser: 120,
  writesPerMinutePerAddress: 600,
  apiKeyWritesPerMinute: null,
  trustProxy: 0,
  frameAncestors: ["'self'"],
};
