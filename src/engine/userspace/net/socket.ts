/**
 * A TCP connection as two pipes (one per direction): back-pressure and EOF
 * come from the pipes, so a slow reader holds a fast writer.
 */
import { Pipe } from '../io/pipe.ts';
import type { PipeReadEnd, PipeWriteEnd } from '../io/pipe.ts';
import type { Waiter } from '../io/open-file.ts';
import { Interrupt } from '../io/interrupt.ts';
import type { Socket } from './net.ts';

type Addr = { readonly ip: string; readonly port: number };

class PipeSocket implements Socket {
  private closedWrite = false;
  private closedRead = false;
  constructor(
    private readonly rx: PipeReadEnd,
    private readonly tx: PipeWriteEnd,
    readonly local: Addr,
    readonly remote: Addr,
  ) {}
  read(max: number, w: Waiter): Promise<Uint8Array | null> {
    if (this.closedRead) return Promise.resolve(null);
    return this.rx.read(max, w);
  }
  write(data: Uint8Array, w: Waiter): Promise<void> {
    return this.tx.write(data, w);
  }
  shutdownWrite(): void {
    if (this.closedWrite) return;
    this.closedWrite = true;
    this.tx.release();
  }
  close(): void {
    this.shutdownWrite();
    if (this.closedRead) return;
    this.closedRead = true;
    this.rx.release();
  }
}

/** A connected pair: what the client holds and what the listener accepts. */
export function socketPair(client: Addr, server: Addr): [Socket, Socket] {
  const [aRead, aWrite] = new Pipe().ends();
  const [bRead, bWrite] = new Pipe().ends();
  return [new PipeSocket(bRead, aWrite, client, server), new PipeSocket(aRead, bWrite, server, client)];
}

/** A waiter for code outside any process (the host side of a published port). */
export const HOST_WAITER: Waiter = { intr: new Interrupt(), signalPending: () => false };
