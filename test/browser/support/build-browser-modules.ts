// The verify page loads compiled ES modules from dist/ (see docs/web.md). Browser tests compile just the
// browser entry point and what it imports into dist/ when those files are missing or older than src/,
// which takes seconds, rather than a whole `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ENTRY = join('src', 'web', 'browser', 'verify-page.ts');
const OUTPUT = join('dist', 'web', 'browser', 'verify-page.js');
const SOURCES = [
  join('src', 'web', 'browser'),
  join('src', 'web', 'verdict.ts'),
  join('src', 'labels'),
  join('src', 'gs1'),
  join('src', 'errors.ts'),
  join('src', 'calendar.ts'),
  join('src', 'encoding'),
];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function ensureBrowserModules(): void {
  if (existsSync(OUTPUT) && statSync(OUTPUT).mtimeMs >= Math.max(...SOURCES.map(newest))) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [
      tsc,
      '--ignoreConfig',
      '--rootDir',
      'src',
      '--outDir',
      'dist',
      '--target',
      'ES2022',
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--lib',
      'ES2023,DOM',
      '--types',
      'node',
      '--strict',
      '--skipLibCheck',
      '--verbatimModuleSyntax',
      '--resolveJsonModule',
      ENTRY,
    ],
    { stdio: 'inherit' },
  );
}
