// A throwaway redis-server for the two-instance figure: loopback, a free port, nothing written to disk,
// stopped with the bench. Undefined when the binary is not installed (the figure is then not measured).
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { freePort, sleep } from './bot-process';

export interface RedisServer {
  url: string;
  stop(): void;
}

export async function startRedisServer(): Promise<RedisServer | undefined> {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  const port = await freePort();
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  process.once('exit', stop);
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) return undefined;
    if (await answers(port)) return { url: `redis://127.0.0.1:${port}`, stop };
    await sleep(50);
  }
  stop();
  return undefined;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
