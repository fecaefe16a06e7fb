import type { RunResult, Statement } from 'better-sqlite3';
import type { ReadableDB, WritableDB } from './connection';
import type { SqlQuery, SqlValue } from './sql';

type Prepared = Statement<SqlValue[], unknown>;

const cache = new WeakMap<ReadableDB, Map<string, Prepared>>();

/**
 * Prepared once per connection, keyed by the query's text (its values are parameters, so one text serves every
 * value): compiling SQL costs more than running these small statements. This is the one place a row read from
 * SQLite takes the type its query declares (sql<Row>`…`).
 */
function prepared<Row>(db: ReadableDB, query: SqlQuery<Row>): Statement<SqlValue[], Row> {
  let statements = cache.get(db);
  if (statements === undefined) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(query.sql);
  if (statement === undefined) {
    // List SQL varies with page bounds and IN-list lengths: a bound keeps a long session's cache small.
    if (statements.size >= 500) statements.clear();
    statement = db.prepare<SqlValue[], unknown>(query.sql);
    statements.set(query.sql, statement);
  }
  return statement as Statement<SqlValue[], Row>;
}

export function readAll<Row>(db: ReadableDB, query: SqlQuery<Row>): Row[] {
  return prepared(db, query).all(...query.params);
}

export function readOne<Row>(db: ReadableDB, query: SqlQuery<Row>): Row | undefined {
  return prepared(db, query).get(...query.params);
}

export function write(db: WritableDB, query: SqlQuery): RunResult {
  return prepared(db, query).run(...query.params);
}

/** A write whose RETURNING clause yields one row (or none, when an upsert's WHERE skipped it). */
export function writeReturning<Row>(db: WritableDB, query: SqlQuery<Row>): Row | undefined {
  return prepared(db, query).get(...query.params);
}
