// Any /api/v1 path no route matches: a JSON 404 like the rest of the API (not the HTML page Next.js would render),
// for every method. More specific routes win over this catch-all, so it only ever sees unknown paths.
import { NextResponse } from "next/server";

function notFound(request: Request): NextResponse {
  const path = new URL(request.url).pathname;
  return NextResponse.json(
    {
      error: {
        code: "not_found",
        message: `There is no ${request.method} ${path.slice(0, 300)} in the API; see /api/v1/openapi.json for its routes.`,
        details: [{ where: "path", message: path.slice(0, 300) }],
      },
    },
    { status: 404 },
  );
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
