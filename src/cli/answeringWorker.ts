import {
  MessageChannel,
  type MessagePort,
  parentPort,
  receiveMessageOnPort,
  Worker,
  workerData,
} from 'node:worker_threads';

/** The key of `workerData` that carries the port a worker answers on. */
const ANSWERS = 'answers';

/**
 * A worker thread that answers on a port of its own rather than on the worker itself. A worker's 'error' or 'exit'
 * event can reach this thread before answers it posted just before dying; answers on a port of our own can be read
 * then, at once (`receiveMessageOnPort`), so a job the worker finished is settled with its answer, and only the job it
 * was running fails.
 */
export class AnsweringWorker<Answer> {
  private readonly worker: Worker;
  private readonly answers: MessagePort;
  private stopped = false;

  /**
   * `data` is the worker's `workerData`, the answer port added; `answered` gets each answer in the order sent,
   * `died` is called once, after every answer sent before the worker died.
   */
  constructor(
    url: URL,
    data: object | undefined,
    answered: (answer: Answer) => void,
    died: (why: string, stack?: string) => void,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.answers = port1;
    this.worker = new Worker(url, { workerData: { ...data, [ANSWERS]: port2 }, transferList: [port2] });
    port1.on('message', answered);
    const end = (why: string, stack?: string): void => {
      if (this.stopped) return;
      this.stop();
      for (let left = receiveMessageOnPort(port1); left; left = receiveMessageOnPort(port1))
        answered(left.message as Answer);
      this.answers.close();
      died(why, stack);
    };
    this.worker.on('error', (error: Error) => end(`failed: ${error.message}`, error.stack));
    this.worker.on('exit', (code: number) => end(`exited with code ${code}`));
  }

  /** Send the worker a message; one stopped, or dead, takes none. */
  post(message: unknown): void {
    if (!this.stopped) this.worker.postMessage(message);
  }

  /** Stop the worker without calling `died`; answers not yet read are dropped. */
  async close(): Promise<void> {
    if (!this.stopped) this.stop();
    this.answers.close();
    await this.worker.terminate();
  }

  private stop(): void {
    this.stopped = true;
    this.worker.removeAllListeners();
    this.answers.removeAllListeners();
    void this.worker.terminate();
  }
}

/** In a worker started by AnsweringWorker: the port to answer on (the parent port in a worker started otherwise). */
export function answerPort(): MessagePort | null {
  const port = (workerData as Record<string, unknown> | null)?.[ANSWERS];
  return (port as MessagePort | undefined) ?? parentPort;
}
