/**
 * A real redis-server for the tests (Debian package `redis-server`): on 127.0.0.1, a free port, a temporary
 * directory, no persistence; stopped and its directory removed afterwards. A missing server fails the tests (CI
 * installs it), it never skips them.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "redis";

/** What the tests use of a node-redis client (its full generic type does not survive exactOptionalPropertyTypes). */
export interface RedisClient {
  sendCommand(args: string[]): Promise<unknown>;
  destroy(): void;
}

export const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** A port that was free a moment ago (the kernel picks it; redis-server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); the port stays this server's for `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`): the "Redis came back" of the scenarios. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  close(): Promise<void>;
  /** A connected node-redis client (closed by `close`). */
  client(): Promise<RedisClient>;
}

/** Starts a redis-server; throws (with its output) when the binary is missing or it does not come up in 10 s. */
export async function startRedisServer(): Promise<RedisServer> {
  const probe = spawnSync(REDIS_SERVER, ["--version"], { encoding: "utf8" });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `${REDIS_SERVER} is not runnable (${probe.error?.message ?? probe.stderr}): install it (Debian: ` +
        "apt-get install -y redis-server; .ci/run does) or set REDIS_SERVER to its path",
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), "cg-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = "";
  const clients: RedisClient[] = [];

  async function start(): Promise<void> {
    if (child !== undefined) throw new Error("redis-server is already running");
    output = "";
    const started = spawn(
      REDIS_SERVER,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "no",
        "--protected-mode",
        "yes",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = started;
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null) break;
      if (await canConnect(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    started.kill("SIGKILL");
    child = undefined;
    throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${output}`);
  }

  async function stop(): Promise<void> {
    const running = child;
    if (running === undefined) return;
    child = undefined;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const timer = setTimeout(() => running.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async client() {
      // No offline queue and a short reconnect: a command while Redis is down fails at once (the receiver's 503),
      // and the client is back soon after the server is.
      const client = createClient({
        url: `redis://127.0.0.1:${port}`,
        disableOfflineQueue: true,
        socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(50 * (retries + 1), 500) },
      });
      client.on("error", () => {
        // Reconnects are expected in the stop/start scenarios; a failed command still rejects.
      });
      await client.connect();
      const wrapped: RedisClient = {
        sendCommand: (args) => client.sendCommand(args),
        destroy: () => client.destroy(),
      };
      clients.push(wrapped);
      return wrapped;
    },
    async close() {
      for (const client of clients.splice(0)) {
        try {
          client.destroy();
        } catch {
          // Already closed.
        }
      }
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
