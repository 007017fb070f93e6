/**
 * Reset and verification links carry their token in the path (/reset-password/<token>,
 * /verify-email/<token>), as do personal calendar feeds (/calendar/<token>/...) and unsubscribe
 * links (/notifications/unsubscribe/<token>); whoever reads one can use it. Everything that writes a URL, a path or
 * an error message to the logs passes it through here first.
 */
const SECRET_PATH_SEGMENT =
  /(\/(?:reset-password|verify-email|calendar|notifications\/unsubscribe)\/+)[^/?#\s"'`<>]+/gi;

/** Any text with the token of every reset or verification link replaced by "[redacted]". */
export function redactSecretPaths(text: string): string {
  return text.replace(SECRET_PATH_SEGMENT, "$1[redacted]");
}

/** A request path as logs may hold it: no query string or fragment, and no link token. */
export function redactPathForLog(url: string): string {
  return redactSecretPaths(url.split(/[?#]/, 1)[0] ?? "");
}

/** An error as logs may hold it: its kind, and message and stack without link tokens. */
export function redactErrorForLog(error: unknown): {
  type: string;
  message: string;
  stack?: string;
} {
  if (error instanceof Error) {
    return {
      type: error.name,
      message: redactSecretPaths(error.message),
      ...(error.stack ? { stack: redactSecretPaths(error.stack) } : {}),
    };
  }
  return { type: typeof error, message: redactSecretPaths(String(error)) };
}
