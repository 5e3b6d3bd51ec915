/** An RFC 9457 problem answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type = 'about:blank',
    /** For a 400: each invalid field (`amount.amountCents`…) with its message, to show beside its input. */
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  static async from(res: Response): Promise<ApiError> {
    let body: { type?: string; title?: string; detail?: string; errors?: { field: string; message: string }[] } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // Not JSON: keep the status text.
    }
    return new ApiError(res.status, body.title ?? res.statusText, body.detail ?? '', body.type, Array.isArray(body.errors) ? body.errors : []);
  }

  static network(error: unknown): ApiError {
    return new ApiError(0, 'Network error', error instanceof Error ? error.message : String(error));
  }
}
