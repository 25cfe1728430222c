/** Supabase auth error codes, said the way a person would want to hear them. */
const MESSAGES: Record<string, string> = {
  user_already_exists: 'An account with this email already exists. Try signing in instead.',
  weak_password: 'That password is too short. Use at least 8 characters.',
  invalid_credentials: 'That email and password do not match. Check them and try again.',
  email_address_invalid: 'That does not look like an email address.',
  over_request_rate_limit: 'Too many attempts. Wait a minute and try again.',
  validation_failed: 'Enter your email and password.',
};

export function authErrorMessage(error: { code?: string; message?: string; status?: number }) {
  if (error.code && MESSAGES[error.code]) return MESSAGES[error.code] as string;
  if (error.status === 0 || error.status === undefined || error.status >= 500) {
    return 'We cannot reach the Waypoint server right now. Check that it is running and try again.';
  }
  return error.message ?? 'Something went wrong. Please try again.';
}
