// A plain relay: what one more process between the client and the provider costs, with no work
// of its own. Each request is forwarded to BENCH_UPSTREAM as it is, and the answer piped back
// chunk by chunk (node:http both ways, keep-alive to the provider). stream-overhead reads the
// provider through it beside the direct reader and the API, to show the floor of a hop.
import { Agent, createServer, request } from 'node:http';

const upstream = new URL(process.env.BENCH_UPSTREAM ?? '');
const agent = new Agent({ keepAlive: true });

const server = createServer((req, res) => {
  const forwarded = request(
    {
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forwarded.on('error', () => res.destroy());
  req.pipe(forwarded);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
