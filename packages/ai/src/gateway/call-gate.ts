import type { LanguageModelMiddleware } from 'ai';

/**
 * Holds a model's request until `proceed` resolves. Wrapping the model (rather than waiting
 * before the call) lets everything before the request — the AI SDK's checks and conversion of
 * the prompt under `streamText` — run while the caller is still waiting for something else, and
 * the request leave the moment it may. `false` refuses the call: nothing is sent.
 */
export function callGate(
  proceed: PromiseLike<boolean>,
  on: {
    /** The call may go: runs once, before the first request. */
    opened(): void;
    /** The error the call fails with when refused. */
    refused(): Error;
  },
): LanguageModelMiddleware {
  let open = false;
  const pass = async () => {
    if (open) return;
    if (!(await proceed)) throw on.refused();
    open = true;
    on.opened();
  };
  return {
    specificationVersion: 'v3',
    wrapStream: async ({ doStream }) => {
      await pass();
      return doStream();
    },
    wrapGenerate: async ({ doGenerate }) => {
      await pass();
      return doGenerate();
    },
  };
}
