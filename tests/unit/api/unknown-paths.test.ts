// Unknown /api/v1 paths answer a JSON 404 naming the path, for every method, like the rest of the API. The routing
// itself (a specific route wins over the catch-all) is exercised against the built app in e2e/cross-site.spec.ts.
import { describe, expect, it } from "vitest";
import * as unknown from "@/app/api/v1/[...unknown]/route";

const PATHS = ["/api/v1/nope", "/api/v1/datasets/x/nope", "/api/v1/records/1/2/3", "/api/v1/workspaces/demo/members/u/extra"];

describe("the catch-all of /api/v1", () => {
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
    it(`answers ${method} on unknown paths with JSON 404 not_found`, async () => {
      for (const path of PATHS) {
        const response = await unknown[method](new Request(`http://127.0.0.1:3000${path}`, { method }));
        expect(response.status).toBe(404);
        expect(response.headers.get("content-type")).toContain("application/json");
        const body = (await response.json()) as { error: { code: string; message: string; details: { where: string; message: string }[] } };
        expect(body.error.code).toBe("not_found");
        expect(body.error.message).toContain(`${method} ${path}`);
        expect(body.error.details).toEqual([{ where: "path", message: path }]);
      }
    });
  }
});
