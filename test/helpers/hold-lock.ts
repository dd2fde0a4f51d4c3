import {withWorkspaceLock} from '../../src/workspace/lock.js'

/**
 * Holds the workspace lock in this process as a running `fitgap analyze` until `release` is called; `then` runs
 * once it is released. (test/commands/lock-every-writer.test.ts holds it from another process instead.)
 */
export async function holdWorkspaceLock(root: string, then?: () => void): Promise<{release: () => void; done: Promise<void>}> {
  let release!: () => void
  let held!: () => void
  const holding = new Promise<void>((resolve) => (held = resolve))
  const done = withWorkspaceLock(root, 'analyze', async () => {
    held()
    await new Promise<void>((resolve) => (release = resolve))
    then?.()
  })
  await holding
  return {release, done}
}
