import { quoted } from '../../src/clinical/bundle';
import { demoPatients, demoSurgeonResource, type DemoPatient } from '../patients';
import { transactionBundles } from '../patients/transaction';

/**
 * Loads the demo patients into a FHIR R4 server with transactions of `PUT`s (see
 * patients/transaction.ts), so that the app can be tried with them on any sandbox. The charts are
 * dated relative to midnight UTC of the day, so loading again the same day writes identical
 * resources: HAPI keeps them at the version they have.
 */

export interface LoadOptions {
  /** the FHIR base URL */
  server: string;
  bearer?: string;
  /** the day the charts are relative to (default: today, midnight UTC) */
  now?: Date;
  /** load only these demo patients (default: all) */
  only?: (patient: DemoPatient) => boolean;
  fetchImpl?: typeof fetch;
  /** one line per transaction sent */
  onProgress?: (line: string) => void;
}

export interface LoadSummary {
  transactions: number;
  /** resources the server created (201) */
  created: number;
  /** resources the server already had (200): updated, or kept as they were */
  existing: number;
  /** "Type/id" → the version the server holds after the load */
  versions: Map<string, string>;
}

/** A load the server refused, with its reason (quoted and cut: it is the server's text). */
export class LoadError extends Error {
  override readonly name = 'LoadError';
}

export const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

export function loadDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function loadDemoPatients(options: LoadOptions): Promise<LoadSummary> {
  const base = options.server.replace(/\/+$/, '');
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  const patients = demoPatients(loadDay(options.now)).filter(options.only ?? (() => true));
  const bundles = transactionBundles(base, patients, [demoSurgeonResource()]);
  const summary: LoadSummary = { transactions: 0, created: 0, existing: 0, versions: new Map() };
  for (const [i, bundle] of bundles.entries()) {
    let response: Response;
    try {
      response = await fetchImpl(base, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/fhir+json',
          Accept: 'application/fhir+json',
          ...(options.bearer !== undefined && { Authorization: `Bearer ${options.bearer}` }),
        },
        body: JSON.stringify(bundle),
        signal: AbortSignal.timeout(TRANSACTION_TIMEOUT_MS),
      });
    } catch (error) {
      throw new LoadError(
        `transaction ${i + 1} of ${bundles.length}: the server could not be reached (${quoted(error instanceof Error ? error.message : String(error))})`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new LoadError(
        `transaction ${i + 1} of ${bundles.length} refused with HTTP ${response.status}: ${quoted(reasonOf(text), 400)}`,
      );
    }
    const entries = entriesOf(text);
    if (!entries || entries.length !== bundle.entry?.length) {
      throw new LoadError(
        `transaction ${i + 1} of ${bundles.length}: the answer is not a transaction-response with one entry per resource`,
      );
    }
    entries.forEach((entry, j) => {
      const request = bundle.entry?.[j]?.request;
      const status = String(entry.response?.status ?? '');
      if (status.startsWith('201')) summary.created++;
      else summary.existing++;
      const version = versionOf(entry.response);
      if (request && version) summary.versions.set(request.url, version);
    });
    summary.transactions++;
    options.onProgress?.(
      `transaction ${i + 1} of ${bundles.length}: ${bundle.entry?.length ?? 0} resources (HTTP ${response.status})`,
    );
  }
  return summary;
}

function entriesOf(text: string): fhir4.BundleEntry[] | undefined {
  try {
    const body = JSON.parse(text) as Partial<fhir4.Bundle>;
    return body.resourceType === 'Bundle' && body.type === 'transaction-response' && Array.isArray(body.entry)
      ? body.entry
      : undefined;
  } catch {
    return undefined;
  }
}

/** The OperationOutcome's diagnostics, else the start of the body. */
function reasonOf(text: string): string {
  try {
    const body = JSON.parse(text) as Partial<fhir4.OperationOutcome>;
    const said = (body.issue ?? []).map((issue) => issue.diagnostics ?? issue.details?.text ?? '').filter(Boolean);
    if (said.length > 0) return said.join('; ');
  } catch {
    // not JSON: an HTML error page or plain text
  }
  return text.slice(0, 200);
}

/** The version from the entry's etag (W/"3") or its location (…/_history/3). */
function versionOf(response: fhir4.BundleEntryResponse | undefined): string | undefined {
  return /^W\/"([^"]+)"$/.exec(response?.etag ?? '')?.[1] ?? /\/_history\/([^/]+)$/.exec(response?.location ?? '')?.[1];
}
