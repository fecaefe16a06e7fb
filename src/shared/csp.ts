/**
 * The renderer's Content-Security-Policy, sent by the app:// protocol handler and
 * by the HTTP bridge alike so the browser preview runs under the same rules as
 * the desktop app. The renderer never calls the store API: only 'self'.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Svelte transitions write inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
