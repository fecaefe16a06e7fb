import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RENDERER_CSP } from '../../../src/shared/csp';
import { resolveAppFile, serveRenderer } from '../../../src/main/protocol';

const root = join('/opt', 'balcao', 'renderer');

describe('app:// protocol', () => {
  it('maps the app’s paths into the built renderer', () => {
    expect(resolveAppFile(root, 'app://balcao/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://balcao/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://balcao/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://balcao/fonts/Inter%20Var.woff2')).toBe(join(root, 'fonts', 'Inter Var.woff2'));
  });

  it('never leaves the folder: dot segments stay inside it, encoded separators and NUL are refused', () => {
    // The URL parser resolves `..` and `%2e%2e` segments itself: they can climb no higher than the app's root.
    expect(resolveAppFile(root, 'app://balcao/../../etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, 'app://balcao/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    for (const url of [
      'app://balcao/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://balcao/..%5c..%5cwindows%5cwin.ini',
      'app://balcao/index.html%00.js',
      'app://balcao/%E0%A4%A',
      'app://other/index.html',
      'app://balcao.evil/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('answers with the CSP and nosniff, and 403 without reading anything for a path outside', async () => {
    let handler: ((request: { url: string }) => Promise<Response> | Response) | undefined;
    const read: string[] = [];
    serveRenderer({ handle: (scheme, h) => scheme === 'app' && (handler = h) }, root, async (fileUrl) => {
      read.push(fileUrl);
      return new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    });
    const ok = await handler!({ url: 'app://balcao/index.html' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-type')).toBe('text/html');
    expect(read).toEqual([`file://${join(root, 'index.html')}`]);
    const refused = await handler!({ url: 'app://balcao/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd' });
    expect(refused.status).toBe(403);
    expect(read).toHaveLength(1);
  });
});
