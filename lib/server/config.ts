/**
 * What a server was started with (`npm run serve`, through the environment of its process): the
 * datasets it serves, each a list of files; who may ask (the Host names, a token when it is bound off
 * this machine); and the limits every request is held to.
 */
export interface ServedSpec {
  /** What the picker calls it. */
  name: string;
  /** Absolute paths of its files (one dataset: the shards of one split, or the files of one folder). */
  paths: string[];
}

export interface ServerConfig {
  datasets: ServedSpec[];
  /** Needed on every request when set (the server listens beyond this machine). */
  token: string | null;
  /** The `Host` header values a request may carry (the address it was started on): anything else is refused. */
  hosts: string[];
  limits: {
    /** Bytes of a request body. */
    body: number;
    /** Milliseconds one statement may run. */
    queryMs: number;
    /** Bytes of one answer. */
    answer: number;
  };
}

const number = (text: string | undefined, fallback: number) => {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** The server's configuration, or null when the app is not serving data of its own (plain `next start`). */
export function serverConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig | null {
  if (!env.EXPLORER_DATA) return null;
  const datasets = JSON.parse(env.EXPLORER_DATA) as ServedSpec[];
  return {
    datasets,
    token: env.EXPLORER_TOKEN || null,
    hosts: (env.EXPLORER_HOSTS ?? "").split(",").filter(Boolean),
    limits: {
      body: number(env.EXPLORER_BODY_LIMIT, 1 << 20),
      queryMs: number(env.EXPLORER_QUERY_SECONDS, 120) * 1000,
      answer: number(env.EXPLORER_ANSWER_LIMIT, 512 << 20),
    },
  };
}
