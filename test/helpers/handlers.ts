import { CALL_NAMES } from '../../src/shared/ipc/contract';
import type { Handlers } from '../../src/main/core/ipc/dispatcher';

/** A full handler map for carrier tests: the calls a test does not use fail loudly if reached. */
export function handlersWith(overrides: Partial<Handlers>): Handlers {
  const all = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      () => {
        throw new Error(`${name} is not used by this test`);
      },
    ]),
  );
  return { ...all, ...overrides } as Handlers;
}
