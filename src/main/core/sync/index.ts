export {
  SyncManager,
  resolveMode,
  type SyncManagerDeps,
  type SyncMode,
  type RunOptions,
  type SyncReport,
} from './sync-manager';
export { DEFAULT_SYNC_SETTINGS, ORDER_INCLUDES, type SyncSettings } from './settings';
export type { RunTotals } from './sync-run';
