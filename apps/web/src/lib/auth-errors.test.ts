import { describe, expect, it } from 'vitest';
import { authErrorMessage } from './auth-errors';

describe('authErrorMessage', () => {
  it('explains known Supabase error codes', () => {
    expect(authErrorMessage({ code: 'invalid_credentials', status: 400 })).toMatch(/do not match/);
    expect(authErrorMessage({ code: 'user_already_exists', status: 422 })).toMatch(
      /already exists/,
    );
    expect(authErrorMessage({ code: 'weak_password', status: 422 })).toMatch(/8 characters/);
  });

  it('says the server is unreachable on network failures', () => {
    expect(authErrorMessage({ status: 0, message: 'fetch failed' })).toMatch(/cannot reach/);
    expect(authErrorMessage({ status: 503, message: 'x' })).toMatch(/cannot reach/);
  });

  it('falls back to the server message for other client errors', () => {
    expect(authErrorMessage({ status: 400, message: 'Odd request' })).toBe('Odd request');
  });
});
