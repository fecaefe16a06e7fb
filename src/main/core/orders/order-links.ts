import type { Order, OrderLinkKind } from '../../../shared/domain/order';

/** What a shell needs to build one link, taken from a cached order; the URL itself is built by the shell. */
export type OrderLink =
  { kind: 'tracking'; trackUrl: string } | { kind: 'boleto'; billetUrl: string } | { kind: 'whatsapp'; phone: string };

/** A shell's way to open a link in the person's browser; true when it opened one. */
export type OpenOrderLink = (link: OrderLink) => Promise<boolean>;

export function orderLink(order: Order, kind: OrderLinkKind): OrderLink | null {
  if (kind === 'tracking') return order.trackUrl ? { kind, trackUrl: order.trackUrl } : null;
  if (kind === 'whatsapp') return order.customer?.phone ? { kind, phone: order.customer.phone } : null;
  const billetUrl = order.transactions.find((t) => t.more?.billetUrl)?.more?.billetUrl;
  return billetUrl ? { kind, billetUrl } : null;
}
