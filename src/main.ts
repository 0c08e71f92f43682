/**
 * `npm start`: the HTTP server, the same as `wizamart serve` (see
 * `cli/run-server.ts`). A start-up failure prints its problems (each broken
 * module by file and reason, each bad setting by variable), not a stack.
 */
import { reportFailure } from './cli/report-error.ts';
import { runServer } from './cli/run-server.ts';

try {
  await runServer();
  // Exit explicitly: a module that left a timer or socket open must not keep a stopped server's process alive.
  process.exit(0);
} catch (error) {
  process.exit(reportFailure(error));
}
