// How long a sign-in lasts. Sessions are JWTs (nothing to revoke server-side), so a bounded lifetime is what ends
// a forgotten session; SIFT_SESSION_HOURS lets an operator shorten or lengthen it.
const DEFAULT_SESSION_HOURS = 12;

/** SIFT_SESSION_HOURS in seconds; the default (12 h) when unset or not a positive number. */
export function sessionMaxAgeSeconds(value = process.env.SIFT_SESSION_HOURS): number {
  const hours = Number(value);
  return Math.round((value && Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_SESSION_HOURS) * 60 * 60);
}
