import { AppError } from "@/lib/server/errors";
import { apiRoute, bodyChunks } from "@/lib/server/http";
import { importDatasetFolder } from "@/lib/server/services/dataset-folder-import";

/**
 * Creates a dataset from a Sift dataset folder: the .tar.gz from GET /api/v1/datasets/{id}/folder as the raw request
 * body. Users are matched by username among the workspace's members; the answer counts what was imported and names
 * the users and providers that were not found.
 */
export const POST = apiRoute<{ slug: string }>(
  async (actor, request, params) => {
    if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/")) {
      throw new AppError("Send the archive's bytes as the request body (not multipart/form-data).", 415, "unsupported_media_type");
    }
    const declared = request.headers.get("content-length");
    return importDatasetFolder(
      actor,
      params.slug,
      request.body ? bodyChunks(request.body) : null,
      declared === null || declared === "" ? undefined : Number(declared),
    );
  },
  { status: 201 },
);
