/**
 * An instant as the API sent it: `utc` is ISO-8601 in UTC with milliseconds
 * (`2024-03-05T17:02:11.000Z`, so strings sort as instants do), `zone` is the
 * IANA zone the store reported it in, kept so the UI shows the merchant's wall time.
 */
export interface ZonedTime {
  utc: string;
  zone: string;
}

/** Money is always integer cents of BRL: floats never reach a total. */
export type Cents = number;
