// `npm run doctor`: the same environment as `npm start`, checked before any agent asks anything.
// Usage: npm run doctor [-- --json] [-- --person <email>]
// Exit codes: 0 every required check passed; 1 some check failed; 2 the configuration is invalid.
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from '../config';
import { createLogger } from '../ops/logger';
import { configReport, jsonReport, textReport } from './report';
import { runDoctor } from './run';
import { EXIT_CHECK_FAILED, EXIT_INVALID_CONFIG, exitCodeOf, type DoctorReport } from './types';

interface Args {
  json: boolean;
  person?: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--person') {
      const email = argv[++i];
      if (!email || email.startsWith('--')) return '--person needs the email of a Webex Calling user';
      args.person = email;
    } else if (arg.startsWith('--person=')) args.person = arg.slice('--person='.length);
    else return `unknown option ${arg} (options: --json, --person <email>)`;
  }
  return args;
}

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`npm run doctor: ${args}\n`);
    return EXIT_INVALID_CONFIG;
  }
  const print = (report: DoctorReport) => process.stdout.write(args.json ? jsonReport(report) : textReport(report));
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const report = configReport(err.problems);
    print(report);
    return exitCodeOf(report);
  }
  // The doctor's own findings are its output; the clients' logs would only repeat them.
  const logger = createLogger('silent');
  let report: DoctorReport;
  if (config.mode === 'sandbox') {
    const { doctorSandbox } = await import('./sandbox');
    report = await doctorSandbox(config, logger, args.person);
  } else {
    report = await runDoctor({ config, webex: config.webex!, logger, mode: 'real', person: args.person });
  }
  print(report);
  return exitCodeOf(report);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`npm run doctor failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT_CHECK_FAILED);
  },
);
