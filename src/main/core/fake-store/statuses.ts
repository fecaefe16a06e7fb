import { rngFor } from './prng';

export const STATUS_ALIASES = [
  'waiting_payment',
  'paid',
  'authorized',
  'handling_products',
  'invoiced',
  'ready_for_shipping',
  'on_carriage',
  'delivered',
  'shipment_exception',
  'cancelled',
  'refused',
  'refunded',
] as const;

export type StatusAlias = (typeof STATUS_ALIASES)[number];

const NAMES: Record<StatusAlias, string> = {
  waiting_payment: 'Aguardando pagamento',
  paid: 'Pagamento aprovado',
  authorized: 'Pagamento autorizado',
  handling_products: 'Em separação',
  invoiced: 'Faturado',
  ready_for_shipping: 'Pronto para envio',
  on_carriage: 'Em transporte',
  delivered: 'Entregue',
  shipment_exception: 'Problema na entrega',
  cancelled: 'Cancelado',
  refused: 'Pagamento recusado',
  refunded: 'Estornado',
};

const DESCRIPTIONS: Record<StatusAlias, string> = {
  waiting_payment: 'O pedido foi criado e aguarda a confirmação do pagamento.',
  paid: 'O pagamento foi confirmado.',
  authorized: 'O pagamento foi autorizado pela operadora.',
  handling_products: 'Os produtos estão sendo separados.',
  invoiced: 'A nota fiscal foi emitida.',
  ready_for_shipping: 'O pedido está pronto para ser enviado.',
  on_carriage: 'O pedido está com a transportadora.',
  delivered: 'O pedido foi entregue.',
  shipment_exception: 'Houve um problema com a entrega.',
  cancelled: 'O pedido foi cancelado.',
  refused: 'O pagamento foi recusado.',
  refunded: 'O valor foi estornado.',
};

export const TERMINAL: ReadonlySet<StatusAlias> = new Set(['delivered', 'cancelled', 'refused', 'refunded']);

/** Statuses after which an order has been handed to the carrier. */
export const SHIPPED: ReadonlySet<StatusAlias> = new Set(['on_carriage', 'delivered', 'shipment_exception']);

export interface StoreStatus {
  id: number;
  alias: StatusAlias;
  name: string;
  description: string;
}

/** Status ids differ between stores on the platform, so they come from the seed, never 1..12. */
export function storeStatuses(seed: number): StoreStatus[] {
  const rng = rngFor(seed, 'status-ids', 0);
  const ids = new Set<number>();
  while (ids.size < STATUS_ALIASES.length) ids.add(rng.int(2, 60));
  const list = [...ids];
  return STATUS_ALIASES.map((alias, i) => ({
    id: list[i],
    alias,
    name: NAMES[alias],
    description: DESCRIPTIONS[alias],
  }));
}

const HAPPY_TAIL: StatusAlias[] = [
  'paid',
  'handling_products',
  'invoiced',
  'ready_for_shipping',
  'on_carriage',
  'delivered',
];

export type PaymentKind = 'pix' | 'billet' | 'card';

/**
 * The full path an order will follow, always ending in a terminal status. Each
 * order walks a prefix of it, cut where the store's "now" falls.
 */
export function statusPlan(kind: PaymentKind, outcome: number): readonly StatusAlias[] {
  const bucket =
    outcome < 0.08 ? 0 : outcome < 0.11 ? 1 : outcome < 0.13 ? 2 : outcome < 0.145 ? 3 : outcome < 0.16 ? 4 : 5;
  const key = `${kind}:${bucket}`;
  let plan = PLANS.get(key);
  if (!plan) {
    plan = Object.freeze(buildPlan(kind, [0, 0.09, 0.12, 0.14, 0.15, 0.5][bucket]));
    PLANS.set(key, plan);
  }
  return plan;
}

// Plans are shared, frozen arrays: a million orders use a dozen of them.
const PLANS = new Map<string, readonly StatusAlias[]>();

function buildPlan(kind: PaymentKind, outcome: number): StatusAlias[] {
  const start: StatusAlias[] = kind === 'card' ? ['waiting_payment', 'authorized'] : ['waiting_payment'];
  if (outcome < 0.08) return kind === 'card' ? ['waiting_payment', 'refused'] : ['waiting_payment', 'cancelled'];
  if (outcome < 0.11) return [...start, 'paid', 'handling_products', 'refunded'];
  if (outcome < 0.13) return [...start, 'paid', 'cancelled'];
  if (outcome < 0.16) {
    const tail: StatusAlias = outcome < 0.145 ? 'delivered' : 'refunded';
    return [...start, ...HAPPY_TAIL.slice(0, 5), 'shipment_exception', tail];
  }
  return [...start, ...HAPPY_TAIL];
}

/** Hours between entering a status and the next one, for realistic histories. */
export function stepHours(next: StatusAlias, r: number): number {
  switch (next) {
    case 'authorized':
      return 0.01 + r * 0.05;
    case 'paid':
      return 0.05 + r * 30;
    case 'cancelled':
    case 'refused':
      return 0.1 + r * 72;
    case 'on_carriage':
    case 'ready_for_shipping':
      return 4 + r * 30;
    case 'delivered':
      return 24 + r * 200;
    default:
      return 2 + r * 24;
  }
}
