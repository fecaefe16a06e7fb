import type { OrderFacts, PickupPoint, TransactionFacts, Utm } from '../../../shared/domain/order';
import { field, many, one, URL_CAP, type JsonRecord, type Reader } from './read';
import { readAddress } from './order';

type Nullable<T> = { [K in keyof T]-?: T[K] | null | undefined };

/** Drops the keys the API did not send (null or missing), so the detail never shows an empty field. */
function sent<T extends object>(values: Nullable<T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined) out[key] = value;
  return out as T;
}

function nonEmpty<T extends object>(value: T): T | null {
  return Object.keys(value).length === 0 ? null : value;
}

/** The order's facts beyond the list's columns: channel, delivery or pickup, PIX, UTM, metadata. */
export function readOrderFacts(record: JsonRecord, r: Reader): OrderFacts {
  const pix = one(field(record, 'pix'));
  return sent<OrderFacts>({
    marketplaceId: r.int(record, 'marketplace_id'),
    marketplaceSaleNumber: r.text(record, 'marketplace_sale_number'),
    shipmentService: r.text(record, 'shipment_service'),
    deliveryDays: r.int(record, 'days_delivery'),
    deliveryDate: r.time(record, 'date_delivery'),
    pickup: readPickup(one(field(record, 'pickup_address')), r.nested('pickup_address')),
    pixExpiresAt: pix === null ? null : r.nested('pix').time(pix, 'pix_expiration_date'),
    utm: nonEmpty(
      sent<Utm>({
        source: r.text(record, 'utm_source'),
        medium: r.text(record, 'utm_medium'),
        campaign: r.text(record, 'utm_campaign'),
        term: r.text(record, 'utm_term'),
        content: r.text(record, 'utm_content'),
      }),
    ),
    metadata: readMetadata(field(record, 'metadata'), r.nested('metadata')),
  });
}

export function readTransactionFacts(record: JsonRecord, r: Reader): TransactionFacts {
  return sent<TransactionFacts>({
    installmentValueCents: r.cents(record, 'installment_value'),
    brand: r.text(record, 'bank_name'),
    maskedCard: r.text(record, 'truncated_card'),
    holderName: r.text(record, 'holder_name'),
    billetUrl: r.text(record, 'billet_url', URL_CAP),
    billetBarcode: r.text(record, 'billet_barcode'),
    billetDueDate: dayText(r.text(record, 'billet_date')),
    antifraudStatus: r.text(record, 'antifraud_status'),
    antifraudScore: r.text(record, 'antifraud_score'),
    errorMessage: r.text(record, 'error_message'),
    authorizedAt: r.time(record, 'authorized_at'),
    capturedAt: r.time(record, 'captured_at'),
    cancelledAt: r.time(record, 'cancelled_at'),
  });
}

/** The date part of `billet_date` ("2026-03-05" or "2026-03-05 00:00:00"). */
function dayText(text: string | null): string | null {
  return text === null ? null : (/^\d{4}-\d{2}-\d{2}/.exec(text)?.[0] ?? null);
}

function readPickup(record: JsonRecord | null, r: Reader): PickupPoint | null {
  if (record === null) return null;
  return {
    address: readAddress(record, r),
    description: r.text(record, 'local_description'),
    time: r.int(record, 'pickup_time'),
    timeType: r.text(record, 'pickup_time_type'),
    onlyWeekdays: weekdaysOnly(r.int(record, 'only_weekdays')),
  };
}

function readMetadata(value: unknown, r: Reader): { key: string; value: string }[] | null {
  const entries = many(value).flatMap((entry, i) => {
    const key = r.nested(`[${i}]`).text(entry, 'key');
    const text = r.nested(`[${i}]`).text(entry, 'value');
    return key === null || text === null ? [] : [{ key, value: text }];
  });
  return entries.length === 0 ? null : entries;
}

/** `only_weekdays` is a number in the reference (0 or not). */
function weekdaysOnly(value: number | null): boolean | null {
  return value === null ? null : value !== 0;
}
