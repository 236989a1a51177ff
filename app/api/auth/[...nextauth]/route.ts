import { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth/auth";
import { errorResponse, readBody } from "@/lib/server/http";

// A sign-in form is a few hundred bytes; Auth.js would otherwise read any body whole into memory.
const MAX_AUTH_BODY_BYTES = 64 * 1024;

export const GET = handlers.GET;

export async function POST(request: NextRequest): Promise<Response> {
  let body: string;
  try {
    body = await readBody(request, MAX_AUTH_BODY_BYTES);
  } catch (error) {
    return errorResponse(error);
  }
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers: request.headers, body }));
}
