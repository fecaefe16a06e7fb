/** The cache: one module owns the database; callers use these functions, never SQL. */
export { openDatabase, migrate, readVersion, type Db, type OpenOptions } from './open';
export type { ReadableDB, WritableDB } from './connection';
export { sql, sqlFragment, sqlJoin, sqlConstant, type SqlQuery, type SqlFragment } from './sql';
export { MIGRATIONS, type Migration } from './migrations';
export {
  addStore,
  updateStore,
  removeStore,
  getStore,
  listStores,
  type StoreRecord,
  type NewStore,
  type StorePatch,
} from './stores-repo';
export {
  readSyncState,
  writeSyncState,
  writePageCheckpoint,
  type PageCheckpoint,
  type SyncState,
  type SyncStatePatch,
  type SyncResource,
  type FullSyncCheckpoint,
} from './sync-state-repo';
export { writeOrderPage } from './orders-write';
export { listOrders, orderListSql } from './orders-list';
export { countOrders, orderStatusCounts, TOTAL_CAP, totalCap } from './orders-counts';
export { getOrderDetail } from './order-detail';
export { getOrderLines } from './order-lines';
export {
  writeCustomers,
  listCustomers,
  getCustomerDetail,
  customerTotals,
  listCustomerOrders,
  NOT_SPENT_STATUSES,
} from './customers-repo';
export { getReview, setReview, setReviewMany } from './review-repo';
export { getSender, setSender } from './sender-repo';
export { listUnreadable, countUnreadable, type UnreadableInput, type UnreadableRecord } from './unreadable-repo';
export { ftsQuery, COMMON_SEARCH_MATCHES, SEARCH_INDEX_VERSION } from './search';
