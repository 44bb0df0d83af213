export { CONSOLE_DIST, CONSOLE_ROOT, buildConsole, consoleSourcesHash, ensureConsoleBuilt, isConsoleBuilt } from './console-build';
export { serveConsole } from './serve-console';
