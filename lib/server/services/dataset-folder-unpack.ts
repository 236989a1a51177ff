// Unpacks a dataset folder archive (.tar.gz) as it arrives: settings.json is kept in memory (it is
// small), records.jsonl is streamed to a temporary file so that a large dataset is never held whole. The uncompressed
// size is limited (SIFT_MAX_UPLOAD_BYTES), so a small archive cannot unpack into a disk-filling one.
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { RECORDS_FILE, SETTINGS_FILE } from "@/lib/io/folder";
import { AppError, ValidationError } from "@/lib/server/errors";
import { newStoredFile } from "@/lib/server/files/storage";
import { formatBytes, maxUploadBytes } from "@/lib/server/services/import-files";

const MAX_SETTINGS_BYTES = 5 * 1024 * 1024;

export interface UnpackedFolder {
  settingsText: string;
  /** Absolute path of records.jsonl on disk (remove it with `discard`). */
  recordsPath: string;
  discard(): Promise<void>;
}

/** A folder may sit inside one top-level directory (`my-dataset/settings.json`), as archivers often make it. */
function entryName(name: string): string {
  const parts = name.replace(/^\.\//, "").split("/").filter(Boolean);
  return parts[parts.length - 1] ?? "";
}

function sizeGuard(limit: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.byteLength;
      if (size > limit) callback(new AppError(`The folder is larger than ${formatBytes(limit)} unpacked.`, 413, "payload_too_large"));
      else callback(null, chunk);
    },
  });
}

export async function unpackFolder(body: AsyncIterable<Uint8Array> | null): Promise<UnpackedFolder> {
  if (!body) throw new ValidationError("The request has no body: send the folder archive (.tar.gz) as the request body.");
  const records = await newStoredFile("uploads", ".records.jsonl");
  const discard = () => rm(records.absolute, { force: true });
  let settingsText: string | null = null;
  let sawRecords = false;
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const name = entryName(header.name);
    if (header.type === "file" && name === SETTINGS_FILE) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (data: unknown) => {
        const chunk = data as Buffer;
        size += chunk.byteLength;
        if (size <= MAX_SETTINGS_BYTES) chunks.push(chunk);
      });
      stream.on("end", () => {
        settingsText = size <= MAX_SETTINGS_BYTES ? Buffer.concat(chunks).toString("utf8") : null;
        next();
      });
    } else if (header.type === "file" && name === RECORDS_FILE) {
      sawRecords = true;
      pipeline(stream, createWriteStream(records.absolute)).then(() => next(), next);
    } else {
      stream.on("end", () => next());
      stream.resume();
    }
  });
  try {
    await pipeline(Readable.from(body), createGunzip(), sizeGuard(maxUploadBytes()), extract);
  } catch (error) {
    await discard();
    if (error instanceof AppError) throw error;
    throw new ValidationError("The upload is not a readable .tar.gz folder archive; export one from Sift's Export tab.", [
      { where: "body", message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const missing = [...(settingsText === null ? [SETTINGS_FILE] : []), ...(sawRecords ? [] : [RECORDS_FILE])];
  if (missing.length > 0) {
    await discard();
    throw new ValidationError("The archive is not a Sift dataset folder.", missing.map((file) => ({ where: file, message: "is missing (or too large)" })));
  }
  return { settingsText: settingsText!, recordsPath: records.absolute, discard };
}
