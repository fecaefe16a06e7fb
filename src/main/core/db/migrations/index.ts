import { migration001 } from './001_initial';
import type { Migration } from './migration';

/** In version order; append, never edit a released step. */
export const MIGRATIONS: readonly Migration[] = [migration001];

export type { Migration } from './migration';
