import type { Command } from 'commander';

/** `wizamart serve`: exactly what `npm start` does (settings from the environment: HOST, PORT, DATA_DIR, DATABASE_URL...). */
export function register(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (as `npm start`): migrate the embedded database, load demo data on a new one, listen on HOST:PORT')
    .action(async () => {
      const { runServer } = await import('../run-server.ts');
      await runServer({ purpose: 'wizamart serve' });
    });
}
