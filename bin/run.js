#!/usr/bin/env node
// oclif checks the running Node against its own `engines` with semver on every start (a sixth of its load time);
// npm checks ours (package.json engines) at install, so that check is skipped.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
const {execute} = await import('@oclif/core')

await execute({dir: import.meta.url})
