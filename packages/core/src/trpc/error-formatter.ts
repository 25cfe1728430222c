import type { TRPCError } from '@trpc/server';
import type { DefaultErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { ZodError } from 'zod';
import { DomainError } from '../errors/domain-errors.ts';

export interface WaypointErrorData {
  code: DefaultErrorShape['data']['code'];
  httpStatus: number;
  path?: string;
  /** The domain error's own code (`NOT_FOUND`, `RATE_LIMITED`, ...) when one was thrown. */
  domainCode: string | null;
  /** Dotted field path → messages, for forms. */
  fieldErrors: Record<string, string[]> | null;
  formErrors: string[] | null;
  retryAfterSeconds: number | null;
}

/**
 * Shapes every error the client sees: zod issues flattened by field, the domain code, and a
 * generic message for anything unexpected. Stacks and internal messages never leave the server.
 */
export function formatError({
  shape,
  error,
}: {
  shape: DefaultErrorShape;
  error: TRPCError;
}): DefaultErrorShape & { data: WaypointErrorData } {
  const cause = error.cause;
  const domain = cause instanceof DomainError ? cause : null;
  const validation = cause instanceof ZodError ? flattenIssues(cause) : null;
  const { stack: _stack, ...data } = shape.data;

  let message = shape.message;
  if (error.code === 'INTERNAL_SERVER_ERROR') message = 'Something went wrong on our side';
  else if (validation) message = validation.summary;

  return {
    ...shape,
    message,
    data: {
      ...data,
      domainCode: domain?.code ?? null,
      fieldErrors:
        validation?.fieldErrors ??
        (domain?.details.fieldErrors as Record<string, string[]> | undefined) ??
        null,
      formErrors: validation?.formErrors ?? null,
      retryAfterSeconds: (domain?.details.retryAfterSeconds as number | undefined) ?? null,
    },
  };
}

function flattenIssues(error: ZodError) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    if (issue.path.length === 0) {
      formErrors.push(issue.message);
      continue;
    }
    const key = issue.path.map(String).join('.');
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  const [firstField, firstMessages] = Object.entries(fieldErrors)[0] ?? [];
  const summary = firstField
    ? `Invalid input: ${firstField}: ${firstMessages?.[0]}`
    : `Invalid input: ${formErrors[0] ?? 'rejected'}`;
  return { fieldErrors, formErrors, summary };
}
