// Users as sign-in sees them: credentials checks and linking of external identities.
import { db, pool } from "@/lib/server/db/client";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { ValidationError } from "@/lib/server/errors";
import { writeAudit } from "@/lib/server/services/audit-log";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** A credentials check: the user, or why not (only ever more than "no" to someone who gave the right password). */
export type CredentialsCheck = { user: SignedInUser } | { user: null; temporaryPasswordExpired: boolean };

/** The user for this login (email or username) and password. Never says which of the two was wrong. */
export async function verifyCredentials(login: string, password: string): Promise<CredentialsCheck> {
  const normalised = login.trim().toLowerCase();
  const user = await db.user.findFirst({
    where: normalised.includes("@") ? { email: normalised } : { username: normalised },
  });
  const ok = await verifyPassword(user?.passwordHash, password);
  // A deactivated user is refused like a wrong password (after the same hashing work), revealing nothing.
  if (!user || !ok || user.deactivatedAt) return { user: null, temporaryPasswordExpired: false };
  // Only the holder of the right (temporary) password learns that it expired, so the refusal can say so.
  if (user.passwordTemporaryUntil && user.passwordTemporaryUntil <= new Date()) return { user: null, temporaryPasswordExpired: true };
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await writeAudit(pool(), { workspaceId: null, actorId: user.id, action: "user.sign_in", targetType: "user", targetId: user.id });
  return { user: { id: user.id, email: user.email, name: user.name } };
}

/** The user for this login and password, or null. */
export async function checkCredentials(login: string, password: string): Promise<SignedInUser | null> {
  return (await verifyCredentials(login, password)).user;
}

export interface ExternalIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null;
  name: string | null;
}

/** Finds the user of an external identity, linking it by email to an existing user, or creating one. */
export async function linkExternalIdentity(identity: ExternalIdentity): Promise<SignedInUser> {
  const existing = await db.authIdentity.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    include: { user: true },
  });
  if (existing) return existing.user;
  if (!identity.email) throw new ValidationError(`Your ${identity.provider} account has no email address to sign in with.`);
  const email = identity.email.toLowerCase();
  const user =
    (await db.user.findUnique({ where: { email } })) ??
    (await db.user.create({
      data: { email, username: await freeUsername(email.split("@")[0] ?? "user"), name: identity.name ?? email },
    }));
  await db.authIdentity.create({
    data: { userId: user.id, provider: identity.provider, providerAccountId: identity.providerAccountId },
  });
  return user;
}

async function freeUsername(base: string): Promise<string> {
  const clean = base.toLowerCase().replace(/[^a-z0-9_.-]/g, "") || "user";
  for (let suffix = 0; ; suffix += 1) {
    const candidate = suffix === 0 ? clean : `${clean}${suffix}`;
    if (!(await db.user.findUnique({ where: { username: candidate } }))) return candidate;
  }
}

export async function createUser(input: {
  email: string;
  username: string;
  name: string;
  password: string;
  isOwner?: boolean;
}): Promise<SignedInUser> {
  return db.user.create({
    data: {
      email: input.email.toLowerCase(),
      username: input.username.toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      isOwner: input.isOwner ?? false,
    },
  });
}
