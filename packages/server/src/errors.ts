/** Stable error codes shared by HTTP, CLI and web. */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_TRANSITION"
  | "CSRF_FAILED"
  | "RATE_LIMITED"
  | "SETUP_REQUIRED"
  | "SETUP_DONE"
  | "UNSUPPORTED_FILE"
  | "PAYLOAD_TOO_LARGE"
  | "PASSWORD_CHANGE_REQUIRED"
  | "FILE_LIMIT_EXCEEDED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL";

/** An expected failure with a Chinese message for the user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

/** Maps an error code to its HTTP status. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case "VALIDATION_FAILED":
    case "UNSUPPORTED_FILE":
      return 400;
    case "UNAUTHENTICATED":
      return 401;
    case "FORBIDDEN":
    case "CSRF_FAILED":
    case "PASSWORD_CHANGE_REQUIRED":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "CONFLICT":
    case "SETUP_DONE":
      return 409;
    case "PAYLOAD_TOO_LARGE":
    case "FILE_LIMIT_EXCEEDED":
      return 413;
    case "INVALID_TRANSITION":
      return 422;
    case "SETUP_REQUIRED":
      return 428;
    case "RATE_LIMITED":
      return 429;
    case "INTERNAL":
      return 500;
    case "SERVICE_UNAVAILABLE":
      return 503;
  }
}

/** Maps an error code to a CLI exit status. */
export function exitStatusOf(code: ErrorCode): number {
  switch (code) {
    case "VALIDATION_FAILED":
    case "UNSUPPORTED_FILE":
    case "PAYLOAD_TOO_LARGE":
    case "FILE_LIMIT_EXCEEDED":
      return 2;
    case "NOT_FOUND":
      return 3;
    case "CONFLICT":
    case "INVALID_TRANSITION":
    case "SETUP_DONE":
      return 4;
    case "UNAUTHENTICATED":
    case "FORBIDDEN":
    case "CSRF_FAILED":
    case "RATE_LIMITED":
    case "SETUP_REQUIRED":
    case "PASSWORD_CHANGE_REQUIRED":
      return 5;
    case "INTERNAL":
      return 70;
    case "SERVICE_UNAVAILABLE":
      return 69;
  }
}
