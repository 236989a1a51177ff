// How long a sign-in and a temporary password last. A session also ends earlier when its server-side row is deleted
// (lib/server/auth/sessions.ts); the bounded lifetime is what ends a forgotten one. Operators tune both in hours.
const DEFAULT_SESSION_HOURS = 12;
// Long enough to hand a password over a weekend or across time zones, short enough that one left in a chat or an
// email stops working soon: the owner resets it again if it expired unused.
const DEFAULT_TEMPORARY_PASSWORD_HOURS = 72;

function hoursInSeconds(value: string | undefined, fallbackHours: number): number {
  const hours = Number(value);
  return Math.round((value && Number.isFinite(hours) && hours > 0 ? hours : fallbackHours) * 60 * 60);
}

/** SIFT_SESSION_HOURS in seconds; the default (12 h) when unset or not a positive number. */
export function sessionMaxAgeSeconds(value = process.env.SIFT_SESSION_HOURS): number {
  return hoursInSeconds(value, DEFAULT_SESSION_HOURS);
}

/** SIFT_TEMPORARY_PASSWORD_HOURS in seconds: how long a password the owner made stays valid unused (default 72 h). */
export function temporaryPasswordMaxAgeSeconds(value = process.env.SIFT_TEMPORARY_PASSWORD_HOURS): number {
  return hoursInSeconds(value, DEFAULT_TEMPORARY_PASSWORD_HOURS);
}
