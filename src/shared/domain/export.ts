import type { ErrorInfo } from '../errors';
import type { Address } from './order';

/** The sender block of the content declaration; kept per store on this computer, never sent to the API. */
export type SenderData = { name: string; /** CPF or CNPJ, digits or punctuated. */ taxId: string | null } & Pick<
  Address,
  'street' | 'number' | 'complement' | 'neighborhood' | 'city' | 'uf' | 'zipcode'
>;

/** How an export call ended: written (what the renderer may do next), or the person closed the dialog. */
export type ExportOutcome =
  | {
      jobId: string;
      status: 'done';
      /** The file's name (or the folder's) for the notice; never a full path. */
      name: string;
      files: number;
      orders: number;
      pages: number;
      /** The preview's one-time download URL; null in the app, which opens the file instead. */
      download: string | null;
      /** Whether `export.open` can open it and show it in its folder (the app; not the preview). */
      canOpen: boolean;
    }
  | { jobId: string; status: 'dismissed' };

export interface ExportProgressEvent {
  jobId: string;
  done: number;
  total: number;
  etaMs: number | null;
}

export type ExportFinished = { jobId: string } & (
  { ok: true; outcome: ExportOutcome } | { ok: false; error: ErrorInfo }
);

export interface ReviewManyResult {
  updated: number;
}
