import { NextResponse } from "next/server";
import { requestActor } from "@/lib/server/auth/actor";
import { errorResponse } from "@/lib/server/http";
import { agreementAnswer } from "@/lib/server/services/agreement";

/** Inter-annotator agreement per question, as JSON or (`?format=csv`) as a CSV attachment. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await requestActor(request);
    const { id } = await context.params;
    const answer = await agreementAnswer(actor, id, Object.fromEntries(new URL(request.url).searchParams));
    if (answer.format === "json") return NextResponse.json(answer.agreement);
    return new Response(answer.body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${answer.fileName}"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
