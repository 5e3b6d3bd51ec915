/** An RFC 9457 problem answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type = 'about:blank',
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  static async from(res: Response): Promise<ApiError> {
    let body: { type?: string; title?: string; detail?: string } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // Not JSON: keep the status text.
    }
    return new ApiError(res.status, body.title ?? res.statusText, body.detail ?? '', body.type);
  }

  static network(error: unknown): ApiError {
    return new ApiError(0, 'Network error', error instanceof Error ? error.message : String(error));
  }
}
