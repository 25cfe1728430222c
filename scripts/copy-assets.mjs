// tsc emits only what it compiles; prompt templates (YAML) and SQL beside the sources are
// copied into dist/ so the built package finds them at the same relative paths.
import { cpSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const assetExtensions = ['.yaml', '.yml', '.sql'];
const src = join(process.cwd(), 'src');
if (existsSync(src)) {
  cpSync(src, join(process.cwd(), 'dist'), {
    recursive: true,
    filter: (path) => statSync(path).isDirectory() || assetExtensions.some((e) => path.endsWith(e)),
  });
}
