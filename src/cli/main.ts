/**
 * The `wizamart` command (the package's `bin`, and `npm run cli -- ...`).
 * One file per command group in `./commands/`, each exporting
 * `register(program)`. Every failure ends here: printed to stderr as its
 * problems (see `report-error.ts`), with a non-zero exit.
 */
import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { register as registerDemo } from './commands/demo.ts';
import { register as registerMigrate } from './commands/migrate.ts';
import { register as registerModuleCreate } from './commands/module-create.ts';
import { register as registerModules } from './commands/modules.ts';
import { register as registerServe } from './commands/serve.ts';
import { register as registerValidate } from './commands/validate.ts';
import { register as registerWorker } from './commands/worker.ts';
import { reportFailure } from './report-error.ts';

const program = new Command('wizamart')
  .description('Wizamart: modules, migrations, demo data and servers. Settings come from the environment (DATA_DIR, DATABASE_URL, ...).')
  .version(packageJson.version)
  .showHelpAfterError('(add --help for usage)');

registerModules(program);
// After `modules`: the scaffolder adds `create` to that group.
registerModuleCreate(program);
registerValidate(program);
registerMigrate(program);
registerDemo(program);
registerServe(program);
registerWorker(program);

try {
  await program.parseAsync(process.argv);
  // Exit explicitly once the command is done: an idle database pool or a
  // module's timer must not keep a finished command hanging.
  process.exit(process.exitCode ?? 0);
} catch (error) {
  process.exit(reportFailure(error));
}
