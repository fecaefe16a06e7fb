import { hexToken, randomIp } from './net-values';
import {
  CITIES,
  COMPANY_WORDS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  NEIGHBORHOODS,
  STREETS,
  asciiSlug,
  type City,
} from './brazil-data';
import { cnpjDigits, cpfDigits, formatCnpj, formatCpf } from './documents';
import { rngFor, type Rng } from './prng';
import type { StoreShape } from './store-shape';
import { apiTimestamp } from './time-format';

export interface GeneratedAddress {
  id: number;
  customer_id: number;
  receiver: string;
  zipcode: string;
  street: string;
  number: string;
  complement: string | null;
  reference: string | null;
  neighborhood: string;
  city: string;
  uf: string;
  country: string;
  full_address: string;
}

export interface PhoneParts {
  area_code: string;
  number: string;
  full_number: string;
  formated_number: string;
  whatsapp_link: string;
}

/** The customer's canonical record (the API body is this, plus `addresses` when included). */
export type CustomerRecord = Record<string, unknown> & { id: number; name: string; email: string };

export interface CustomerFacts {
  index: number;
  id: number;
  type: 'f' | 'j';
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  taxId: string;
  phone: PhoneParts;
  city: City;
  addresses: GeneratedAddress[];
  createdAt: number;
  record: CustomerRecord;
}

function phoneFor(rng: Rng, ddd: string): PhoneParts {
  const n = `9${rng.int(6, 9)}${rng.digits(3)}${rng.digits(4)}`;
  const formated = `(${ddd}) ${n.slice(0, 5)}-${n.slice(5)}`;
  return {
    area_code: ddd,
    number: n,
    full_number: `${ddd}${n}`,
    formated_number: formated,
    whatsapp_link: `https://wa.me/55${ddd}${n}`,
  };
}

function addressFor(rng: Rng, id: number, customerId: number, receiver: string, city: City): GeneratedAddress {
  const street = rng.pick(STREETS);
  const number = String(rng.int(1, 3999));
  const neighborhood = rng.pick(NEIGHBORHOODS);
  const cep = city.cep * 1000 + rng.int(0, 999);
  const cepText = String(cep).padStart(8, '0');
  const zipcode = `${cepText.slice(0, 5)}-${cepText.slice(5)}`;
  const complement = rng.chance(0.4) ? `Apto ${rng.int(11, 1504)}` : null;
  const reference = rng.chance(0.2) ? 'Próximo à padaria' : null;
  const full = `${street}, ${number}${complement ? ` - ${complement}` : ''} - ${neighborhood}, ${city.name} - ${city.uf}, ${zipcode}`;
  return {
    id,
    customer_id: customerId,
    receiver,
    zipcode,
    street,
    number,
    complement,
    reference,
    neighborhood,
    city: city.name,
    uf: city.uf,
    country: 'BR',
    full_address: full,
  };
}

export interface CustomerIdentity {
  rng: Rng;
  id: number;
  type: 'f' | 'j';
  firstName: string;
  lastName: string;
  name: string;
  city: City;
  phone: PhoneParts;
  email: string;
  cpf: string;
  cnpj: string | null;
}

/**
 * The searchable fields, drawn first so a search over every customer stops here;
 * `rng` is left where the rest of the record continues.
 */
export function customerIdentity(shape: StoreShape, index: number): CustomerIdentity {
  const rng = rngFor(shape.seed, 'customer', index);
  const id = shape.customerIdBase + index;
  const type: 'f' | 'j' = rng.chance(0.15) ? 'j' : 'f';
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.chance(0.5) ? `${rng.pick(LAST_NAMES)} ${rng.pick(LAST_NAMES)}` : rng.pick(LAST_NAMES);
  const name = `${firstName} ${lastName}`;
  const city = rng.pick(CITIES);
  const phone = phoneFor(rng, city.ddd);
  const email = `${asciiSlug(name)}${rng.int(1, 999)}@${rng.pick(EMAIL_DOMAINS)}`;
  const cpf = cpfDigits(rng);
  const cnpj = type === 'j' ? cnpjDigits(rng) : null;
  return { rng, id, type, firstName, lastName, name, city, phone, email, cpf, cnpj };
}

export function generateCustomer(shape: StoreShape, index: number): CustomerFacts {
  const { rng, id, type, firstName, lastName, name, city, phone, email, cpf, cnpj } = customerIdentity(shape, index);
  const company = type === 'j' ? `${rng.pick(COMPANY_WORDS)} ${rng.pick(LAST_NAMES)} Ltda` : null;
  const createdAt = shape.startAt - rng.int(0, 365 * 86_400) * 1000;
  const addressCount = rng.chance(0.25) ? 2 : 1;
  const addresses = Array.from({ length: addressCount }, (_, k) =>
    addressFor(rng, id * 10 + k, id, name, k === 0 ? city : rng.pick(CITIES)),
  );
  const main = addresses[0];
  const birthday =
    type === 'f'
      ? `${rng.int(1950, 2005)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
      : null;
  const lastOrderAt = shape.startAt + rng.int(0, Math.max(1, Math.floor((shape.endAt - shape.startAt) / 1000))) * 1000;
  const record: CustomerRecord = {
    id,
    merchant_id: shape.merchantId,
    marketplace_id: null,
    active: true,
    type,
    cluster_id: rng.int(1, 6),
    name,
    first_name: firstName,
    last_name: lastName,
    generic_name: firstName,
    cpf: formatCpf(cpf),
    spreadsheet: {
      data: {
        brands: '',
        city: city.name,
        purchased_brands: '',
        // Not derived from the orders (that would need an index from customers to orders); a plausible date only.
        last_order_date: {
          date: new Date(lastOrderAt).toISOString().replace('.000Z', 'Z'),
          timezone: 'America/Sao_Paulo',
          timezone_type: 3,
        },
        last_order_value: (rng.int(3000, 90000) / 100).toFixed(2),
        purchased_categories: '',
        number: main.number,
        uf: city.uf,
        phone: phone.formated_number,
        street: main.street,
        phone_number: phone.number,
        categories: '',
        neighborhood: main.neighborhood,
        complement: main.complement ?? '',
        phone_code: phone.area_code,
      },
    },
    phone,
    razao_social: company,
    cnpj: cnpj ? formatCnpj(cnpj) : null,
    state_registration: type === 'j' ? rng.digits(12) : null,
    email,
    birthday,
    newsletter: rng.chance(0.4),
    whatsapp: rng.chance(0.7),
    social_driver: null,
    social_id: null,
    ip: randomIp(rng),
    token: hexToken(rng, 32),
    utm_source: rng.pick(['google', 'instagram', 'facebook', 'direct', 'email']),
    utm_campaign: rng.chance(0.3) ? 'black-friday' : null,
    notes: null,
    login_url: `https://seguro.loja.example/auth/login/${id}`,
    anonymized: false,
    created_at: apiTimestamp(createdAt),
    updated_at: apiTimestamp(createdAt),
  };
  return {
    index,
    id,
    type,
    name,
    firstName,
    lastName,
    email,
    taxId: cnpj ?? cpf,
    phone,
    city,
    addresses,
    createdAt,
    record,
  };
}
