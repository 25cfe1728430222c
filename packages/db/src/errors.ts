/**
 * Whether a database error (or one it wraps: drizzle wraps driver errors as their `cause`) is a
 * foreign key violation, SQLSTATE 23503. Both drivers (postgres.js, PGlite) carry the code.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === '23503') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
