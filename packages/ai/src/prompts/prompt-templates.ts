import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

const templateSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  variables: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/)).default([]),
  system: z.string().min(1),
  user: z.string().optional(),
});

export type PromptVariables = Record<string, string | number>;

export interface PromptTemplate {
  id: string;
  version: string;
  variables: readonly string[];
  /** Fills the template; every declared variable must be given. */
  render(variables: PromptVariables): {
    system: string;
    user?: string;
    stamp: { id: string; version: string };
  };
}

export class PromptTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptTemplateError';
  }
}

/**
 * Loads a YAML file of templates keyed by id and checks them now, at start-up: a placeholder
 * that is not declared, or a declared variable that is never used, fails the load naming the
 * file, template and variable.
 */
export function loadPromptTemplates(file: URL | string): Record<string, PromptTemplate> {
  const path = typeof file === 'string' ? file : file.pathname;
  const raw = parse(readFileSync(file, 'utf8')) as unknown;
  if (!raw || typeof raw !== 'object')
    throw new PromptTemplateError(`${path}: expected a map of templates`);
  const templates: Record<string, PromptTemplate> = {};
  for (const [id, value] of Object.entries(raw)) {
    const parsed = templateSchema.safeParse(value);
    if (!parsed.success) {
      throw new PromptTemplateError(`${path} › ${id}: ${z.prettifyError(parsed.error)}`);
    }
    const template = parsed.data;
    const used = new Set([...placeholders(template.system), ...placeholders(template.user ?? '')]);
    for (const name of used) {
      if (!template.variables.includes(name)) {
        throw new PromptTemplateError(`${path} › ${id}: {{${name}}} is not declared in variables`);
      }
    }
    for (const name of template.variables) {
      if (!used.has(name))
        throw new PromptTemplateError(`${path} › ${id}: variable ${name} is never used`);
    }
    templates[id] = compile(id, template);
  }
  return templates;
}

function compile(id: string, template: z.infer<typeof templateSchema>): PromptTemplate {
  const fill = (text: string, variables: PromptVariables) =>
    text.replace(PLACEHOLDER, (_match, name: string) => String(variables[name]));
  return {
    id,
    version: template.version,
    variables: template.variables,
    render(variables) {
      const missing = template.variables.filter((name) => variables[name] === undefined);
      if (missing.length > 0) {
        throw new PromptTemplateError(`${id}: missing ${missing.join(', ')}`);
      }
      return {
        system: fill(template.system, variables),
        ...(template.user ? { user: fill(template.user, variables) } : {}),
        stamp: { id, version: template.version },
      };
    },
  };
}

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}
