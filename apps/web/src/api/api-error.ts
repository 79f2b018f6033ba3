/** The API's one error shape (apps/api ErrorResponse). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

/** An API answer that was not 2xx, with the API's own explanation; never shown raw (see WebErrorFilter). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(`API answered ${status}: ${body.error}`);
    this.name = 'ApiError';
  }

  /** Field names the API said were wrong, with what is wrong with them. */
  get fieldProblems(): { field: string; problems: string[] }[] {
    const fields = this.body.details?.fields;
    return Array.isArray(fields)
      ? fields.filter(
          (f): f is { field: string; problems: string[] } =>
            typeof f === 'object' && f !== null && typeof (f as { field?: unknown }).field === 'string',
        )
      : [];
  }
}

/** The API could not be reached, or answered something that is not its error shape. */
export class ApiUnavailableError extends Error {
  constructor(readonly why: string) {
    super(`the API is unavailable: ${why}`);
    this.name = 'ApiUnavailableError';
  }
}
