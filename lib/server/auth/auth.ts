// Sign-in (Auth.js / next-auth v5). Credentials always; GitHub and a generic OIDC provider when their environment
// variables are set. Sessions are JWTs holding only the user id; every request re-reads the user from the database.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { linkExternalIdentity } from "@/lib/server/auth/users";
import { checkCredentialsLimited } from "@/lib/server/auth/rate-limit";
import { sessionMaxAgeSeconds } from "@/lib/server/auth/session-lifetime";

const credentialsSchema = z.object({ login: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

/** Too many failed attempts for this account or address; `retryAfterSeconds` says when to try again. */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts; retry in ${retryAfterSeconds} s.`);
  }
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
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
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
