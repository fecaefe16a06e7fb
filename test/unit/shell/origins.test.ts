import { describe, expect, it } from 'vitest';
import { createUrlTrust, devServerOrigin } from '../../../src/main/origins';

describe('which URLs are the app’s own', () => {
  it('trusts the dev server only unpackaged, only a plain http server on this machine', () => {
    expect(devServerOrigin(false, 'http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devServerOrigin(true, 'http://localhost:5173/')).toBeNull();
    expect(devServerOrigin(false, undefined)).toBeNull();
    expect(devServerOrigin(false, 'https://evil.example/')).toBeNull();
    expect(devServerOrigin(false, 'http://192.168.0.10:5173/')).toBeNull();
    expect(devServerOrigin(false, 'not a url')).toBeNull();
  });

  it('compares whole origins, so a look-alike of the dev server or of app://balcao is refused', () => {
    const trusted = createUrlTrust('http://localhost:5173');
    expect(trusted('http://localhost:5173/orders')).toBe(true);
    expect(trusted('app://balcao/index.html')).toBe(true);
    for (const url of [
      'http://localhost:5173.evil/',
      'http://localhost:5173.evil.com/',
      'http://localhost:51730/',
      'http://localhost:5173@evil.com/',
      'http://user:pw@localhost:5173/',
      'https://localhost:5173/',
      'app://balcao.evil/index.html',
      'app://evil/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      '',
    ]) {
      expect(trusted(url), url).toBe(false);
    }
  });

  it('a packaged app trusts its own scheme only', () => {
    const trusted = createUrlTrust(devServerOrigin(true, 'http://localhost:5173'));
    expect(trusted('http://localhost:5173/')).toBe(false);
    expect(trusted('app://balcao/assets/index.js')).toBe(true);
  });
});
