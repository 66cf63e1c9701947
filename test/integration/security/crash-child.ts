// A Koe process for the crash test: the real server on the given database, port printed on stdout once listening.
// Started with `node --import tsx`, killed with SIGKILL by the test, then started again on the same data.
import pino from 'pino';
import { loadConfig } from '../../../src/config/config';
import { buildApp } from '../../../src/server/app';
import { createKoe } from '../../../src/server/context';

const config = loadConfig({ ...process.env, PORT: process.env.PORT ?? '0', KOE_LOG_LEVEL: 'silent' });
const koe = await createKoe(config, { log: pino({ level: 'silent' }) });
const app = await buildApp(koe, { webDist: '/nonexistent' });
await app.listen({ port: config.port, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(`KOE_PORT=${typeof addr === 'object' && addr ? addr.port : 0}\n`);
