// One writer per effect: the audit log, responses (and the record's submitted count), final values and background
// tasks' status each have one module that writes them, so an event cannot be missed or shaped differently and a
// response has the same effects however it arrives. This reads the source tree and names every other writer.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findWrites, scanTree, type OwnedTable } from "./table-writes";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const FOLDERS = ["app", "components", "lib", "workers", "scripts", "prisma"];

const owners: Record<OwnedTable, { file: string; use: string }> = {
  AuditEvent: { file: "lib/server/services/audit-log.ts", use: "writeAudit" },
  Response: { file: "lib/server/services/response-settlement.ts", use: "writeResponses" },
  "Record.submittedCount": { file: "lib/server/services/response-settlement.ts", use: "writeResponses" },
  FinalValue: { file: "lib/server/services/final-values.ts", use: "a function of final-values.ts (one per provenance)" },
  "DatasetTask.status": { file: "lib/server/services/task-status.ts", use: "markTaskRunning, completeTask, failTask or queueTask" },
};

describe("one writer per effect", () => {
  const writes = scanTree(root, FOLDERS);

  it("only the owner of each table writes it", () => {
    const strays = writes
      .filter((write) => write.file !== owners[write.table].file)
      .map((write) => `${write.file}:${write.line} writes ${write.table} (${write.how}); use ${owners[write.table].use} (${owners[write.table].file})`);
    expect(strays, strays.join("\n")).toEqual([]);
  });

  it("finds the owners' own writes (the scan sees real code)", () => {
    for (const [table, owner] of Object.entries(owners)) {
      expect(writes.some((write) => write.table === table && write.file === owner.file), `${owner.file} writes ${table}`).toBe(true);
    }
  });
});

describe("what counts as a write", () => {
  const tables = (source: string) => findWrites(source).map((write) => write.table);

  it("Prisma writes of the owned models", () => {
    expect(tables(`await db.auditEvent.create({ data: { action: "x" } });`)).toEqual(["AuditEvent"]);
    expect(tables(`await tx.auditEvent.createMany({ data: [] });\nawait tx.finalValue.upsert({ where: {}, create: {}, update: {} });`)).toEqual([
      "AuditEvent",
      "FinalValue",
    ]);
    expect(tables(`db.response.deleteMany({ where: { recordId } })`)).toEqual(["Response"]);
    expect(tables(`await db.datasetTask.update({ where: { id: taskId }, data: { status: "running", error: null } });`)).toEqual([
      "DatasetTask.status",
    ]);
    expect(tables(`db.record.update({ where: { id }, data: { submittedCount: { increment: 1 } } })`)).toEqual(["Record.submittedCount"]);
  });

  it("raw SQL writes, whatever the layout", () => {
    expect(tables("client.query(`INSERT INTO \"AuditEvent\" (\"workspaceId\") VALUES ($1)`)")).toEqual(["AuditEvent"]);
    expect(tables('`DELETE FROM "FinalValue" f USING "Record" r WHERE f."recordId" = r.id`')).toEqual(["FinalValue"]);
    expect(tables('`insert into "Response" ("recordId") select 1`')).toEqual(["Response"]);
    expect(tables('`UPDATE "DatasetTask" SET processed = $2,\n  status = \'failed\' WHERE id = $1`')).toEqual(["DatasetTask.status"]);
    expect(tables('`UPDATE "DatasetTask" SET status = \'running\' WHERE id = $1`')).toEqual(["DatasetTask.status"]);
    expect(tables('`UPDATE "Record" r SET "submittedCount" = c.submitted FROM c WHERE r.id = c.id`')).toEqual(["Record.submittedCount"]);
    expect(tables('`INSERT INTO "Record" ("datasetId", "externalId", "submittedCount") SELECT 1`')).toEqual(["Record.submittedCount"]);
    expect(tables('pool().query("DELETE FROM \\"AuditEvent\\" WHERE id = $1", [id])')).toEqual(["AuditEvent"]);
    expect(tables('tx.$executeRaw`UPDATE "DatasetTask" SET "status" = ${status}::"TaskStatus" WHERE id = ${id}`')).toEqual(["DatasetTask.status"]);
  });

  it("reads are not writes", () => {
    expect(tables('`SELECT DISTINCT action FROM "AuditEvent" WHERE "workspaceId" = $1`')).toEqual([]);
    expect(tables('`SELECT status FROM "Response" WHERE "recordId" = $1`')).toEqual([]);
    expect(tables(`await db.auditEvent.findMany({ where: { action } });\nawait db.datasetTask.findUnique({ where: { id } });`)).toEqual([]);
    // Filters on the column, not assignments to it.
    expect(tables(`await tx.record.updateMany({ where: { datasetId, submittedCount: 0 }, data: { requiredResponses: 2 } });`)).toEqual([]);
    expect(tables(`await db.datasetTask.updateMany({ where: { status: "queued" }, data: { error: null } });`)).toEqual([]);
    expect(tables('`UPDATE "DatasetTask" SET processed = $2, "updatedAt" = now() WHERE id = $1 AND status = \'running\'`')).toEqual([]);
    expect(
      tables('`UPDATE "Record" r SET "requiredResponses" = CASE WHEN r."submittedCount" = 0 THEN 2 END WHERE r.id = $1`'),
    ).toEqual([]);
    // Creating a task in its first status is not a change of status.
    expect(tables(`await db.datasetTask.create({ data: { kind: "import", status: "queued" } });`)).toEqual([]);
  });

  it("gives the line of each write", () => {
    expect(findWrites('const a = 1;\n\nawait pool().query(`INSERT INTO "AuditEvent" (action) VALUES ($1)`);').map((write) => write.line)).toEqual([3]);
  });
});
