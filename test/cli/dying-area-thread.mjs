// Stands in for the scan's second thread (cli/area-thread.ts) and dies before it reports.
process.exit(3);
