import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

/** A statement's parameter. */
export type Param = string | number | null;
/**
 * A statement with `?` placeholders and its parameters; in a batch, optionally the number of rows it
 * must change, or the whole batch is rolled back (`UnexpectedRows`).
 */
export type Statement = readonly [text: string, params: readonly Param[], expect?: number];

/** A batch rolled back because one of its statements changed other than the rows it expected. */
export class UnexpectedRows extends Error {
  constructor(
    /** The statement's index in its batch. */
    readonly index: number,
  ) {
    super(`Statement ${index} of a batch changed other than the rows it expected.`);
  }
}

/** Throws `UnexpectedRows` when a batch's statement changed other than the rows it expected. */
function check([, , expect]: Statement, index: number, changed: number): void {
  if (expect !== undefined && changed !== expect) throw new UnexpectedRows(index);
}

/**
 * What the store needs of a SQL database, whichever it is: statements written once with `?`
 * placeholders, in SQL both SQLite and PostgreSQL read, and batches run in one transaction.
 */
export type Sql = {
  readonly dialect: "sqlite" | "postgres";
  get<T>(text: string, ...params: Param[]): Promise<T | undefined>;
  all<T>(text: string, ...params: Param[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed (0 for a schema statement). */
  run(text: string, ...params: Param[]): Promise<number>;
  /** Runs the statements in one transaction: all of them, or none. */
  batch(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
};

/** The embedded database: one SQLite file in WAL mode (the default store, for `npm start`). */
export function sqlite(path: string): Sql {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const prepared = new Map<string, Database.Statement>();
  const statement = (text: string) => {
    let found = prepared.get(text);
    if (!found) {
      found = db.prepare(text);
      prepared.set(text, found);
    }
    return found;
  };
  return {
    dialect: "sqlite",
    get: async <T>(text: string, ...params: Param[]) =>
      statement(text).get(...params) as T | undefined,
    all: async <T>(text: string, ...params: Param[]) => statement(text).all(...params) as T[],
    run: async (text, ...params) => {
      if (params.length) return statement(text).run(...params).changes;
      db.exec(text);
      return 0;
    },
    batch: async (statements) => {
      db.transaction(() => {
        statements.forEach((s, i) => {
          const [text, params] = s;
          check(s, i, statement(text).run(...params).changes);
        });
      })();
    },
    close: async () => {
      db.close();
    },
  };
}

/** PostgreSQL's 64-bit integers (counts, times in ms) as numbers: every one the store keeps fits. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `?` placeholders as PostgreSQL's `$1, $2…`. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A PostgreSQL database reached by URL (`DATABASE_URL`), through a pool of connections. */
export function postgres(url: string): Sql {
  const pool = new pg.Pool({ connectionString: url, types, max: 8 });
  // An idle connection the server drops (a restart) is replaced by the pool; nothing to do here.
  pool.on("error", () => undefined);
  const query = async <T>(text: string, params: readonly Param[]) =>
    (await pool.query({ text: numbered(text), values: [...params] })).rows as T[];
  return {
    dialect: "postgres",
    get: async <T>(text: string, ...params: Param[]) => (await query<T>(text, params))[0],
    all: (text, ...params) => query(text, params),
    run: async (text, ...params) =>
      (await pool.query({ text: numbered(text), values: [...params] })).rowCount ?? 0,
    batch: async (statements) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        for (const [i, s] of statements.entries()) {
          const [text, params] = s;
          const result = await client.query({ text: numbered(text), values: [...params] });
          check(s, i, result.rowCount ?? 0);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Whether a statement was refused for a duplicate key, in either database. */
export function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    code === "23505" ||
    (typeof code === "string" && /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(code))
  );
}
