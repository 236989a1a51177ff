// Sign-in (Auth.js / next-auth v5). Credentials always; GitHub and a generic OIDC provider when their environment
// variables are set. The session cookie is a JWT holding the user id and the id of a server-side session row (`sid`,
// lib/server/auth/sessions.ts); every request re-reads both from the database, so deleting the row ends the session.
import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { linkExternalIdentity } from "@/lib/server/auth/users";
import { checkCredentialsLimited, describeWait } from "@/lib/server/auth/rate-limit";
import { sessionMaxAgeSeconds } from "@/lib/server/auth/session-lifetime";
import { endSession, isSessionId, startSession } from "@/lib/server/auth/sessions";

declare module "next-auth" {
  interface Session {
    /** The server-side session row this cookie stands for. */
    sessionId?: string;
  }
}

const credentialsSchema = z.object({ login: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

/** Too many failed attempts for this account or address; `retryAfterSeconds` says when to try again. */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts; retry in ${retryAfterSeconds} s.`);
  }
}

/** The right temporary password, past its expiry: only someone who knows the password is told. */
export class TemporaryPasswordExpired extends CredentialsSignin {
  code = "temporary_password_expired";
}

const TEMPORARY_PASSWORD_EXPIRED_MESSAGE = "Your temporary password has expired. Ask the instance owner to reset it again.";

/** What the sign-in forms say about a failed sign-in; null for anything else (the redirect of a success). */
export function signInFailureMessage(error: unknown): string | null {
  if (error instanceof SignInRateLimited) return `Too many attempts; try again in ${describeWait(error.retryAfterSeconds)}.`;
  if (error instanceof TemporaryPasswordExpired) return TEMPORARY_PASSWORD_EXPIRED_MESSAGE;
  if (error instanceof AuthError) return "Invalid email, username or password.";
  return null;
}

/** The message for the reason `code` a sign-in posted straight to the Auth.js endpoint comes back with. */
export function signInCodeMessage(code: string | undefined): string | null {
  if (code === "rate_limited") return "Too many attempts; try again in a few minutes.";
  if (code === "temporary_password_expired") return TEMPORARY_PASSWORD_EXPIRED_MESSAGE;
  return null;
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { login: { label: "Email or username" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const outcome = await checkCredentialsLimited(parsed.data.login, parsed.data.password, request.headers);
        if ("retryAfterSeconds" in outcome) throw new SignInRateLimited(outcome.retryAfterSeconds);
        const user = outcome.user;
        if (!user && outcome.temporaryPasswordExpired) throw new TemporaryPasswordExpired();
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ];
  if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) list.push(GitHub);
  if (process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_ID && process.env.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: process.env.AUTH_OIDC_NAME ?? "Single sign-on",
      type: "oidc",
      issuer: process.env.AUTH_OIDC_ISSUER,
      clientId: process.env.AUTH_OIDC_ID,
      clientSecret: process.env.AUTH_OIDC_SECRET,
    });
  }
  return list;
}

const config: NextAuthConfig = {
  providers: providers(),
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  pages: { signIn: "/signin" },
  trustHost: true,
  logger: {
    // A wrong password is an expected event (answered with a generic message), not a server error with a stack.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account && account.type !== "credentials" && user) {
        // An external identity: find or create the Sift user it belongs to.
        const linked = await linkExternalIdentity({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email ?? (typeof profile?.email === "string" ? profile.email : null),
          name: user.name ?? null,
        });
        token.uid = linked.id;
      } else if (user?.id) {
        token.uid = user.id;
      }
      // `user` is present only at sign-in (any provider): that is when the server-side session starts.
      if (user && typeof token.uid === "string") token.sid = await startSession(token.uid, sessionMaxAgeSeconds());
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (isSessionId(token.sid)) session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Sign-out (the Auth.js endpoint and the `signOut` server action both come here) ends the session's row, so a
    // copy of the cookie stops working too.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (isSessionId(sid)) await endSession(sid);
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);

export function enabledExternalProviders(): { id: string; name: string }[] {
  const list: { id: string; name: string }[] = [];
  if (process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_ID && process.env.AUTH_OIDC_SECRET) {
    list.push({ id: "oidc", name: process.env.AUTH_OIDC_NAME ?? "Single sign-on" });
  }
  return list;
}
