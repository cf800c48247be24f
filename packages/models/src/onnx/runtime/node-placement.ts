/**
 * Where onnxruntime placed each node, read from its verbose log (the onnx model's
 * `logLevel: 'verbose'`): per session, each provider's node count and the nodes themselves
 * ("Relu (Relu_node_3)"). Sessions are told apart by their log id, the compiled graph's file name
 * (vjp.onnx, forward.onnx, layer-N.onnx for Grad-CAM's layers).
 */

export interface ProviderNodes {
  provider: string;
  count: number;
  /** "OpType (node name)"; onnxruntime lists them only when a session uses several providers. */
  nodes: string[];
}

const PLACEMENT = /\[V:onnxruntime:([^,]*), session_state\.cc:\d+ VerifyEachNodeIsAssignedToAnEp\] (.*)$/;
const PROVIDER = /placed on \[(\w+)\]\. Number of nodes: (\d+)/;

/** Session log id -> the providers its nodes were placed on, in log order. */
export function nodePlacements(log: string): Map<string, ProviderNodes[]> {
  const sessions = new Map<string, ProviderNodes[]>();
  for (const line of log.split('\n')) {
    const match = PLACEMENT.exec(line);
    if (!match) continue;
    const [, session, text] = match;
    const providers = sessions.get(session) ?? [];
    sessions.set(session, providers);
    const provider = PROVIDER.exec(text);
    if (provider) providers.push({ provider: provider[1], count: Number(provider[2]), nodes: [] });
    else if (text.startsWith('  ') && providers.length > 0) providers.at(-1)!.nodes.push(text.trim());
  }
  return sessions;
}

/** The sessions whose nodes did not all land on `provider`, with the nodes placed elsewhere. */
export function nodesOffProvider(placements: Map<string, ProviderNodes[]>, provider: string): Record<string, string[]> {
  const off: Record<string, string[]> = {};
  for (const [session, providers] of placements) {
    const elsewhere = providers.filter((p) => p.provider !== provider);
    if (elsewhere.length > 0) off[session] = elsewhere.flatMap((p) => (p.nodes.length > 0 ? p.nodes.map((n) => `${n} on ${p.provider}`) : [`${p.count} nodes on ${p.provider}`]));
  }
  return off;
}
