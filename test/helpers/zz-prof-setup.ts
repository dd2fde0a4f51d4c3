import {Session} from 'node:inspector'
import {writeFileSync} from 'node:fs'
const g = globalThis as {__prof?: Session}
if (!g.__prof) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', {interval: 1000})
  session.post('Profiler.start')
  g.__prof = session
  const stop = () => {
    session.post('Profiler.stop', (err, {profile}) => {
      if (!err) writeFileSync(`/tmp/speed/vprof/${process.pid}-${Date.now()}.cpuprofile`, JSON.stringify(profile))
    })
  }
  process.on('exit', stop)
  process.on('SIGTERM', () => { stop(); process.exit(0) })
}
