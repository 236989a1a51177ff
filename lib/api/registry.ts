// A small OpenAPI 3.1 registry: named component schemas (zod, converted with zod 4's own `z.toJSONSchema`) and
// operations described in plain data. `buildDocument` turns them into the document served at
// /api/v1/openapi.json and rendered by the API page (app/docs/api). Pure: no database, no Next.
import { z } from "zod";

export type JsonSchema = { [key: string]: unknown };

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "put", "post", "patch", "delete"];

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header";
  description?: string;
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
  [extension: `x-${string}`]: unknown;
}

export interface MediaTypeObject {
  schema: JsonSchema;
  example?: unknown;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { description?: string; required: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject | { $ref: string }>;
  [extension: `x-${string}`]: unknown;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] }>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

/** A schema given to an operation: a registered zod schema (becomes a `$ref`), or JSON Schema as is. */
export type SchemaSource = z.ZodType | JsonSchema;

export interface OperationSpec {
  method: HttpMethod;
  /** OpenAPI style: `/api/v1/datasets/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** No authentication needed. */
  public?: boolean;
  /** Path parameters, by name (each is required). */
  pathParams?: Record<string, { description: string; schema?: JsonSchema }>;
  /** Query parameters from a zod object: one parameter per key, described by the key's `.describe()`. */
  query?: z.ZodObject;
  /** Query or header parameters that a zod object cannot express (e.g. named after the dataset's metadata). */
  parameters?: ParameterObject[];
  body?: {
    description?: string;
    required?: boolean;
    content: Record<string, { schema: SchemaSource; example?: unknown }>;
  };
  responses: Record<
    string,
    {
      description: string;
      /** Default content type: application/json. */
      content?: Record<string, { schema: SchemaSource; example?: unknown }>;
      schema?: SchemaSource;
      example?: unknown;
      headers?: ResponseObject["headers"];
    }
  >;
  /** Standard error responses besides 401 and 500, which every authenticated operation has. */
  errors?: (400 | 403 | 404 | 409 | 413)[];
  /** Extra `x-` properties, e.g. `x-sift-status`. */
  extensions?: Record<`x-${string}`, unknown>;
}

const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

// Formats that say all a reader needs: the long regular expression zod adds next to them is left out.
const SELF_EXPLAINING_FORMATS = new Set(["uuid", "date-time", "email"]);

/**
 * Drops what zod adds that says nothing to a reader: the `$schema`/`$id` of components, safe-integer bounds, the
 * patterns of well-known formats.
 */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (typeof node !== "object" || node === null) return node;
  const out: JsonSchema = {};
  const format = (node as JsonSchema).format;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema" || key === "$id") continue;
    if (key === "pattern" && typeof format === "string" && SELF_EXPLAINING_FORMATS.has(format)) continue;
    if (key === "minimum" && value === -SAFE_INTEGER) continue;
    if (key === "maximum" && value === SAFE_INTEGER) continue;
    out[key] = tidy(value);
  }
  return out;
}

export const componentRef = (id: string) => `#/components/schemas/${id}`;

export class ApiRegistry {
  private readonly components = z.registry<{ id: string }>();
  private readonly ids = new Map<z.ZodType, string>();
  private readonly patches: ((schemas: Record<string, JsonSchema>) => void)[] = [];
  readonly operations: OperationSpec[] = [];

  /** Registers a zod schema as `#/components/schemas/<id>`; wherever it appears, the document refers to it. */
  component<T extends z.ZodType>(id: string, schema: T): T {
    if ([...this.ids.values()].includes(id)) throw new Error(`OpenAPI component "${id}" is registered twice.`);
    this.components.add(schema, { id });
    this.ids.set(schema, id);
    return schema;
  }

  /** Edits the converted component schemas (for what zod cannot say, e.g. settings that depend on a type). */
  patch(edit: (schemas: Record<string, JsonSchema>) => void): void {
    this.patches.push(edit);
  }

  operation(spec: OperationSpec): void {
    if (this.operations.some((other) => other.operationId === spec.operationId)) {
      throw new Error(`operationId "${spec.operationId}" is used twice.`);
    }
    this.operations.push(spec);
  }

  private schemaOf(source: SchemaSource): JsonSchema {
    if (source instanceof z.ZodType) {
      const id = this.ids.get(source);
      if (id) return { $ref: componentRef(id) };
      return tidy(z.toJSONSchema(source, { io: "input", unrepresentable: "any" })) as JsonSchema;
    }
    return source;
  }

  private componentSchemas(): Record<string, JsonSchema> {
    // One conversion of every component: schemas that contain registered ones refer to them by `$ref`. Requests are
    // described as they are accepted (io "input": defaults make a key optional, transforms show what they take).
    const converted = z.toJSONSchema(this.components, { io: "input", uri: componentRef, unrepresentable: "any" });
    if ("__shared" in converted.schemas) throw new Error("A schema is shared without a component id; register it.");
    const schemas = tidy(converted.schemas) as Record<string, JsonSchema>;
    for (const edit of this.patches) edit(schemas);
    return schemas;
  }

  private queryParameters(query: z.ZodObject): ParameterObject[] {
    return Object.entries(query.shape).map(([name, schema]) => {
      const json = tidy(z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" })) as JsonSchema;
      const { description, ...rest } = json;
      return {
        name,
        in: "query" as const,
        ...(typeof description === "string" ? { description } : {}),
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: rest,
      };
    });
  }

  private operationObject(spec: OperationSpec): OperationObject {
    const parameters: ParameterObject[] = [
      ...Object.entries(spec.pathParams ?? {}).map(([name, param]) => ({
        name,
        in: "path" as const,
        required: true,
        description: param.description,
        schema: param.schema ?? { type: "string", format: "uuid" },
      })),
      ...(spec.query ? this.queryParameters(spec.query) : []),
      ...(spec.parameters ?? []),
    ];
    const content = (entries: Record<string, { schema: SchemaSource; example?: unknown }>) =>
      Object.fromEntries(
        Object.entries(entries).map(([type, media]) => [
          type,
          { schema: this.schemaOf(media.schema), ...(media.example !== undefined ? { example: media.example } : {}) },
        ]),
      );
    const responses: OperationObject["responses"] = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      const media = response.content ?? (response.schema ? { "application/json": { schema: response.schema, example: response.example } } : undefined);
      responses[status] = {
        description: response.description,
        ...(response.headers ? { headers: response.headers } : {}),
        ...(media ? { content: content(media) } : {}),
      };
    }
    for (const status of spec.errors ?? []) responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
    if (!spec.public) responses["401"] = { $ref: "#/components/responses/Unauthorized" };
    responses["500"] = { $ref: "#/components/responses/InternalError" };
    return {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.public ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { ...(spec.body.description ? { description: spec.body.description } : {}), required: spec.body.required ?? true, content: content(spec.body.content) } }
        : {}),
      responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
      ...(spec.extensions ?? {}),
    };
  }

  buildDocument(meta: {
    info: OpenApiDocument["info"];
    servers: OpenApiDocument["servers"];
    tags: OpenApiDocument["tags"];
    errorSchemaId: string;
  }): OpenApiDocument {
    const paths: OpenApiDocument["paths"] = {};
    for (const spec of this.operations) {
      const item = (paths[spec.path] ??= {});
      if (item[spec.method]) throw new Error(`${spec.method.toUpperCase()} ${spec.path} is described twice.`);
      item[spec.method] = this.operationObject(spec);
    }
    const errorRef = { $ref: componentRef(meta.errorSchemaId) };
    const errorResponse = (description: string, code: string, message: string, details: readonly unknown[] = []): ResponseObject => ({
      description,
      content: { "application/json": { schema: errorRef, example: { error: { code, message, details } } } },
    });
    return {
      openapi: "3.1.0",
      info: meta.info,
      servers: meta.servers,
      tags: meta.tags,
      security: [{ apiKey: [] }],
      paths,
      components: {
        schemas: this.componentSchemas(),
        responses: {
          ...Object.fromEntries(
            Object.values(ERROR_RESPONSES).map((error) => [error.name, errorResponse(error.description, error.code, error.message, error.details)]),
          ),
          Unauthorized: errorResponse(
            "No API key or session, or a wrong or revoked key.",
            "unauthorized",
            "Authentication required: send `Authorization: Bearer <API key>` or sign in.",
          ),
          InternalError: {
            description: "Something went wrong on the server; it has been logged. The body never holds a stack trace.",
            content: {
              "application/json": {
                schema: errorRef,
                example: { error: { code: "internal_error", message: "Something went wrong on the server; it has been logged." } },
              },
            },
          },
        },
        securitySchemes: {
          apiKey: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "Sift API key",
            description:
              "An API key, created on the API keys page of the account menu and shown once: `Authorization: Bearer sift_…`. " +
              "A signed-in browser session works too (until sign-out, a password change or reset, deactivation or a membership change ends it). A key acts with its owner's roles.",
          },
        },
      },
    };
  }
}

export const ERROR_RESPONSES = {
  400: {
    name: "BadRequest",
    description: "The request is not valid; `details` names each problem and where it is.",
    code: "invalid_request",
    message: "Invalid query parameters.",
    details: [{ where: "uncertaintyMin", message: "Too big: expected number to be <=1" }],
  },
  403: {
    name: "Forbidden",
    description: "The caller's role in the workspace does not allow this.",
    code: "forbidden",
    message: "Your role (annotator) does not allow records.write.",
    details: [],
  },
  404: {
    name: "NotFound",
    description: "It does not exist, or it belongs to a workspace the caller is not a member of (the two are indistinguishable).",
    code: "not_found",
    message: "Dataset not found.",
    details: [],
  },
  409: {
    name: "Conflict",
    description: "It conflicts with the current state (e.g. an Idempotency-Key reused with another body, a duplicate name).",
    code: "conflict",
    message: "This Idempotency-Key was already used with a different body; use a new key.",
    details: [],
  },
  413: {
    name: "PayloadTooLarge",
    description: "The body is larger than the limit; nothing was read or written.",
    code: "payload_too_large",
    message: "The request body is too large: this endpoint accepts at most 67,108,864 bytes.",
    details: [],
  },
} as const;
