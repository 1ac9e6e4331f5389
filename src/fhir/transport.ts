/**
 * The one way the app talks to a FHIR server: the app's own `fetch` (fetch-transport.ts), with the
 * authorization fhirclient keeps and refreshes in the browser (browser-transport.ts), or an
 * optional bearer token in Node (CLI, benchmark). Relative URLs are resolved against the FHIR base.
 */
export interface FhirRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface FhirResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface FhirTransport {
  readonly baseUrl: string;
  /** resolves for 2xx with the parsed JSON body; rejects with a FhirError otherwise */
  request<T = unknown>(request: FhirRequest): Promise<FhirResponse<T>>;
  /**
   * The browser's session ends on a 401 (browser-transport.ts): `listener` is called once it has
   * ended (at once when it already has); returns the unsubscribe. A fixed token (Node) has none.
   */
  onSessionEnded?(listener: () => void): () => void;
}
