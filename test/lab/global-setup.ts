import { removeStaleLabHosts } from './netns.js';

// Lab namespaces from an interrupted run would hold addresses and ports; clear them once.
export default async function setup(): Promise<() => Promise<void>> {
  await removeStaleLabHosts();
  return async () => {
    await removeStaleLabHosts();
  };
}
