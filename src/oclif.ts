// The entry of oclif in the built CLI (dist/oclif.js, started by bin/run.js): oclif is bundled with the commands
// (scripts/build.js), so bin/run.js and the commands share one copy of it.
export {Command, execute} from '@oclif/core'
