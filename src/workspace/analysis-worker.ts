/** A worker thread of {@link runAnalysisInParallel}: analyses the 業務 it takes and sends each report back. */
import {parentPort, workerData} from 'node:worker_threads'

import {InputError} from '../errors.js'
import {type AnalysisJob, type AnalysisMessage, takeFront} from './parallel-analysis.js'
import {analyseArea} from './run-analysis.js'

const {workspace, areas, suggest, worker, queue} = workerData as AnalysisJob
for (let index: number | undefined = worker < areas.length ? worker : takeFront(queue); index !== undefined; index = takeFront(queue)) {
  let message: AnalysisMessage
  try {
    message = {index, report: analyseArea(workspace, areas[index]!, {suggest})}
  } catch (error) {
    const problems = error instanceof InputError ? {problems: error.problems} : {}
    message = {index, error: {message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined, ...problems}}
  }
  parentPort!.postMessage(message)
}
