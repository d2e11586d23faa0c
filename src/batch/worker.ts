/**
 * The worker thread's entry (tinypool loads it once per thread): converts one input per task.
 * Module state is per thread, so each worker loads SaxonJS, the compiled stylesheets, the
 * schemas and the registers once, and never shares them with another thread.
 */
import Tinypool from 'tinypool';
import { runTask, type TaskInput, type TaskOutput, type ThreadSettings } from './task.js';

const settings = (Tinypool.workerData ?? { textLayout: 'raw' }) as ThreadSettings;

export default function convert(task: TaskInput): TaskOutput {
  return runTask(task, settings);
}
