// Errors that reach users. Each carries the HTTP status it maps to and a message that says what was wrong and
// where; route handlers turn them into JSON (lib/server/http.ts), pages into an in-place message.
import { refusalMessage } from "@/lib/server/security/cross-site";

export interface ErrorDetail {
  /** Where: a line number, a JSON path, a field name... */
  where?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(message, 400, "invalid_request", details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required: send `Authorization: Bearer <API key>` or sign in.") {
    super(message, 401, "unauthorized");
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this.") {
    super(message, 403, "forbidden");
  }
}

/**
 * A state-changing request authenticated by the session cookie that does not prove it comes from Sift's own pages
 * (lib/server/security/cross-site.ts): answered 403 before anything is read or written.
 */
export class CrossSiteRequestError extends AppError {
  constructor(why: string) {
    super(refusalMessage(why), 403, "cross_site_request");
  }
}

/** Also used for objects of another workspace, so that they are indistinguishable from ones that do not exist. */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what} not found.`, 404, "not_found");
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}
