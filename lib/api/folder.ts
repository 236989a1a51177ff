// The dataset folder part of the OpenAPI document: a whole dataset out as a .tar.gz of settings.json and
// records.jsonl, and back in as a new dataset of a workspace. The import's answer is checked against the service's type.
import { z } from "zod";
import type { FolderImportResult } from "@/lib/server/services/dataset-folder-import";
import type { ApiRegistry } from "./registry";
import { errorBodySchema } from "./schemas";

export const FOLDER_TAG = {
  name: "Dataset folders",
  description:
    "A whole dataset as a portable folder (a .tar.gz of `settings.json` and `records.jsonl`): fields, questions, " +
    "metadata properties, guidelines, distribution, routing, LLM settings (providers by name, never their keys), and " +
    "every record with its suggestions, responses and final values. Importing it into another Sift gives the same dataset.",
} as const;

export const folderImportResultSchema = z.object({
  datasetId: z.uuid().describe("The new dataset."),
  name: z.string(),
  records: z.int(),
  suggestions: z.int(),
  responses: z.int().describe("Responses imported (of users who are members of the workspace)."),
  finalValues: z.int(),
  unknownUsers: z.array(z.string()).describe("Usernames of the folder that are not members of this workspace."),
  skippedResponses: z.int().describe("Responses of those users, left out."),
  unknownProviders: z.array(z.string()).describe("LLM providers named by the folder that this workspace lacks; their proposers were left out."),
});

// The document and the service cannot drift apart: this fails to compile if the shapes differ.
const _import: z.infer<typeof folderImportResultSchema> = {} as FolderImportResult;
void _import;

export function registerFolderOperations(api: ApiRegistry): void {
  const tag = FOLDER_TAG.name;
  api.operation({
    method: "get",
    path: "/api/v1/datasets/{id}/folder",
    operationId: "exportDatasetFolder",
    tag,
    summary: "Export the dataset as a portable folder",
    description:
      "A .tar.gz of `settings.json` and `records.jsonl` (DESIGN.md \"Record format\"). Ids of this Sift appear nowhere in " +
      "it: users are usernames, providers are names. Owners, admins and curators (`dataset.export`).",
    pathParams: { id: { description: "The dataset's id." } },
    responses: {
      200: {
        description: "The archive.",
        content: { "application/gzip": { schema: { type: "string", contentMediaType: "application/gzip" } } },
        headers: { "Content-Disposition": { description: "`attachment; filename=\"….sift.tar.gz\"`", schema: { type: "string" } } },
      },
    },
    errors: [403, 404],
  });
  api.operation({
    method: "post",
    path: "/api/v1/workspaces/{slug}/datasets/import-folder",
    operationId: "importDatasetFolder",
    tag,
    summary: "Create a dataset from a Sift folder",
    description:
      "The archive's bytes are the request body (not multipart). Everything is checked first, then written in one " +
      "transaction: a folder with a problem imports nothing, and the error names the file, line and path. Responses " +
      "are matched to the workspace's members by username; those of unknown users are skipped and counted. Owners and " +
      "admins (`dataset.create`).",
    pathParams: { slug: { description: "The workspace's slug (or id)." } },
    body: {
      description: "The .tar.gz archive.",
      content: { "application/gzip": { schema: { type: "string", contentMediaType: "application/gzip" } } },
    },
    responses: {
      201: { description: "What was imported.", schema: api.component("FolderImportResult", folderImportResultSchema) },
      415: { description: "A multipart body: send the archive's bytes as the body.", schema: errorBodySchema },
    },
    errors: [400, 403, 404, 409, 413],
  });
}
