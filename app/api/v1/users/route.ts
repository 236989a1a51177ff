import { apiRoute, readJson } from "@/lib/server/http";
import { createUserAsOwner, listUsers } from "@/lib/server/services/users-admin";

/** Every user of the instance (owner only), `?q=` searching username, name and email. */
export const GET = apiRoute(async (actor, request) => ({ users: await listUsers(actor, Object.fromEntries(new URL(request.url).searchParams)) }));

/** Creates a user `{ username, name, email, password? }`; without a password, a temporary one is answered once. */
export const POST = apiRoute(async (actor, request) => createUserAsOwner(actor, await readJson(request)), { status: 201 });
