// Raw statements inside a Prisma interactive transaction, for helpers that take a `Queryable` (graphile-worker's
// enqueue, the audit log): what they write commits or rolls back with the Prisma transaction's own changes.
import type { Queryable } from "@/lib/jobs/queryable";
import type { Prisma } from "@/lib/server/generated/prisma/client";

export function prismaQueryable(tx: Prisma.TransactionClient): Queryable {
  return { query: (text, values = []) => tx.$executeRawUnsafe(text, ...values) };
}
