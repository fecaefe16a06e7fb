import type { Order } from '../src/shared/domain/order';

/** A small deterministic PRNG (mulberry32): the same seed builds the same cache on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'João',
  'Maria',
  'José',
  'Ana',
  'Antônio',
  'Francisca',
  'Luís',
  'Márcia',
  'Álvaro',
  'Beatriz',
  'Conceição',
  'Caio',
  'Débora',
  'Érica',
  'Fábio',
  'Gustavo',
  'Helena',
  'Ígor',
  'Júlia',
  'Lúcia',
  'Otávio',
  'Paula',
  'Raí',
  'Sônia',
  'Tiago',
  'Vitória',
];
const LAST = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Araújo',
  'Ribeiro',
  'Carvalho',
  'Conceição',
  'Gonçalves',
  'Simões',
  'Assunção',
  'Magalhães',
  'Brandão',
  'Peçanha',
];
export const STATUSES = [
  ['waiting_payment', 'Aguardando pagamento'],
  ['paid', 'Pagamento aprovado'],
  ['authorized', 'Autorizado'],
  ['handling_products', 'Em separação'],
  ['invoiced', 'Faturado'],
  ['ready_for_shipping', 'Pronto para envio'],
  ['on_carriage', 'Em transporte'],
  ['delivered', 'Entregue'],
  ['shipment_exception', 'Problema na entrega'],
  ['cancelled', 'Cancelado'],
  ['refused', 'Recusado'],
  ['refunded', 'Reembolsado'],
] as const;
export const PAYMENTS = ['pix', 'billet', 'visa', 'mastercard', 'elo', 'amex', 'hipercard'];
const ZONE = 'America/Sao_Paulo';

export interface BenchCustomer {
  id: number;
  name: string;
  email: string;
  cpf: string;
  phone: string;
  city: string;
  uf: string;
  /** Digits only, as the cache keeps it. */
  cep: string;
}

/** Cities by weight, the largest first (a few take most orders, as in a real store). */
export const CITIES: readonly (readonly [string, string, number])[] = [
  ['São Paulo', 'SP', 20],
  ['Rio de Janeiro', 'RJ', 10],
  ['Belo Horizonte', 'MG', 6],
  ['Brasília', 'DF', 5],
  ['Salvador', 'BA', 4],
  ['Fortaleza', 'CE', 4],
  ['Curitiba', 'PR', 4],
  ['Recife', 'PE', 3],
  ['Porto Alegre', 'RS', 3],
  ['Manaus', 'AM', 2],
  ['Belém', 'PA', 2],
  ['Goiânia', 'GO', 2],
  ['Campinas', 'SP', 2],
  ['São Luís', 'MA', 1],
  ['Maceió', 'AL', 1],
  ['Natal', 'RN', 1],
  ['Teresina', 'PI', 1],
  ['João Pessoa', 'PB', 1],
  ['Ribeirão Preto', 'SP', 1],
  ['Uberlândia', 'MG', 1],
  ['Florianópolis', 'SC', 1],
  ['Niterói', 'RJ', 1],
  ['Vitória', 'ES', 1],
  ['Cuiabá', 'MT', 1],
  ['Londrina', 'PR', 1],
  ['Joinville', 'SC', 1],
  ['São José dos Campos', 'SP', 1],
  ['Jundiaí', 'SP', 1],
  ['Maringá', 'PR', 1],
  ['Petrópolis', 'RJ', 1],
];

const PRODUCTS = ['Camiseta', 'Calça Jeans', 'Tênis Corrida', 'Vestido Floral', 'Bermuda', 'Moletom', 'Jaqueta'];
const CUTS = ['Básica', 'Estampada', 'Slim', 'Oversized', 'Algodão Orgânico'];
const COLOURS = ['Azul', 'Preta', 'Branca', 'Vermelha', 'Verde', 'Cinza', 'Caramelo', 'Lilás'];

/** The product name of SKU number n: a handful of common words, in combinations that are each rarer. */
export const productNameOf = (n: number): string =>
  `${PRODUCTS[n % PRODUCTS.length]} ${CUTS[Math.floor(n / PRODUCTS.length) % CUTS.length]} ${
    COLOURS[Math.floor(n / (PRODUCTS.length * CUTS.length)) % COLOURS.length]
  }`;

/** Coupons: a few store-wide codes used often, and many influencers' codes used rarely. */
export const COUPONS = [
  'BEMVINDO10',
  'FRETEGRATIS',
  'BLACKFRIDAY',
  'NATAL-2023',
  ...Array.from(
    { length: 200 },
    (_, i) => `${FIRST[i % FIRST.length].normalize('NFD').replace(/\p{M}/gu, '').toUpperCase()}${10 + i}`,
  ),
];
export const couponOf = (random: () => number): string | null => {
  const r = random();
  if (r >= 0.2) return null;
  return r < 0.1 ? COUPONS[Math.floor(r * 40)] : COUPONS[4 + Math.floor(random() * (COUPONS.length - 4))];
};

function cpf(random: () => number): string {
  const d = Array.from({ length: 9 }, () => Math.floor(random() * 10));
  for (const len of [9, 10]) {
    const sum = d.slice(0, len).reduce((s, n, i) => s + n * (len + 1 - i), 0);
    const r = (sum * 10) % 11;
    d.push(r === 10 ? 0 : r);
  }
  return d.join('');
}

function pickCity(random: () => number): (typeof CITIES)[number] {
  const weight = CITIES.reduce((s, c) => s + c[2], 0);
  let r = random() * weight;
  for (const city of CITIES) {
    r -= city[2];
    if (r < 0) return city;
  }
  return CITIES[0];
}

export function customers(count: number, seed = 1): BenchCustomer[] {
  const random = rng(seed);
  // Addresses from their own stream: the other fields stay what they were before customers had one.
  const places = rng(seed + 1000);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const [city, uf] = pickCity(places);
    const name = `${pick(FIRST)} ${pick(LAST)} ${pick(LAST)}`;
    const slug = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '.');
    return {
      id: 10_000 + i,
      name,
      email: `${slug}${i}@exemplo.com.br`,
      cpf: cpf(random),
      phone: `${11 + Math.floor(random() * 88)}9${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      city,
      uf,
      cep: String(1_000_000 + Math.floor(places() * 98_999_999)).padStart(8, '0'),
    };
  });
}

export const skuOf = (n: number) =>
  `CAM-${['AZ', 'VM', 'PT', 'BR'][n % 4]}-${['P', 'M', 'G', 'GG'][(n >> 2) % 4]}-${1000 + (n % 2000)}`;

/** Orders spread over three years, 1–3 items, one transaction, two or three status changes. */
export function* orders(count: number, people: BenchCustomer[], storeId: string, seed = 2): Generator<Order> {
  const random = rng(seed);
  // Coupons from their own stream: the other fields stay what they were before orders had one.
  const coupons = rng(seed + 1000);
  const start = Date.UTC(2022, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  for (let i = 1; i <= count; i += 1) {
    const c = people[Math.floor(random() * people.length)];
    const [alias, name] = STATUSES[Math.floor(random() * STATUSES.length)];
    const created = new Date(start + Math.floor((span * i) / count) + Math.floor(random() * 3_600_000)).toISOString();
    const itemCount = 1 + Math.floor(random() * 3);
    const items = Array.from({ length: itemCount }, (_, k) => {
      const sku = Math.floor(random() * 8000);
      return {
        id: i * 10 + k,
        sku: skuOf(sku),
        name: productNameOf(sku),
        productId: sku,
        skuId: sku,
        quantity: 1 + Math.floor(random() * 3),
        unitPriceCents: 2_990 + Math.floor(random() * 20_000),
        gift: false,
        bundle: null,
      };
    });
    const products = items.reduce((s, it) => s + it.quantity * (it.unitPriceCents ?? 0), 0);
    const shipment = Math.floor(random() * 4_000);
    const payment = PAYMENTS[Math.floor(random() * PAYMENTS.length)];
    const at = { utc: created, zone: ZONE };
    const coupon = couponOf(coupons);
    yield {
      id: i,
      storeId,
      number: 100_000 + i,
      status: { alias, name, id: STATUSES.findIndex((s) => s[0] === alias) + 1 },
      customer: { id: c.id, name: c.name, email: c.email, taxId: c.cpf, phone: c.phone },
      createdAt: at,
      updatedAt: at,
      totalCents: products + shipment,
      productsCents: products,
      shipmentCents: shipment,
      discountCents: 0,
      taxCents: 0,
      payment: { alias: payment, name: payment },
      installments: payment === 'pix' || payment === 'billet' ? 1 : 1 + Math.floor(random() * 12),
      delivered: alias === 'delivered',
      trackingCode: random() < 0.6 ? `QB${String(i).padStart(9, '0')}BR` : null,
      trackUrl: null,
      items,
      shippingAddress: {
        receiver: c.name,
        street: 'Rua das Flores',
        number: String(1 + Math.floor(random() * 2000)),
        complement: null,
        neighborhood: 'Centro',
        city: c.city,
        uf: c.uf,
        zipcode: c.cep,
        country: 'BR',
        fullAddress: null,
      },
      transactions: [
        {
          id: i,
          payment: { alias: payment, name: payment },
          amountCents: products + shipment,
          installments: 1,
          status: 'paid',
          authorized: true,
          captured: true,
          cancelled: false,
          createdAt: at,
        },
      ],
      statusHistory: [
        { alias: 'waiting_payment', name: 'Aguardando pagamento', at },
        { alias, name, at },
      ],
      promocode: coupon === null ? null : { id: COUPONS.indexOf(coupon) + 1, code: coupon },
      parseProblems: [],
    };
  }
}
