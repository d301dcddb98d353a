// Loaded with `node --require` by the benchmark: reports the process's peak
// resident memory (KiB) to the file named by AI_LEARN_BENCH_RSS at exit.
process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.AI_LEARN_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
