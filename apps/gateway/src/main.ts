import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { logLevels } from '@balanse/contracts';
import { createGatewayApp } from '@balanse/gateway';
import { NatsCommandTransport } from '@balanse/messaging';
import {
  connectNats,
  exitOnConfigError,
  GatewayEnv,
  guardProcess,
  listenOrExit,
  loadEnv,
  natsSecurityFromEnv,
  onStop,
  redactPasswords,
} from '@balanse/runtime';

async function main() {
  const env = exitOnConfigError(() => loadEnv(GatewayEnv));
  guardProcess('gateway');
  const security = exitOnConfigError(() => natsSecurityFromEnv());
  const nc = await connectNats(env.NATS_URL, 'gateway', security);
  const commands = new NatsCommandTransport(nc, { maxPayloadBytes: env.BALANSE_MAX_PAYLOAD_BYTES });
  const app = await createGatewayApp(
    {
      commands,
      adminToken: env.BALANSE_ADMIN_TOKEN,
      commandTimeoutMs: env.BALANSE_COMMAND_TIMEOUT_MS,
      maxPayloadBytes: commands.maxPayloadBytes,
      readiness: [{ name: 'nats', check: async () => !nc.isClosed() && (await nc.rtt()) >= 0 }],
    },
    logLevels(env.LOG_LEVEL),
  );
  await listenOrExit(app, env.PORT);
  new Logger('gateway').log(
    `API on http://0.0.0.0:${env.PORT}/api/v1, docs at /api/docs, NATS ${redactPasswords(env.NATS_URL)}`,
  );
  onStop(async () => {
    await app.close();
    await nc.drain();
  });
}

main().catch((err: Error) => {
  console.error(`gateway failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
