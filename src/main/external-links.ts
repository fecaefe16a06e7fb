/**
 * The only URLs main hands to the person's browser: built here, from cached data, by these builders. The renderer
 * never passes a URL to open (a compromised renderer could otherwise send the person anywhere); a later contract
 * call names what to open (an order's tracking, its boleto, a customer's WhatsApp, the platform's panel) and main
 * builds the URL. `BuiltUrl` can only come from a builder, so `openBuilt` cannot be handed anything else.
 */
import type { OrderLink } from './core/orders/order-links';

declare const builtByMain: unique symbol;
export type BuiltUrl = string & { readonly [builtByMain]: true };

/** Where a merchant signs in to the platform's panel. */
export const PLATFORM_PANEL_URL = 'https://app.yampi.com.br/';

function httpsUrl(text: string | null | undefined): BuiltUrl | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  // https to a named host only: no credentials in the URL, no bare addresses (a local service), no other scheme.
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  if (/^[\d.]+$/.test(url.hostname) || url.hostname.startsWith('[') || !url.hostname.includes('.')) return null;
  return url.toString() as BuiltUrl;
}

/** An order's carrier tracking page, as the store API sent it (`track_url`). */
export function trackingUrl(order: { trackUrl: string | null }): BuiltUrl | null {
  return httpsUrl(order.trackUrl);
}

/** A boleto's page, as the store API sent it (`billet_url`). */
export function boletoUrl(billetUrl: string | null): BuiltUrl | null {
  return httpsUrl(billetUrl);
}

/** A WhatsApp chat with a customer's phone (digits only, with area code; Brazil's 55 added when missing). */
export function whatsappUrl(phone: string | null): BuiltUrl | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length < 10 || digits.length > 13) return null;
  const international = digits.length <= 11 ? `55${digits}` : digits;
  return `https://wa.me/${international}` as BuiltUrl;
}

export function panelUrl(): BuiltUrl {
  return PLATFORM_PANEL_URL as BuiltUrl;
}

/** Opens a URL one of the builders above made; an absent one (the data had none) opens nothing. */
export async function openBuilt(openExternal: (url: string) => Promise<void>, url: BuiltUrl | null): Promise<boolean> {
  if (!url) return false;
  await openExternal(url);
  return true;
}

/** `links.open`: the link of the kind asked for, built here from what the core read in the cached order. */
export function openOrderLink(openExternal: (url: string) => Promise<void>, link: OrderLink): Promise<boolean> {
  const url =
    link.kind === 'tracking'
      ? trackingUrl(link)
      : link.kind === 'boleto'
        ? boletoUrl(link.billetUrl)
        : whatsappUrl(link.phone);
  return openBuilt(openExternal, url);
}
