// `npm start`: the App's process. Reads the environment once (a `.env` file in the working folder
// fills in what the environment leaves unset: the registration page writes one), starts the App,
// stops it on SIGINT or SIGTERM, and turns a refused start into one line and exit code 1.
import { startApp } from './start-app.ts';

try {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const handle = await startApp(process.env);
  const stop = (signal: NodeJS.Signals) => {
    console.info(`gatehouse: ${signal}, stopping`);
    handle.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(
          `gatehouse: stopping failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`gatehouse: not started: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
