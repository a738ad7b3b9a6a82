// Preloaded (node --import) into the Node example: whatever port and host it asks for, it listens on 127.0.0.1 at a
// free port and prints which, so the README snippet needs no test-only code.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const callback = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
  this.once("listening", () => console.log(`listening on port ${this.address().port}`));
  return listen.call(this, 0, "127.0.0.1", callback);
};
