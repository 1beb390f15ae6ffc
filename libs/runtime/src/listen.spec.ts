import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type Server } from 'node:net';
import { listen, PortError } from './listen';

@Controller()
class PingController {
  @Get('ping') ping() {
    return 'pong';
  }
}
@Module({ controllers: [PingController] })
class PingModule {}

describe('listen', () => {
  let taken: Server;
  let port: number;
  const apps: INestApplication[] = [];
  const app = async () => {
    const created = await NestFactory.create(PingModule, { logger: false });
    apps.push(created);
    return created;
  };

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await new Promise((resolve) => taken.close(resolve));
  });

  it('names PORT in one line when the port is taken', async () => {
    const err = await listen(await app(), port, '127.0.0.1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect((err as Error).message).toBe(`PORT ${port} is already in use; set PORT to a free port`);
  });

  it('serves once listening', async () => {
    const a = await app();
    await listen(a, 0, '127.0.0.1');
    const { port: free } = a.getHttpServer().address() as { port: number };
    expect(await (await fetch(`http://127.0.0.1:${free}/ping`)).text()).toBe('pong');
  });
});
