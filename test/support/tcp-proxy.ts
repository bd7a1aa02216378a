import net from 'node:net';
import { createTestDatabase } from './database.ts';

const READY_FOR_QUERY = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);

/**
 * A loopback TCP proxy the tests can cut: `stop()` closes the port and every open connection, as
 * a stopped database server would; `start()` listens again on the same port.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  /** Set by `cutNextSession()`: the next connection is cut at its first statement. */
  let cutAfterStartup = false;
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const srv = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        if (!cutAfterStartup) {
          client.pipe(upstream).pipe(client);
          return;
        }
        // PostgreSQL's wire protocol: the session is ready once the server sends ReadyForQuery
        // ('Z', length 5, status 'I'); the first statement after that cuts the connection.
        let ready = false;
        upstream.on('data', (chunk: Buffer) => {
          if (chunk.includes(READY_FOR_QUERY)) ready = true;
          client.write(chunk);
        });
        client.on('data', (chunk: Buffer) => {
          if (!ready) {
            upstream.write(chunk);
            return;
          }
          cutAfterStartup = false;
          client.destroy();
          upstream.destroy();
        });
      });
      server = srv;
      srv.listen(port, '127.0.0.1', () => {
        port = (srv.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    start: listen,
    /**
     * The next connection opened through the proxy completes its startup (authentication,
     * ReadyForQuery), then is cut when the client sends its first statement: a server that dies
     * right after a client was checked out of a pool.
     */
    cutNextSession() {
      cutAfterStartup = true;
    },
  };
}

/** A fresh test database reached through a proxy the test can cut: `url` goes through the proxy. */
export async function databaseBehindProxy() {
  const db = await createTestDatabase();
  const target = new URL(db.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const url = new URL(db.url);
  url.port = String(proxy.port);
  return { db, proxy, url: url.toString() };
}
