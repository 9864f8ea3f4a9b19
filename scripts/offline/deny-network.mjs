// Node preload (`node --import`) for the offline build test: any attempt to reach another host fails
// loudly and is written to $LERO_NETWORK_LOG. Loopback stays open (Framework's loaders use none, but a
// local server must not count as "outside").
import { appendFileSync } from "node:fs";
import net from "node:net";

const log = process.env.LERO_NETWORK_LOG;
function record(what) {
  if (log) appendFileSync(log, `${process.pid} ${what}\n`);
}
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/;

globalThis.fetch = async (input) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  record(`fetch ${url}`);
  throw new Error(`network access is blocked in this build: fetch ${url}`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  const host = options.host ?? "localhost";
  if (!options.path && !LOOPBACK.test(String(host))) {
    record(`connect ${host}:${options.port}`);
    throw new Error(`network access is blocked in this build: connect ${host}:${options.port}`);
  }
  return connect.apply(this, args);
};
