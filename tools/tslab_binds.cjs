// The order in which the tslab kernel binds its five ZeroMQ sockets. tslab binds them all at once while it already
// reads the shell and control sockets. A request that reaches the shell socket while iopub is still binding makes
// tslab publish a status on iopub, which zeromq refuses ("Socket is blocked by a bind or unbind operation", EBUSY):
// the kernel never answers, and the client gives up after 60 s ("Kernel didn't respond in 60 seconds"). Here the
// shell and control sockets are bound only once iopub, stdin and hb are, which closes that window.
// Usage (the kernel's start script, beside tools/cell_cache.cjs): require("./tools/tslab_binds.cjs").install()
"use strict";
const path = require("node:path");

/** The project's root, whose node_modules holds the pinned tslab. */
const ROOT = path.resolve(__dirname, "..");

/** Sockets that receive requests, bound last; the others, bound first. */
const LATE = ["shell", "control"];
const EARLY = ["iopub", "stdin", "hb"];
const BINDS = Symbol("socket binds");

/** The promise of a socket's bind, made on first mention so that a later socket can wait for an earlier one. */
function bindOf(server, sock) {
  if (!server[BINDS]) server[BINDS] = new Map();
  let entry = server[BINDS].get(sock);
  if (!entry) {
    entry = {};
    entry.promise = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    server[BINDS].set(sock, entry);
  }
  return entry;
}

/**
 * Makes a ZmqServer prototype bind the shell and control sockets after iopub, stdin and hb; the others as before.
 * Example: `orderBinds(require("tslab/dist/jupyter").ZmqServer.prototype)`.
 */
function orderBinds(proto) {
  const bind = proto.bindSocket;
  if (typeof bind !== "function")
    throw new Error(
      "tools/tslab_binds: tslab's ZmqServer has no bindSocket method (a tslab other than the pinned one?)",
    );
  if (bind.ordered) return;
  const ordered = function (sock, port) {
    if (LATE.some((name) => this[name] === sock))
      return Promise.all(EARLY.map((name) => bindOf(this, this[name]).promise)).then(() => bind.call(this, sock, port));
    const entry = bindOf(this, sock);
    bind.call(this, sock, port).then(entry.resolve, entry.reject);
    return entry.promise;
  };
  ordered.ordered = true;
  proto.bindSocket = ordered;
}

/**
 * Orders the binds of the tslab this project pins, before its kernel starts.
 * Example: `require("./tools/tslab_binds.cjs").install()`.
 */
function install() {
  orderBinds(require(path.join(ROOT, "node_modules", "tslab", "dist", "jupyter.js")).ZmqServer.prototype);
}

module.exports = { install, orderBinds };
