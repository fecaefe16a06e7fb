import type { IndexList } from './index-list';
import { hash3, saltOf } from './prng';

interface Session {
  list: IndexList;
  position: number;
  batch: number;
  limit: number;
  kind: 'orders' | 'customers';
  includes: Set<string>;
}

const SCROLL_SALT = saltOf('scroll');

/**
 * Scroll cursors hold their result list, taken when the scroll starts, so later
 * mutations do not shift the batches. Ids come from (seed, counter): two servers
 * with the same seed and call sequence hand out the same ids.
 */
export class ScrollSessions {
  private readonly sessions = new Map<string, Session>();
  private counter = 0;
  constructor(
    private readonly seed: number,
    private readonly max = 200,
  ) {}

  open(kind: Session['kind'], list: IndexList, limit: number, includes: Set<string>): string {
    this.counter++;
    const id = `${hash3(this.seed, SCROLL_SALT, this.counter).toString(16).padStart(8, '0')}${this.counter.toString(16)}`;
    this.sessions.set(id, { list, position: 0, batch: 0, limit, kind, includes });
    if (this.sessions.size > this.max) this.sessions.delete(this.sessions.keys().next().value as string);
    return id;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Takes the next batch; empty once the list is exhausted. */
  take(id: string): { session: Session; indices: number[] } | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const indices: number[] = [];
    const end = Math.min(session.list.total, session.position + session.limit);
    for (let k = session.position; k < end; k++) indices.push(session.list.at(k));
    session.position = end;
    if (indices.length) session.batch++;
    return { session, indices };
  }
}
