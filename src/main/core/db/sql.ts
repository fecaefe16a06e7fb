/**
 * SQL text and its parameters kept together, as Signal Desktop's ts/sql does: a value written into a template
 * becomes a `?` and its parameter, a fragment written into one brings its own text and parameters, in order.
 * Nothing but the template tags, sqlJoin and sqlConstant makes a fragment, so user text cannot reach the SQL text.
 */
export type SqlValue = string | number | bigint | null | Uint8Array;

const BUILT = Symbol('sql');

export class SqlFragment {
  private constructor(
    readonly sql: string,
    readonly params: readonly SqlValue[],
  ) {}

  /** @internal the tags below are the only makers. */
  static [BUILT](sql: string, params: readonly SqlValue[]): SqlFragment {
    return new SqlFragment(sql, params);
  }
}

/**
 * A whole statement, for readAll / readOne / write (statements.ts). `Row` is the row it yields: the one place a
 * query's columns meet their TypeScript type is where the query is written, beside the row mapper of its table.
 */
export class SqlQuery<Row = unknown> {
  declare readonly row: Row;
  private constructor(
    readonly sql: string,
    readonly params: readonly SqlValue[],
  ) {}

  /** @internal */
  static [BUILT]<Row>(fragment: SqlFragment): SqlQuery<Row> {
    return new SqlQuery<Row>(fragment.sql, fragment.params);
  }
}

export type SqlPiece = SqlFragment | SqlValue;

/**
 * The text of a template whose values are all plain, by call site (a template's strings array is the same object
 * every time its line runs): the hot writes then build no text and hand the statement cache the same string, whose
 * hash V8 keeps.
 */
const plainTexts = new WeakMap<TemplateStringsArray, string>();

const allPlain = (values: readonly SqlPiece[]): values is readonly SqlValue[] =>
  !values.some((value) => value instanceof SqlFragment);

function build(strings: TemplateStringsArray, values: readonly SqlPiece[]): SqlFragment {
  if (allPlain(values)) {
    let text = plainTexts.get(strings);
    if (text === undefined) {
      text = strings.join('?');
      plainTexts.set(strings, text);
    }
    return SqlFragment[BUILT](text, values);
  }
  let text = strings[0];
  const params: SqlValue[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return SqlFragment[BUILT](text, params);
}

/** Part of a statement: a condition, a column list, an ORDER BY. */
export function sqlFragment(strings: TemplateStringsArray, ...values: SqlPiece[]): SqlFragment {
  return build(strings, values);
}

/** A statement yielding rows of type `Row` (a statement that yields none leaves it unknown). */
export function sql<Row = unknown>(strings: TemplateStringsArray, ...values: SqlPiece[]): SqlQuery<Row> {
  return SqlQuery[BUILT]<Row>(build(strings, values));
}

/** Pieces joined by a separator (`, ` by default): an IN list, a column list, AND-ed conditions. */
export function sqlJoin(pieces: readonly SqlPiece[], separator: ', ' | ' AND ' | ' OR ' | '' = ', '): SqlFragment {
  const text: string[] = [];
  const params: SqlValue[] = [];
  for (const piece of pieces) {
    if (piece instanceof SqlFragment) {
      text.push(piece.sql);
      params.push(...piece.params);
    } else {
      text.push('?');
      params.push(piece);
    }
  }
  return SqlFragment[BUILT](text.join(separator), params);
}

/**
 * An integer written into the text instead of bound: page bounds and caps, whose value SQLite's planner
 * should see, as it did when the SQL was joined from strings (the query-plan tests pin those plans).
 */
export function sqlConstant(value: number): SqlFragment {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  return SqlFragment[BUILT](String(value), []);
}
