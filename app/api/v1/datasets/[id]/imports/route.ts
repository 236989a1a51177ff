import { AppError } from "@/lib/server/errors";
import { apiRoute, bodyChunks } from "@/lib/server/http";
import { listImports, uploadImportFile } from "@/lib/server/services/imports";

/**
 * Upload a file to import: the file's bytes as the raw request body (`Content-Type` as you like), its name in the
 * `X-File-Name` header (URL-encoded for non-ASCII names) or `?fileName=`. Answers the draft import with its columns,
 * a suggested mapping and a preview of the first rows; start it with POST .../imports/{taskId}/start.
 */
export const POST = apiRoute<{ id: string }>(
  async (actor, request, params) => {
    if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/")) {
      throw new AppError(
        "Send the file's bytes as the request body (not multipart/form-data), with its name in the X-File-Name header.",
        415,
        "unsupported_media_type",
      );
    }
    const url = new URL(request.url);
    const declared = request.headers.get("content-length");
    return uploadImportFile(actor, params.id, {
      fileName: request.headers.get("x-file-name") ?? url.searchParams.get("fileName"),
      body: request.body ? bodyChunks(request.body) : null,
      declaredLength: declared === null || declared === "" ? undefined : Number(declared),
    });
  },
  { status: 201 },
);

/** The dataset's recent imports (not drafts), newest first. */
export const GET = apiRoute<{ id: string }>(async (actor, _request, params) => ({ imports: await listImports(actor, params.id) }));
