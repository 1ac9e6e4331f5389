import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHapiStandin, type StandinOptions } from '../test/fhir/support/hapi-standin';

/**
 * The HAPI-shaped stand-in of test/fhir served over real HTTP with a fixed added latency per
 * request, for the benchmark (until mocks/server/demo.ts offers the demo EHR with latency).
 */
export async function startStandinServer(options: Omit<StandinOptions, 'baseUrl'> & { latencyMs: number }) {
  let baseUrl = '';
  let handle: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const request = new Request(new URL(req.url ?? '/', baseUrl).href, {
        method: req.method ?? 'GET',
        headers: Object.entries(req.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : [])),
        ...(body && { body }),
      });
      if (options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const response = await handle(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  handle = createHapiStandin({ ...options, baseUrl }).handle;
  return { baseUrl, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
