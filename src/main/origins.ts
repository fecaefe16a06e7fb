/**
 * Which URLs are the app's own. The renderer is served from app://balcao/ rather than file:// so it has a real
 * origin and a CSP header and cannot read arbitrary local files; in development electron-vite's dev server is
 * trusted as well, and only then.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'balcao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The dev server's origin when it may be trusted: never in a packaged app (an environment variable must not be
 * able to point a release build at another server), and only a plain http server on this machine.
 */
export function devServerOrigin(isPackaged: boolean, rendererUrl: string | undefined): string | null {
  if (isPackaged || !rendererUrl) return null;
  const url = parse(rendererUrl);
  if (!url || url.protocol !== 'http:') return null;
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? url.origin : null;
}

/**
 * Compares whole origins, never prefixes: `http://localhost:5173.evil` or `app://balcao.evil/` are not ours.
 * (Node gives a custom scheme's URL the origin "null", so app:// is compared by scheme and host.)
 */
export function createUrlTrust(devOrigin: string | null): (url: string) => boolean {
  return (url) => {
    const parsed = parse(url);
    if (!parsed || parsed.username || parsed.password) return false;
    if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
    return devOrigin !== null && parsed.origin === devOrigin;
  };
}
