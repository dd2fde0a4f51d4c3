#!/usr/bin/env node
/**
 * `npm run build`: the CLI as a few bundled ES modules in dist/ (esbuild), then the oclif manifest.
 *
 * Why a bundle: a command used to load ~200 small files (our modules, zod's 95, yaml's, oclif's ~150) and Node
 * spends most of a command's start resolving, reading and compiling them one by one. Each command
 * (dist/commands/**.js), the hook and oclif (dist/oclif.js, what bin/run.js starts) are entry points; code shared by
 * several goes into chunks next to them (dist/chunk-*.js), and a dynamic import() stays a separate file loaded only
 * when the command reaches it (exceljs, ink/react, the dictionaries and the matcher stay out of a command's start).
 *
 * Left outside the bundle (loaded from node_modules as before, on first use): exceljs (src/io/exceljs.ts),
 * iconv-lite (src/current/encoding.ts), string-width (src/io/text-width.ts), the Lindera package (its wasm file sits
 * next to it), ink's optional devtools and what oclif loads only in development. Typechecking is
 * `npm run typecheck` (tsc); this only transpiles. With a manifest, oclif loads the commands from dist/ in the
 * in-process tests too (as it did with tsc's output); without one (bin/dev.js, a stale build) it runs src/. The
 * built CLI itself is checked by test/scripts/build.test.ts.
 * The output is deterministic: same sources and lockfile, same bytes (chunk names are hashes of their content).
 */
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT = path.join(ROOT, 'dist')

function entries(dir) {
  return readdirSync(path.join(ROOT, dir), {withFileTypes: true, recursive: true})
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
}

/**
 * What the bundle was built from (every source file and the lockfile): caches keyed by our code's files use it
 * in the bundle, where those files do not exist (src/build-id.ts).
 */
function buildId() {
  const hash = createHash('sha256')
  for (const file of [...entries('src'), 'package-lock.json']) hash.update(`${file}\n`).update(readFileSync(path.join(ROOT, file)))
  return hash.digest('hex').slice(0, 32)
}

rmSync(OUT, {recursive: true, force: true})
const result = await build({
  absWorkingDir: ROOT,
  // oclif itself too (dist/oclif.js, for bin/run.js): bundled, its ~150 CommonJS files cost half as much to load.
  // The dictionary loader too, for `npm run bench`, which times it alone. (Lindera's worker thread runs an eval'd
  // source that imports the package from node_modules, so it needs no file of its own.)
  entryPoints: [
    ...entries('src/commands'),
    ...entries('src/hooks'),
    'src/oclif.ts',
    'src/matching/dictionary-loader.ts',
  ],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  define: {
    FITGAP_BUILD_ID: JSON.stringify(buildId()),
    // oclif checks the running Node against its own `engines` with semver on every start; npm checks ours
    // (package.json engines) at install.
    'process.env.OCLIF_DISABLE_ENGINE_WARNING': '"1"',
  },
  // Whitespace and syntax only, less text to parse; identifiers keep their names (readable stack traces). No
  // keepNames: its ~1,000 defineProperty calls at load cost more than the rare renamed class (Command2) is worth.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  chunkNames: 'chunk-[hash]',
  // Loaded at run time from node_modules, only when used; the last four are oclif's for development setups (tsx, ts-node, Yarn PnP).
  external: ['exceljs', 'iconv-lite', 'lindera-wasm-nodejs-ipadic', 'react-devtools-core', 'typescript', 'ts-node', 'tsx', 'pnpapi'],
  // Bundled CommonJS packages (js-yaml, iconv-lite, proper-lockfile…) call require() for Node's own modules.
  banner: {js: "import {createRequire as __fitgapCreateRequire} from 'node:module';const require=__fitgapCreateRequire(import.meta.url);"},
  logLevel: 'warning',
  metafile: Boolean(process.env.FITGAP_BUILD_META),
})
// FITGAP_BUILD_META=file: what went into each output file, for size work (https://esbuild.github.io/analyze/).
if (process.env.FITGAP_BUILD_META) writeFileSync(process.env.FITGAP_BUILD_META, JSON.stringify(result.metafile))
// The oclif developer tool otherwise prints a notice about its own newer releases on every build (the demo's first lines).
execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'oclif', 'bin', 'run.js'), 'manifest'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'},
})
// oclif lists the commands in the order its file search found them, which varies from run to run: sorted, the
// manifest is the same file for the same sources.
const MANIFEST = path.join(ROOT, 'oclif.manifest.json')
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'))
manifest.commands = Object.fromEntries(Object.keys(manifest.commands).sort().map((id) => [id, manifest.commands[id]]))
writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2))
