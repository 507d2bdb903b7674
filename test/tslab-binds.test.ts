// tools/tslab_binds.cjs: the kernel binds its request sockets (shell, control) only after iopub, stdin and hb, so no
// request can make it publish on a socket that is still binding. Checked with timed fake sockets in tslab's own call
// order, and on tslab's real ZmqServer with real ZeroMQ sockets.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { repoRoot } from "../src/settings";

const load = createRequire(__filename);
const { install, orderBinds } = load(path.join(repoRoot(), "tools", "tslab_binds.cjs")) as {
  install: () => void;
  orderBinds: (proto: object) => void;
};

const SOCKETS = ["iopub", "shell", "control", "stdin", "hb"] as const;

/** A server class whose binds take the given milliseconds and log when each starts and ends. */
function fakeServer(ms: Record<(typeof SOCKETS)[number], number>) {
  class Server {
    log: string[] = [];
    [name: string]: unknown;
    constructor() {
      for (const name of SOCKETS) this[name] = { name };
    }
    async bindSocket(sock: { name: string }, _port: number): Promise<void> {
      this.log.push(`start ${sock.name}`);
      await new Promise((resolve) => setTimeout(resolve, ms[sock.name as (typeof SOCKETS)[number]]));
      this.log.push(`end ${sock.name}`);
    }
    /** tslab's ZmqServer.init: all five binds at once, iopub first. */
    async init(): Promise<void> {
      await Promise.all(SOCKETS.map((name, port) => this.bindSocket(this[name] as { name: string }, port)));
    }
  }
  return Server;
}

const SLOW_IOPUB = { iopub: 40, shell: 1, control: 1, stdin: 5, hb: 5 };

test("without the order, the shell socket is bound (and can take requests) while iopub is still binding", async () => {
  const server = new (fakeServer(SLOW_IOPUB))();
  await server.init();
  assert.ok(server.log.indexOf("end shell") < server.log.indexOf("end iopub"), server.log.join(", "));
});

test("with the order, shell and control start binding only after iopub, stdin and hb have been bound", async () => {
  const Server = fakeServer(SLOW_IOPUB);
  orderBinds(Server.prototype);
  orderBinds(Server.prototype); // a second install changes nothing
  const server = new Server();
  await server.init();
  const at = (entry: string) => server.log.indexOf(entry);
  for (const late of ["shell", "control"])
    for (const early of ["iopub", "stdin", "hb"])
      assert.ok(at(`start ${late}`) > at(`end ${early}`), `${late} after ${early}: ${server.log.join(", ")}`);
  assert.equal(server.log.length, 10);
});

test("a failed bind still fails the kernel's start", async () => {
  const Server = fakeServer(SLOW_IOPUB);
  const original = Server.prototype.bindSocket;
  Server.prototype.bindSocket = async function (
    this: InstanceType<typeof Server>,
    sock: { name: string },
    port: number,
  ) {
    if (sock.name === "stdin") throw new Error("port taken");
    return original.call(this, sock, port);
  };
  orderBinds(Server.prototype);
  await assert.rejects(new Server().init(), /port taken/);
});

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test("install() orders tslab's real ZmqServer, which then binds all five ZeroMQ sockets", async () => {
  const jupyter = load(path.join(repoRoot(), "node_modules", "tslab", "dist", "jupyter.js")) as {
    ZmqServer: new (
      handler: object,
      configPath: string,
    ) => { init(): Promise<void>; close(): void } & Record<string, unknown>;
  };
  install(); // what the kernel's start script runs
  assert.equal((jupyter.ZmqServer.prototype as { bindSocket: { ordered?: boolean } }).bindSocket.ordered, true);
  const ports: Record<string, number> = {};
  for (const name of SOCKETS) ports[`${name}_port`] = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-binds-"));
  const config = path.join(dir, "connection.json");
  fs.writeFileSync(
    config,
    JSON.stringify({ transport: "tcp", ip: "127.0.0.1", key: "k", signature_scheme: "hmac-sha256", ...ports }),
  );
  const server = new jupyter.ZmqServer({ close: () => {} }, config);
  try {
    await server.init();
    for (const name of SOCKETS)
      assert.match(
        String((server[name] as { lastEndpoint?: string }).lastEndpoint),
        new RegExp(`:${ports[`${name}_port`]}$`),
        name,
      );
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
