import type { ProblemCode } from '../../domain/problems.ts';
import { PROBLEM_TYPE_BASE } from '../../domain/problems.ts';

/** An RFC 9457 problem answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    /** The server's English explanation, for developers and logs: the widget never shows it (it words `code`). */
    readonly detail: string,
    readonly type = 'about:blank',
    /** For a 400: each invalid field (`amount.amountCents`…) with its message, to mark beside its input. */
    readonly errors: { field: string; message: string }[] = [],
    /** The problem's other members (`currentStatus`, `maxBytes`, `fileName`…): what the widget's wording may name. */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /** The kind of problem, from `type`: 'network' when no answer came, 'unknown' for a type this API does not document. */
  get code(): ProblemCode | 'network' | 'unknown' {
    if (this.status === 0) return 'network';
    return this.type.startsWith(PROBLEM_TYPE_BASE) ? (this.type.slice(PROBLEM_TYPE_BASE.length) as ProblemCode) : 'unknown';
  }

  static async from(res: Response): Promise<ApiError> {
    return ApiError.of(res.status, res.statusText, await res.text().catch(() => ''));
  }

  /** The problem a failed answer's status and body (problem+json, else anything) describe. */
  static of(status: number, statusText: string, bodyText: string): ApiError {
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(bodyText);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: the status says enough.
    }
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const { type, title, detail, errors, ...fields } = body;
    return new ApiError(status, text(title) ?? statusText, text(detail) ?? '', text(type), Array.isArray(errors) ? (errors as ApiError['errors']) : [], fields);
  }

  static network(error: unknown): ApiError {
    return new ApiError(0, 'Network error', error instanceof Error ? error.message : String(error));
  }
}
