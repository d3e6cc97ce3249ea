import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import pg from "pg";

/** The PostgreSQL the tests use: the machine's own (see README), or `TEST_DATABASE_URL`. */
export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;

const HOW_TO_START =
  "start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or set TEST_DATABASE_URL";

/** A PostgreSQL URL whose connections use their own fresh schema, and how to drop it afterwards. */
export type FreshPostgres = { readonly url: string; drop(): Promise<void> };

/**
 * A fresh, empty schema in the test database for one suite, so suites never see each other's rows.
 * Fails, saying how to start PostgreSQL, when it cannot be reached.
 */
export async function freshPostgres(): Promise<FreshPostgres> {
  const schema = `tt_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `These tests need PostgreSQL at ${POSTGRES_URL}, which is not reachable (${(error as Error).message}): ${HOW_TO_START}.`,
    );
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
