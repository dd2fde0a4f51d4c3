// Bench instrumentation, loaded with NODE_OPTIONS=--import: when a command is about to start its run() (its module
// imported, oclif's init done), prints the milliseconds since the process started, the CPU milliseconds and the
// command id, and exits, so the bench times how long each command takes to reach its own work without doing it.
import {performance} from 'node:perf_hooks'
import process from 'node:process'

// The Command class of the built CLI: oclif is bundled into dist/ (scripts/build.js) and bin/run.js starts it from
// there; loading that file here first costs nothing extra (bin/run.js finds it loaded).
import {Command} from '../../dist/oclif.js'

const init = Command.prototype.init
Command.prototype.init = async function (...args) {
  await init.apply(this, args)
  const cpu = process.cpuUsage()
  process.stderr.write(`FITGAP_RUN_AT ${performance.now().toFixed(1)} ${((cpu.user + cpu.system) / 1000).toFixed(1)} ${this.id}\n`)
  process.exit(0)
}
