// A transaction on one pooled connection, for multi-statement writes in raw SQL (bulk upserts, the queue).
import type pg from "pg";
import { pool } from "@/lib/server/db/client";

export async function withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  // A connection the server ends while it is checked out (PostgreSQL restarting) emits "error" on the client; with no
  // listener that would crash the process. The statement in flight fails anyway, and the broken client is discarded
  // rather than handed out again (tests/integration/reliability-postgres-restart.test.ts).
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken ??= rollbackError;
    });
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
