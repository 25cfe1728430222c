/** GoTrue's error codes and statuses, so supabase-js maps them to the same errors it does there. */
export type AuthErrorCode =
  | 'user_already_exists'
  | 'weak_password'
  | 'invalid_credentials'
  | 'validation_failed'
  | 'email_address_invalid'
  | 'refresh_token_not_found'
  | 'refresh_token_already_used'
  | 'session_not_found'
  | 'bad_jwt'
  | 'no_authorization'
  | 'unsupported_grant_type'
  | 'invalid_api_key'
  | 'not_found'
  | 'over_request_rate_limit';

export class AuthApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: AuthErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuthApiError';
  }
}
