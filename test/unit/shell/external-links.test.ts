import { describe, expect, it, vi } from 'vitest';
import {
  boletoUrl,
  openBuilt,
  openOrderLink,
  panelUrl,
  PLATFORM_PANEL_URL,
  trackingUrl,
  whatsappUrl,
} from '../../../src/main/external-links';

describe('links main builds for the browser', () => {
  it('builds wa.me links from a customer’s phone, adding Brazil’s code', () => {
    expect(whatsappUrl('16981875668')).toBe('https://wa.me/5516981875668');
    expect(whatsappUrl('(16) 98187-5668')).toBe('https://wa.me/5516981875668');
    expect(whatsappUrl('5516981875668')).toBe('https://wa.me/5516981875668');
    expect(whatsappUrl('12345')).toBeNull();
    expect(whatsappUrl(null)).toBeNull();
  });

  it('passes cached tracking and boleto links only when they are https to a named host', () => {
    expect(trackingUrl({ trackUrl: 'https://rastreio.example.com.br/AA123BR' })).toBe(
      'https://rastreio.example.com.br/AA123BR',
    );
    expect(boletoUrl('https://boleto.example.com/b/123')).toBe('https://boleto.example.com/b/123');
    for (const bad of [
      'http://rastreio.example.com/x',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://127.0.0.1:8080/admin',
      'https://[::1]/x',
      'https://localhost/x',
      'https://user:pw@example.com/',
      'not a url',
      '',
    ]) {
      expect(trackingUrl({ trackUrl: bad }), bad).toBeNull();
      expect(boletoUrl(bad), bad).toBeNull();
    }
    expect(trackingUrl({ trackUrl: null })).toBeNull();
  });

  it('opens only what a builder made, and nothing when the data had no link', async () => {
    const openExternal = vi.fn(async () => {});
    expect(await openBuilt(openExternal, panelUrl())).toBe(true);
    expect(await openBuilt(openExternal, trackingUrl({ trackUrl: 'javascript:alert(1)' }))).toBe(false);
    expect(openExternal.mock.calls).toEqual([[PLATFORM_PANEL_URL]]);
    // @ts-expect-error a plain string from anywhere else is not a BuiltUrl
    await openBuilt(openExternal, 'https://evil.example/');
  });

  it('opens the order link of each kind through the builders, and nothing unsafe', async () => {
    const opened: string[] = [];
    const openExternal = async (url: string) => void opened.push(url);
    expect(
      await openOrderLink(openExternal, { kind: 'tracking', trackUrl: 'https://rastreio.example.com/x?o=1' }),
    ).toBe(true);
    expect(await openOrderLink(openExternal, { kind: 'boleto', billetUrl: 'https://boleto.example.com.br/ab' })).toBe(
      true,
    );
    expect(await openOrderLink(openExternal, { kind: 'whatsapp', phone: '16981875668' })).toBe(true);
    expect(await openOrderLink(openExternal, { kind: 'boleto', billetUrl: 'file:///etc/passwd' })).toBe(false);
    expect(await openOrderLink(openExternal, { kind: 'tracking', trackUrl: 'https://127.0.0.1/' })).toBe(false);
    expect(opened).toEqual([
      'https://rastreio.example.com/x?o=1',
      'https://boleto.example.com.br/ab',
      'https://wa.me/5516981875668',
    ]);
  });
});
