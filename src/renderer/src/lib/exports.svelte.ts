import type { ExportOutcome } from '../../../shared/domain/export';
import { ApiError } from '../../../shared/errors';
import type { CallInput } from '../../../shared/ipc/contract';
import { bridgeDownloadHref } from '../bridge/http-transport';
import { api } from './api';
import { errorText } from './display';
import { preferences } from './preferences.svelte';

export type ExportJob = {
  jobId: string;
  done: number;
  total: number;
  etaMs: number | null;
} & (
  | { phase: 'running' }
  | { phase: 'done'; outcome: Extract<ExportOutcome, { status: 'done' }> }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string }
);

type PdfInput = Omit<CallInput<'export.pdf'>, 'jobId' | 'locale'>;
type CsvInput = Omit<CallInput<'export.csv'>, 'jobId' | 'locale'>;

/**
 * The one export at a time the window shows in its notice: started here, followed through `export.progress`, then
 * opened (the app) or downloaded (the preview). The main process asks where to save; the window never names a path.
 */
class Exports {
  job = $state<ExportJob | null>(null);
  #listening = false;

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    api().on('export.progress', (p) => {
      if (this.job?.jobId === p.jobId && this.job.phase === 'running')
        this.job = { ...this.job, done: p.done, total: p.total, etaMs: p.etaMs };
    });
  }

  get running(): boolean {
    return this.job?.phase === 'running';
  }

  pdf(input: PdfInput): Promise<void> {
    return this.#run((jobId) => api().call('export.pdf', { ...input, jobId, locale: preferences.locale }));
  }

  csv(input: CsvInput): Promise<void> {
    return this.#run((jobId) => api().call('export.csv', { ...input, jobId, locale: preferences.locale }));
  }

  async #run(start: (jobId: string) => Promise<ExportOutcome>): Promise<void> {
    if (this.running) return;
    this.#listen();
    const jobId = crypto.randomUUID();
    this.job = { jobId, phase: 'running', done: 0, total: 0, etaMs: null };
    const counts = () => ({ jobId, done: this.job?.done ?? 0, total: this.job?.total ?? 0, etaMs: null });
    try {
      const outcome = await start(jobId);
      if (outcome.status === 'dismissed') {
        this.job = null;
        return;
      }
      this.job = { ...counts(), phase: 'done', outcome };
      if (outcome.download) download(bridgeDownloadHref(outcome.download), outcome.name);
    } catch (reason) {
      this.job =
        reason instanceof ApiError && reason.code === 'CANCELLED'
          ? { ...counts(), phase: 'cancelled' }
          : { ...counts(), phase: 'failed', message: errorText(reason) };
    }
  }

  cancel(): void {
    if (this.job?.phase === 'running') void api().call('export.cancel', { jobId: this.job.jobId });
  }

  async open(reveal: boolean): Promise<void> {
    if (this.job?.phase !== 'done') return;
    try {
      await api().call('export.open', { jobId: this.job.jobId, reveal });
    } catch (reason) {
      this.job = { ...this.job, phase: 'failed', message: errorText(reason) };
    }
  }

  dismiss(): void {
    if (!this.running) this.job = null;
  }
}

function download(href: string, name: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

export const exports = new Exports();
