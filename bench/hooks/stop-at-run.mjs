// Bench instrumentation, loaded with NODE_OPTIONS=--import: when a command is about to start its run() (its module
// imported, oclif's init done), prints the milliseconds since the process started, the CPU milliseconds and the
// command id, and exits, so the bench times how long each command takes to reach its own work without doing it.
import {performance} from 'node:perf_hooks'
import process from 'node:process'

// oclif's Command module, not its index: the index runs start-up checks whose settings bin/run.js chooses, and
// loading it here, before bin/run.js, would time checks the CLI does not do.
import {Command} from '@oclif/core/command'

const init = Command.prototype.init
Command.prototype.init = async function (...args) {
  await init.apply(this, args)
  const cpu = process.cpuUsage()
  process.stderr.write(`FITGAP_RUN_AT ${performance.now().toFixed(1)} ${((cpu.user + cpu.system) / 1000).toFixed(1)} ${this.id}\n`)
  process.exit(0)
}
