// Bench dispatcher: `npm run bench -- <name>`; with no name, runs every bench.
// Benches are imported lazily so each measures its own module start-up.
const BENCHES: Record<string, () => Promise<void>> = {
  triage: async () => (await import('./triage')).benchTriage(),
  inbox: async () => (await import('./inbox')).benchInbox(),
  search: async () => (await import('./search')).benchSearch(),
  counts: async () => (await import('./counts')).benchCounts(),
  reports: async () => (await import('./reports')).benchReports(),
  ingest: async () => (await import('./ingest')).benchIngest(),
  e2e: async () => (await import('./e2e')).benchE2e(),
  scale: async () => (await import('./scale')).benchScale(),
};

async function main(): Promise<number> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')} (available: ${Object.keys(BENCHES).join(', ')})`);
    return 1;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) await BENCHES[name]();
  return 0;
}

export {};

process.exitCode = await main();
