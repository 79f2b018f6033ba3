import { createConnection, createServer } from 'node:net';

const HOST = '127.0.0.1';

/** A TCP port on 127.0.0.1 that nothing is listening on right now (the OS picks it). */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The OS did not assign a port'))));
    });
  });
}

/** Whether we could bind `port` on 127.0.0.1 (false when anything, on any interface, already holds it). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/**
 * Fails unless `port` is free. Checked before starting a server because our readiness probes would otherwise
 * happily talk to whatever already listens there and report our server as up.
 */
export async function assertPortFree(port: number, what: string, hint = ''): Promise<void> {
  if (await isPortFree(port)) return;
  throw new Error(
    `Cannot start ${what}: port ${port} on ${HOST} is already in use.${hint ? ` ${hint}` : ''}`,
  );
}

/** Whether a TCP connection to host:port succeeds within `timeoutMs`. */
export function canConnect(port: number, host = HOST, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
