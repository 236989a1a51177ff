// Exports a whole dataset as a portable folder (settings.json + records.jsonl, lib/io/folder.ts) packed as a .tar.gz.
// records.jsonl is written to a temporary file first, because a tar entry states its size before its content; the
// archive is then streamed to the caller and the temporary files removed. Entries carry a fixed modification time, so
// the same dataset always gives the same bytes (the round-trip test compares archives byte for byte).
import { createReadStream, createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tar from "tar-stream";
import {
  FOLDER_FORMAT,
  FOLDER_VERSION,
  RECORDS_FILE,
  SETTINGS_FILE,
  recordLine,
  settingsFileText,
  toPortableLlm,
  type FolderSettings,
} from "@/lib/io/folder";
import { readDatasetLlmSettings } from "@/lib/llm/dataset-llm-settings";
import type { Actor } from "@/lib/server/auth/actor";
import { db, pool } from "@/lib/server/db/client";
import { newStoredFile } from "@/lib/server/files/storage";
import { datasetAccess } from "@/lib/server/services/access";
import { writeAudit } from "@/lib/server/services/audit-log";
import { loadDatasetConfig, type DatasetConfig } from "@/lib/server/services/dataset-config";
import { folderRecords } from "@/lib/server/services/dataset-folder-records";
import { toSettings } from "@/lib/server/services/dataset-settings";

/** The modification time of every entry: fixed, so that an archive's bytes depend on its contents only. */
const ENTRY_TIME = new Date(0);

export interface FolderDownload {
  fileName: string;
  size: number;
  records: number;
  stream: ReadableStream<Uint8Array>;
}

async function folderSettings(config: DatasetConfig): Promise<FolderSettings> {
  const row = await db.dataset.findUniqueOrThrow({ where: { id: config.id }, select: { llm: true, status: true } });
  const providers = await db.llmProvider.findMany({ where: { workspaceId: config.workspaceId }, select: { id: true, name: true } });
  return {
    format: FOLDER_FORMAT,
    version: FOLDER_VERSION,
    published: row.status === "published",
    dataset: { ...toSettings(config) },
    llm: toPortableLlm(readDatasetLlmSettings(row.llm), new Map(providers.map((provider) => [provider.id, provider.name]))),
  };
}

/** Writes the dataset's folder archive to `archivePath`; returns how many records it holds. */
export async function writeDatasetFolder(config: DatasetConfig, archivePath: string): Promise<number> {
  const recordsPath = `${archivePath}.records.jsonl`;
  let records = 0;
  try {
    await pipeline(
      Readable.from(
        (async function* lines() {
          for await (const record of folderRecords(config)) {
            records += 1;
            yield recordLine(record);
          }
        })(),
      ),
      createWriteStream(recordsPath),
    );
    const pack = tar.pack();
    const written = pipeline(pack, createGzip(), createWriteStream(archivePath));
    pack.entry({ name: SETTINGS_FILE, mtime: ENTRY_TIME }, settingsFileText(await folderSettings(config)));
    const entry = pack.entry({ name: RECORDS_FILE, mtime: ENTRY_TIME, size: (await stat(recordsPath)).size });
    await pipeline(createReadStream(recordsPath), entry);
    pack.finalize();
    await written;
    return records;
  } finally {
    await rm(recordsPath, { force: true });
  }
}

/** A safe file name for the archive: the dataset's name with anything unusual replaced. */
export function folderFileName(datasetName: string): string {
  const base = datasetName.replace(/[^a-zA-Z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "dataset";
  return `${base}.sift.tar.gz`;
}

/** The dataset's folder archive for those who may export it; the temporary file is removed once read or abandoned. */
export async function exportDatasetFolder(actor: Actor, datasetId: string): Promise<FolderDownload> {
  const access = await datasetAccess(actor, datasetId, "dataset.export");
  const config = await loadDatasetConfig(access.datasetId);
  const file = await newStoredFile("exports", ".tar.gz");
  let records: number;
  try {
    records = await writeDatasetFolder(config, file.absolute);
  } catch (error) {
    await rm(file.absolute, { force: true });
    throw error;
  }
  await writeAudit(pool(), {
    workspaceId: config.workspaceId,
    actorId: actor.userId,
    action: "dataset.export",
    targetType: "dataset",
    targetId: config.id,
    details: { format: "folder", records, taskId: null },
  });
  const size = (await stat(file.absolute)).size;
  const source = createReadStream(file.absolute);
  source.on("close", () => void rm(file.absolute, { force: true }));
  return { fileName: folderFileName(config.name), size, records, stream: Readable.toWeb(source) as ReadableStream<Uint8Array> };
}
