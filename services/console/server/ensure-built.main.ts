import { buildConsole, ensureConsoleBuilt } from './console-build';

// `npm run build:console` (and `prestart`, `pretest`): builds only when the sources changed; `-- --force` always.
try {
  if (process.argv.includes('--force')) buildConsole();
  else ensureConsoleBuilt((line) => process.stderr.write(`${line}\n`));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
