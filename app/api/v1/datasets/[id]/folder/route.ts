import { requestActor } from "@/lib/server/auth/actor";
import { errorResponse } from "@/lib/server/http";
import { exportDatasetFolder } from "@/lib/server/services/dataset-folder";

/**
 * The whole dataset as a portable folder: a .tar.gz of settings.json and records.jsonl (DESIGN.md "Record format"),
 * which POST /api/v1/workspaces/{slug}/datasets/import-folder turns into the same dataset in another Sift.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requestActor(request);
    const { id } = await context.params;
    const folder = await exportDatasetFolder(actor, id);
    return new Response(folder.stream, {
      headers: {
        "content-type": "application/gzip",
        "content-length": String(folder.size),
        "content-disposition": `attachment; filename="${folder.fileName}"`,
        "x-sift-records": String(folder.records),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
