import { createServer, type Server } from 'node:http';

/**
 * A worker serves no API; it answers `GET /healthz` on its port so a supervisor (or a container's health check) can
 * tell it is alive. Everything else is 404.
 */
export async function startWorkerHealth(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const ok = req.method === 'GET' && req.url === '/healthz';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { status: 'ok', role: 'worker' } : { status: 'not found' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
