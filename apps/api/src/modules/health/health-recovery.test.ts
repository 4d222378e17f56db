import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { openPostgresDatabase } from '../../db/database';
import { TcpProxy } from '../../../test/support/tcp-proxy';
import { createTestApp, type TestApp } from '../../../test/test-app';

// The PostgreSQL path of /api/health, through a proxy the test can cut. With DATABASE_URL the
// proxy leads to that server; without it, only the "server unreachable" half can be shown.
const upstream = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : undefined;

describe('GET /api/health while PostgreSQL goes away and comes back', () => {
  const proxy = new TcpProxy(upstream?.hostname ?? '127.0.0.1', Number(upstream?.port || 5432));
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
    await proxy.stop();
  });

  async function appThroughProxy(): Promise<TestApp> {
    await proxy.start();
    const url = new URL(upstream?.toString() ?? 'postgresql://postgres@127.0.0.1/none');
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return createTestApp({ db: openPostgresDatabase(url.toString(), { max: 2 }) });
  }

  it('when the database cannot be reached, then 503 with database "unavailable" and the same error-free body shape', async () => {
    t = await appThroughProxy();
    await proxy.stop();
    const res = await request(t.app).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', database: 'unavailable' });
  });

  (upstream ? it : it.skip)('when the database comes back, then health is 200 again without a restart', async () => {
    t ??= await appThroughProxy();
    await proxy.stop();
    await proxy.start();
    expect((await request(t.app).get('/api/health')).status).toBe(200);
    await proxy.stop();
    expect((await request(t.app).get('/api/health')).body.database).toBe('unavailable');
    await proxy.start();
    const back = await request(t.app).get('/api/health');
    expect(back.status).toBe(200);
    expect(back.body).toEqual({ status: 'ok', database: 'ok' });
  });
});
