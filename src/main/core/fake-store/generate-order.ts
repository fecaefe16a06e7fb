import { BUNDLES, PRODUCTS, PROMO_CODES, SHIPMENT_SERVICES } from './brazil-data';
import type { CustomerFacts } from './generate-customer';
import { formatBrl, reais } from './money';
import { hexToken, randomIp } from './net-values';
import type { HistoryEntry, OrderSkeleton } from './order-skeleton';
import { rngFor, type Rng } from './prng';
import { SHIPPED, type StatusAlias, type StoreStatus } from './statuses';
import type { StoreShape } from './store-shape';
import { apiTimestamp } from './time-format';

export type OrderRecord = Record<string, unknown> & { id: number; number: number };

const CARD_BRANDS = [
  ['visa', 'Visa', 45],
  ['mastercard', 'Mastercard', 35],
  ['elo', 'Elo', 12],
  ['amex', 'American Express', 5],
  ['hipercard', 'Hipercard', 3],
] as const;

interface PaymentInfo {
  alias: string;
  name: string;
  installments: number;
}

interface Item {
  id: number;
  product_id: number;
  sku_id: number;
  item_sku: string;
  name: string;
  quantity: number;
  priceCents: number;
  bundle: { id: number; name: string } | null;
  gift: boolean;
}

function itemsFor(rng: Rng, orderId: number): Item[] {
  const count = rng.weighted([
    [1, 50],
    [2, 30],
    [3, 15],
    [4, 5],
  ]);
  const items: Item[] = [];
  const bundle = rng.chance(0.1) ? { id: 300 + rng.int(0, BUNDLES.length - 1), name: rng.pick(BUNDLES) } : null;
  for (let k = 0; k < count; k++) {
    const p = rng.int(0, PRODUCTS.length - 1);
    const [name, basePrice] = PRODUCTS[p];
    const variant = rng.int(1, 6);
    const inBundle = bundle !== null && k < 2;
    const priceCents = Math.round(basePrice * 100 * (inBundle ? 0.85 : 1));
    items.push({
      id: orderId * 10 + k,
      product_id: 5000 + p,
      sku_id: 50000 + p * 10 + variant,
      item_sku: `SKU-${String(5000 + p)}-${variant}`,
      name,
      quantity: rng.weighted([
        [1, 70],
        [2, 22],
        [3, 8],
      ]),
      priceCents,
      bundle: inBundle ? bundle : null,
      gift: rng.chance(0.02),
    });
  }
  return items;
}

function paymentFor(rng: Rng, kind: OrderSkeleton['kind']): PaymentInfo {
  if (kind === 'pix') return { alias: 'pix', name: 'Pix', installments: 1 };
  if (kind === 'billet') return { alias: 'billet', name: 'Boleto', installments: 1 };
  const [alias, name] = rng.weighted(CARD_BRANDS.map((b) => [b, b[2]] as const));
  return {
    alias,
    name,
    installments: rng.weighted([
      [1, 40],
      [2, 10],
      [3, 15],
      [6, 15],
      [10, 12],
      [12, 8],
    ]),
  };
}

function reached(history: readonly HistoryEntry[], alias: StatusAlias): HistoryEntry | undefined {
  return history.find((h) => h.alias === alias);
}

export interface OrderInputs {
  shape: StoreShape;
  skeleton: OrderSkeleton;
  history: readonly HistoryEntry[];
  customer: CustomerFacts;
  statuses: ReadonlyMap<StatusAlias, StoreStatus>;
}

/** Builds the order with every relation present, in the shapes the reference sample shows. */
export function generateOrder({ shape, skeleton, history, customer, statuses }: OrderInputs): OrderRecord {
  const rng = rngFor(shape.seed, 'order', skeleton.index);
  const { id, createdAt } = skeleton;
  const current = history[history.length - 1];
  const status = statuses.get(current.alias)!;
  const updatedAt = Math.max(createdAt, current.at);
  const items = itemsFor(rng, id);
  const payment = paymentFor(rng, skeleton.kind);
  const productsCents = items.reduce((sum, it) => sum + it.priceCents * it.quantity, 0);
  const promo = rng.chance(0.25) ? rng.pick(PROMO_CODES) : null;
  const service = rng.pick(SHIPMENT_SERVICES);
  const pickup = service === 'Retirar na loja';
  const freeShipping = pickup || promo === 'FRETEGRATIS' || productsCents > 29900;
  const shipmentCents = freeShipping ? 0 : rng.int(1290, 5990);
  const promoPercent =
    promo === 'BEMVINDO10'
      ? 10
      : promo === 'VOLTA15'
        ? 15
        : promo === 'BLACKFRIDAY'
          ? 20
          : promo === 'PIX5' && payment.alias === 'pix'
            ? 5
            : 0;
  const discountCents = Math.round((productsCents * promoPercent) / 100);
  const base = productsCents + shipmentCents - discountCents;
  // value_tax is instalment interest: cards above 3 instalments pay 1.99% a month.
  const taxCents = payment.installments > 3 ? Math.round(base * 0.0199 * payment.installments) : 0;
  const totalCents = base + taxCents;
  const installmentCents = Math.round(totalCents / payment.installments);
  const daysDelivery = pickup ? 1 : rng.int(2, 15);
  const shipped = reached(history, 'on_carriage');
  const delivered = current.alias === 'delivered';
  const trackCode = shipped && !pickup ? `${rng.pick(['NX', 'QB', 'OJ', 'PM'])}${rng.digits(9)}BR` : null;
  const paid = reached(history, 'paid');
  const authorized = reached(history, 'authorized') ?? paid;
  const ended = ['cancelled', 'refused', 'refunded'].includes(current.alias) ? current : undefined;
  const address = customer.addresses[0];
  const promoId = promo ? 700 + PROMO_CODES.indexOf(promo as (typeof PROMO_CODES)[number]) : null;
  const isCard = skeleton.kind === 'card';
  const transaction = {
    id: id * 3,
    customer_id: customer.id,
    payment_id: isCard ? 3 : skeleton.kind === 'pix' ? 27 : 2,
    affiliation_id: isCard ? 11 : null,
    marketplace_id: null,
    marketplace_account_id: null,
    authorized: authorized !== undefined,
    captured: paid !== undefined,
    cancelled: ended !== undefined,
    can_be_captured: isCard && authorized !== undefined && paid === undefined && !ended,
    can_be_cancelled: !ended && !SHIPPED.has(current.alias),
    gateway_transaction_id: rng.int(10_000_000, 99_999_999),
    gateway_order_id: rng.int(10_000_000, 99_999_999),
    gateway_authorization_code: authorized ? rng.digits(6) : null,
    gateway_billet_id: skeleton.kind === 'billet' ? rng.int(1_000_000, 9_999_999) : null,
    amount: reais(totalCents),
    buyer_amount: reais(totalCents),
    installment_value: reais(installmentCents),
    buyer_installment_value: reais(installmentCents),
    installments: payment.installments,
    installment_formated: `${payment.installments}x de ${formatBrl(installmentCents)}`,
    buyer_installment_formated: `${payment.installments}x de ${formatBrl(installmentCents)}`,
    status: ended
      ? current.alias === 'refused'
        ? 'refused'
        : 'cancelled'
      : paid
        ? 'paid'
        : authorized
          ? 'authorized'
          : 'waiting_payment',
    error_message: current.alias === 'refused' ? 'Transação não autorizada pelo emissor.' : null,
    bank_name: isCard ? payment.name : null,
    bank_alias: isCard ? payment.alias : null,
    truncated_card: isCard ? `${rng.digits(4)}********${rng.digits(4)}` : null,
    holder_name: isCard ? customer.name.toUpperCase() : null,
    holder_document: customer.taxId,
    billet_url: skeleton.kind === 'billet' ? `https://boleto.example.com.br/${hexToken(rng, 16)}` : null,
    billet_barcode: skeleton.kind === 'billet' ? rng.digits(47) : null,
    billet_date: skeleton.kind === 'billet' ? new Date(createdAt + 3 * 86_400_000).toISOString().slice(0, 10) : null,
    billet_our_number: skeleton.kind === 'billet' ? rng.digits(10) : null,
    billet_document_number: skeleton.kind === 'billet' ? rng.digits(8) : null,
    billet_whatsapp_link: skeleton.kind === 'billet' ? `https://wa.me/?text=boleto-${id}` : null,
    antifraud_sale_id: isCard ? rng.int(1_000_000, 9_999_999) : null,
    antifraud_status: isCard ? (current.alias === 'refused' ? 'reproved' : authorized ? 'approved' : 'pending') : null,
    antifraud_score: isCard ? (rng.int(0, 1000) / 10).toFixed(1) : null,
    sent_to_antifraud: isCard ? 'yes' : 'no',
    total_logs: history.length,
    error_code: current.alias === 'refused' ? 51 : null,
    created_at: apiTimestamp(createdAt),
    updated_at: apiTimestamp(updatedAt),
    capture_date: paid ? apiTimestamp(paid.at) : null,
    authorized_at: authorized ? apiTimestamp(authorized.at) : null,
    captured_at: paid ? apiTimestamp(paid.at) : null,
    cancelled_at: ended ? apiTimestamp(ended.at) : null,
    payment: {
      data: {
        id: isCard ? 3 : skeleton.kind === 'pix' ? 27 : 2,
        alias: payment.alias,
        name: payment.name,
        has_config: true,
        active_config: true,
        is_credit_card: isCard,
        is_deposit: false,
        is_billet: skeleton.kind === 'billet',
        is_pix: skeleton.kind === 'pix',
        is_pix_in_installments: false,
        is_wallet: false,
        icon_url: `https://images.yampi.example/payments/${payment.alias}.svg`,
      },
    },
    metadata: promo === 'PIX5' ? [{ key: 'discount_highlight', value: 'pix' }] : [],
  };
  const statusOf = (h: HistoryEntry) => statuses.get(h.alias)!;
  return {
    id,
    status_id: status.id,
    delivered,
    track_url: trackCode ? `https://rastreamento.correios.com.br/app/index.php?objeto=${trackCode}` : null,
    track_code: trackCode,
    authorized: authorized !== undefined,
    customer_id: customer.id,
    promocode_id: promoId,
    marketplace_id: null,
    marketplace_account_id: null,
    has_recomm: false,
    number: skeleton.number,
    marketplace_partner_id: null,
    marketplace_sale_number: null,
    value_total: reais(totalCents),
    value_products: reais(productsCents),
    value_discount: reais(discountCents),
    value_shipment: reais(shipmentCents),
    value_tax: reais(taxCents),
    value_total_formated: formatBrl(totalCents),
    shipment_service: service,
    shipment_quote_id: rng.int(100_000, 999_999),
    days_delivery: daysDelivery,
    utm_source: rng.pick(['google', 'instagram', 'facebook', 'direct', 'email', null]),
    utm_campaign: rng.chance(0.3) ? 'black-friday' : null,
    utm_term: null,
    utm_content: null,
    utm_medium: rng.chance(0.5) ? 'cpc' : null,
    ip: randomIp(rng),
    items: items.map((it) => ({
      id: it.id,
      product_id: it.product_id,
      sku_id: it.sku_id,
      item_sku: it.item_sku,
      name: it.name,
      quantity: it.quantity,
      price: reais(it.priceCents),
      price_cost: reais(Math.round(it.priceCents * 0.45)),
      shipment_cost: 0,
      gift: it.gift,
      gift_value: 0,
      has_recomm: 0,
      is_digital: false,
      freebie_id: null,
      bundle_id: it.bundle?.id ?? null,
      bundle_name: it.bundle?.name ?? null,
    })),
    address: [
      {
        id: id * 2,
        order_id: id,
        address_name: 'Principal',
        street: address.street,
        number: address.number,
        complement: address.complement,
        reference: address.reference,
        neighborhood: address.neighborhood,
        receiver: address.receiver,
        zipcode: address.zipcode,
        zip_code: address.zipcode,
        full_address: address.full_address,
        city: address.city,
        uf: address.uf,
        country: address.country,
      },
    ],
    transactions: { data: [transaction] },
    date_delivery: apiTimestamp((paid?.at ?? createdAt) + daysDelivery * 86_400_000),
    whatsapp: {
      data: {
        billet: {
          link: skeleton.kind === 'billet' ? `https://wa.me/55${customer.phone.full_number}?text=boleto` : null,
          message: skeleton.kind === 'billet' ? 'Seu boleto está disponível.' : null,
        },
        order_shipped: `https://wa.me/55${customer.phone.full_number}?text=pedido-enviado-${skeleton.number}`,
        abandoned_cart: `https://wa.me/55${customer.phone.full_number}?text=carrinho`,
        pix: skeleton.kind === 'pix' ? `https://wa.me/55${customer.phone.full_number}?text=pix` : null,
        payment_link: `https://seguro.loja.example/pagamento/${hexToken(rng, 12)}`,
      },
    },
    pickup_address: {
      data: pickup
        ? {
            id: 90,
            order_id: id,
            country: 'BR',
            uf: 'SP',
            city: 'São Paulo',
            neighborhood: 'Pinheiros',
            street: 'Rua dos Pinheiros',
            number: '870',
            zipcode: '05422-001',
            full_address: 'Rua dos Pinheiros, 870 - Pinheiros, São Paulo - SP',
            complement: 'Loja 2',
            pickup_time_type: 'days',
            pickup_time: 1,
            only_weekdays: 1,
            local_description: 'Balcão de retirada no térreo',
          }
        : null,
    },
    metadata: { data: transaction.metadata },
    status: { data: { id: status.id, name: status.name, alias: status.alias, description: status.description } },
    pix: {
      data:
        skeleton.kind === 'pix'
          ? {
              pix_qr_code: `00020126580014br.gov.bcb.pix0136${hexToken(rng, 32)}5204000053039865802BR6304${hexToken(rng, 4).toUpperCase()}`,
              pix_expiration_date: new Date(createdAt + 30 * 60_000).toISOString().replace('.000Z', 'Z'),
            }
          : null,
    },
    promocode: {
      data: promo
        ? {
            id: promoId,
            code: promo,
            description: `Cupom ${promo}`,
            customer_id: null,
            active: true,
            expired: false,
            discount_type: 'p',
            for_the_price_of: false,
            cart_default: false,
            type_increment_value: '',
            value: promoPercent,
            price_products: 0,
            percent_products: promoPercent,
            quantity: '100000',
            total_customers_used: String(rng.int(1, 500)),
            product_quantity: 0,
            product_max_quantity: 0,
            used: rng.int(1, 900),
            items_count: 0,
            min_value: 99.99,
            use_percent: promoPercent / 100,
            shipment_percent: promo === 'FRETEGRATIS' ? 100 : 0,
            accumulate: false,
            once_per_customer: promo === 'BEMVINDO10',
            abandoned_cart: false,
            newsletter: false,
            payments_ids: promo === 'PIX5' ? [27] : null,
            free_shipment: promo === 'FRETEGRATIS',
            ignore_promotion_products: false,
            start_at: apiTimestamp(shape.startAt - 30 * 86_400_000),
            end_at: apiTimestamp(shape.endAt + 365 * 86_400_000),
            created_at: apiTimestamp(shape.startAt - 31 * 86_400_000),
            updated_at: apiTimestamp(shape.startAt - 31 * 86_400_000),
          }
        : null,
    },
    statuses: {
      data: history.map((h) => ({
        id: statusOf(h).id,
        name: statusOf(h).name,
        alias: h.alias,
        description: statusOf(h).description,
        details: h.alias === 'on_carriage' && trackCode ? `Código de rastreio: ${trackCode}` : null,
        created_at: apiTimestamp(h.at),
        updated_at: apiTimestamp(h.at),
      })),
    },
    payments: [
      {
        icon_url: `https://images.yampi.example/payments/${payment.alias}.svg`,
        name: payment.name,
        alias: payment.alias,
      },
    ],
    services: { data: [] },
    comments: { data: [] },
    customer: { data: customer.record },
    created_at: apiTimestamp(createdAt),
    updated_at: apiTimestamp(updatedAt),
  };
}
