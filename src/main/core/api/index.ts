export { createStoreApi, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, type StoreApiOptions } from './client';
export {
  createRateLimiter,
  DEFAULT_LIMITS,
  DEFAULT_WINDOW_MS,
  limiterShape,
  type RateLimiter,
  type RateLimiterSettings,
} from './rate-limiter';
export { DEFAULT_RETRY, type RetryPolicy, type Sleep } from './retry';
export { MAX_PAGE_SIZE } from './query';
export { lenientNumber, readPagination } from './pagination';
export type * from './types';
