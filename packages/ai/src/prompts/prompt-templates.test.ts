import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPromptTemplates } from './prompt-templates.ts';

function yamlFile(content: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'prompts-')), 't.prompts.yaml');
  writeFileSync(file, content);
  return file;
}

describe('prompt templates', () => {
  it('load templates and render them with a version stamp', () => {
    const templates = loadPromptTemplates(
      yamlFile(
        'general.chat:\n  version: "2026-11-24.1"\n  variables: [today, timezone, display_name]\n  system: "Helping {{display_name}} on {{today}} ({{timezone}})"\n',
      ),
    );
    const rendered = templates['general.chat']?.render({
      today: '2026-11-24',
      timezone: 'UTC',
      display_name: 'Ada',
    });
    expect(rendered?.system).toBe('Helping Ada on 2026-11-24 (UTC)');
    expect(rendered?.stamp).toEqual({ id: 'general.chat', version: '2026-11-24.1' });
  });

  it('fail at load on an undeclared placeholder', () => {
    const file = yamlFile('x:\n  version: "1"\n  variables: [a]\n  system: "{{a}} and {{b}}"\n');
    expect(() => loadPromptTemplates(file)).toThrow(/x: \{\{b\}\} is not declared/);
  });

  it('fail at load on a declared variable that is never used', () => {
    const file = yamlFile('x:\n  version: "1"\n  variables: [a, unused]\n  system: "{{a}}"\n');
    expect(() => loadPromptTemplates(file)).toThrow(/variable unused is never used/);
  });

  it('fail at load without a version, and at render on a missing value', () => {
    expect(() => loadPromptTemplates(yamlFile('x:\n  system: hi\n'))).toThrow(/version/);
    const ok = loadPromptTemplates(
      yamlFile('x:\n  version: "1"\n  variables: [a]\n  system: "{{a}}"\n'),
    );
    expect(() => ok.x?.render({})).toThrow(/missing a/);
  });
});
