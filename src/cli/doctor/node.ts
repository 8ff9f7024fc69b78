import { finding, type Finding } from '../../config/finding.js';

const MIN_NODE = [20, 18, 1] as const;

/** The Node.js that runs the server: package.json's `engines` floor, checked where the client starts it. */
export function nodeFinding(version: string = process.versions.node): Finding {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  const diff = [major, minor, patch].map((n, i) => n - (MIN_NODE[i] ?? 0)).find((d) => d !== 0) ?? 0;
  const needed = MIN_NODE.join('.');
  return diff >= 0
    ? finding('Node.js', 'ok', `v${version} (${needed} or newer needed)`)
    : finding(
        'Node.js',
        'fail',
        `v${version} is too old: the server needs ${needed} or newer`,
        'install a current Node.js LTS (https://nodejs.org) and make sure the MCP client finds it on its PATH.',
      );
}
