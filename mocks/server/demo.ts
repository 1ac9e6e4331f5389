import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getResponse } from 'msw';
import { builtInlineCode, securityHeaders } from '../../deploy/policy';
import { parseSiteConfig, SITE_FILE_NAME } from '../../src/smart/config';
import { createDemoEhr, type DemoEhr } from '../ehr';
import type { Faults } from '../ehr/faults';
import { loadSamplePatients } from '../patients/samples';

/**
 * Serves the demo over HTTP on localhost: the demo EHR (the very MSW handlers the tests use,
 * resolved by MSW for each node:http request) and the app, either through Vite's dev server or
 * as the demo build in dist-demo/ (what the browser tests test), with the headers a hospital's
 * web server sends (deploy/policy.ts).
 */

export interface DemoOptions {
  ehrPort: number;
  appPort: number;
  app: 'dev' | 'dist';
  /** the app's host (default localhost); 127.0.0.1 puts it on another site than the demo EHR, as a hospital's EHR and app are */
  appHost?: 'localhost' | '127.0.0.1';
  /** the demo EHR's FHIR base path (default /fhir); the SMART App Launcher's EHR launch form is /v/r4/fhir */
  fhirPath?: string;
  /** delay every EHR answer (benchmark) */
  latencyMs?: number;
  /** delay every answer of the app's own server too (benchmark: the workstation is as far from it as from the EHR) */
  appLatencyMs?: number;
  /**
   * pages the app's server answers with instead of the build's, by path, without the app's headers
   * (the benchmark's network floor: a launch that does only the redirects and the reads)
   */
  appPages?: Record<string, string>;
  /** with app 'dist': the build folder to serve (default dist-demo/; the benchmark compares an earlier build) */
  appDir?: string;
  /** load the public sample patients of mocks/patients/fhir-samples (default true) */
  samples?: boolean;
  /** the moment the demo charts are relative to (default: now) */
  now?: Date;
  /** stand in front of this FHIR R4 server instead of the demo's own data (`npm start -- --fhir URL`) */
  fhir?: string;
}

export interface RunningDemo {
  /** the launcher page is `<ehrUrl>/` */
  ehrUrl: string;
  appUrl: string;
  fhirBase: string;
  faults: Faults;
  ehr: DemoEhr;
  /** one sentence when the sample patients were not loaded */
  samplesNote?: string;
  close(): Promise<void>;
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const ehrUrl = `http://localhost:${options.ehrPort}`;
  const appHost = options.appHost ?? 'localhost';
  const appUrl = `http://${appHost}:${options.appPort}`;
  const samples = options.samples === false || options.fhir ? undefined : loadSamplePatients();
  const ehr = createDemoEhr({
    ehrOrigin: ehrUrl,
    appOrigin: appUrl,
    now: options.now,
    latencyMs: options.latencyMs,
    faultApi: true,
    samples,
    fhirPath: options.fhirPath,
    ...(options.fhir && { upstream: options.fhir }),
  });
  await ehr.refreshPatients();
  const closeEhr = await listenEhr(ehr, options.ehrPort);
  let closeApp: () => Promise<void>;
  try {
    closeApp =
      options.app === 'dev'
        ? await startVite(options.appPort, appHost)
        : await serveDist(options.appPort, appHost, {
            dist: options.appDir ?? join(REPO_ROOT, 'dist-demo'),
            latencyMs: options.appLatencyMs ?? 0,
            pages: options.appPages ?? {},
          });
  } catch (error) {
    await closeEhr();
    throw error;
  }
  return {
    ehrUrl,
    appUrl,
    fhirBase: ehr.fhirBase,
    faults: ehr.faults,
    ehr,
    samplesNote: samples?.note,
    close: async () => {
      ehr.faults.clear();
      await Promise.all([closeEhr(), closeApp()]);
    },
  };
}

/** Serve a demo EHR's handlers on localhost:port (its ehrOrigin must be http://localhost:port). */
export async function listenEhr(ehr: DemoEhr, port: number): Promise<() => Promise<void>> {
  const origin = `http://localhost:${port}`;
  const server = createServer((req, res) => void serveEhr(ehr, origin, req, res));
  await listen(server, port);
  return () => {
    ehr.faults.clear();
    return closeServer(server);
  };
}

/** node:http → a fetch Request → MSW's handler resolution → back to node:http. */
async function serveEhr(ehr: DemoEhr, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  try {
    const method = req.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    // the origin is the configured one whatever Host the client used (127.0.0.1, localhost)
    const request = new Request(new URL(req.url ?? '/', origin), { method, headers, body, signal: aborted.signal });
    const response = (await getResponse(ehr.handlers, request)) ?? new Response('Not found', { status: 404 });
    if (aborted.signal.aborted) return;
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.appendHeader(name, value));
    if (response.body) Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
    else res.end();
  } catch (error) {
    console.error('demo EHR: request failed:', error instanceof Error ? error.message : String(error));
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  }
}

/** Request bodies larger than this are refused (a note is a few kilobytes; a batch of GETs less). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

async function startVite(port: number, host: string): Promise<() => Promise<void>> {
  const { createServer: createViteServer } = await import('vite');
  const vite = await createViteServer({
    root: REPO_ROOT,
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    // the config imports the deployment file's TypeScript (deploy/): Vite's module runner loads it as is
    configLoader: 'runner',
    logLevel: 'warn',
    server: { port, strictPort: true, host },
  });
  await vite.listen();
  return () => vite.close();
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html;charset=utf-8',
  '.js': 'text/javascript;charset=utf-8',
  '.mjs': 'text/javascript;charset=utf-8',
  '.css': 'text/css;charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain;charset=utf-8',
  '.map': 'application/json',
};

/**
 * The demo build, as a hospital's web server serves the app: with the headers derived from its
 * deployment file (the policy with frame-ancestors: only the configured EHRs' pages may frame it)
 * and the hashes of the built pages' inline boot code (deploy/policy.ts builtInlineCode).
 */
async function serveDist(
  port: number,
  host: string,
  { dist, latencyMs, pages }: { dist: string; latencyMs: number; pages: Record<string, string> },
): Promise<() => Promise<void>> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html not found: run "npm run build" first`);
  const headers = securityHeaders(parseSiteConfig(JSON.parse(readFileSync(join(dist, SITE_FILE_NAME), 'utf8'))), {
    https: false,
    inline: builtInlineCode(dist),
  });
  const server = createServer(async (req, res) => {
    if (latencyMs > 0) await new Promise((resolveDelay) => setTimeout(resolveDelay, latencyMs));
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain;charset=utf-8' }).end('Bad request');
      return;
    }
    const page = pages[pathname];
    if (page !== undefined) {
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES['.html']!, 'Cache-Control': 'no-cache' }).end(page);
      return;
    }
    const file = resolve(dist, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain;charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  await listen(server, port, host);
  return () => closeServer(server);
}

function listen(server: Server, port: number, host = 'localhost'): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}
