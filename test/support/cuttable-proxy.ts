import type { Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP forwarder in front of a real server (Temporal, say) that a test can cut and restore, as a network
 * partition or a crashed server would look to its clients: while cut, open connections are reset and new ones
 * are accepted and dropped at once. Nothing about the protocol is faked.
 */
export class CuttableProxy {
  private readonly server = createServer((client) => this.accept(client));
  private readonly open = new Set<Socket>();
  private isCut = false;

  constructor(private readonly target: string) {}

  /** host:port clients should use instead of the target. */
  get address(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** Resets every open connection and refuses new ones until `restore`. */
  cut(): void {
    this.isCut = true;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
  }

  restore(): void {
    this.isCut = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.isCut) {
      client.destroy();
      return;
    }
    const [host = '127.0.0.1', port = ''] = this.target.split(':');
    const upstream = connect(Number(port), host);
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        this.open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
