import type { Migration } from './migration';

/**
 * Stands in for the step another branch brings as migration 7, so that 8 follows without a gap here. It changes
 * nothing: on merge the real migration 7 replaces this file.
 */
export const migration007: Migration = {
  version: 7,
  name: 'reserved',
  up() {},
};
