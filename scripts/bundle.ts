/**
 * Bundles the compiled CLI (dist/src/cli.js) and its worker (dist/src/cli/worker.js) into dist/bin/,
 * the files users run. Why: unbundled, a process resolves, compiles and links ~460 ES modules
 * (zod, micromark, mdast utilities, cheerio…) before it does any work, and each `--jobs` worker
 * pays that again. Run by `npm run build` after tsc.
 *
 * Code splitting keeps one copy of the code the CLI and the worker share (one chunk beside both
 * entries, where pool.ts's `new URL('./worker.js', import.meta.url)` finds the worker), and keeps the
 * subcommands' lazy `import()`s lazy chunks, so `--help` loads little more than commander.
 */
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../src/tool/projectRoot.js';

const root = projectRoot();
const outdir = join(root, 'dist', 'bin');

// Bundled CommonJS packages (commander, iconv-lite…) call require() for Node's built-ins; an ES
// module has no require, so every chunk gets one.
const banner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// Chunk names carry a content hash, so old ones would pile up.
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/src/cli.js', worker: 'dist/src/cli/worker.js', writer: 'dist/src/cli/writer.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: banner },
  // Chained through tsc's maps to src/*.ts, for `node --enable-source-maps` (`--debug` stack
  // traces); without that flag Node never reads them, so start-up does not pay for them.
  sourcemap: 'linked',
  // DuckDB's bindings load a native .node file picked per platform at run time: it stays a package
  // import, resolved from node_modules when `corpus` or `diff` runs.
  external: ['@duckdb/node-api', '@duckdb/node-bindings'],
  logLevel: 'warning',
});
chmodSync(join(outdir, 'cli.js'), 0o755);
