/** At start-up, a server given data (`npm run serve`) begins loading it at once, before any page asks. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.EXPLORER_DATA) return;
  const [{ serverConfig }, { dataServer }] = await Promise.all([
    import("./lib/server/config"),
    import("./lib/server/database"),
  ]);
  const config = serverConfig();
  if (config) dataServer(config);
}
