export { normalizeOrder, rawRecordId, type NormalizeContext } from './order';
export { normalizeCustomer } from './customer';
export { toCents } from './money';
export { toZonedTime } from './time';
export { redactedJson } from './redact';
