// The fake Yampi store API: see docs/fake-store.md.
export { startFakeStore, type FakeStore, type FakeStoreOptions } from './server';
export type { FakeStoreControl, FakeStoreStats } from './control';
export { StoreModel, type MutationResult } from './store-model';
export { storeShape, DEFAULT_END_AT, type StoreShape, type StoreShapeOptions } from './store-shape';
export { presentOrder, presentCustomer, ALL_ORDER_INCLUDES, ORDER_RELATIONS } from './present';
export { STATUS_ALIASES, TERMINAL, storeStatuses, type StatusAlias, type StoreStatus } from './statuses';
export { isValidCpf, isValidCnpj, onlyDigits } from './documents';
export { parseFaultSpec, FAULT_KINDS, type FaultKind, type FaultSettings } from './faults';
export { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limit';
export { apiTimestamp, STORE_ZONE, type ApiTimestamp } from './time-format';
