import type { HeadersReceivedResponse, OnHeadersReceivedListenerDetails, Session } from 'electron';

/**
 * The board needs nothing from outside its own origin: scripts, styles, sounds and data all come
 * from the app (IPC does not count as a connection). renderer/index.html carries a meta CSP too;
 * a page enforces every policy it receives, so the stricter of the two wins.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'";

const CSP_HEADER = 'Content-Security-Policy';

/** Response headers with our CSP added; a policy the server sent stays (both are enforced). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const next: Record<string, string[]> = { ...headers };
  next[CSP_HEADER] = [...(next[CSP_HEADER] ?? []), CONTENT_SECURITY_POLICY];
  return next;
}

/**
 * Session-wide rules: the CSP header on every response, and no web permission (camera,
 * notifications, geolocation, …) is ever granted; the board needs none.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
