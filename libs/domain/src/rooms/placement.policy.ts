export interface NodeLoad {
  id: string;
  /** Participants in rooms on the node now; null: the node did not answer. */
  participants: number | null;
}

export interface Placement {
  /** Where the room (and its publishers) lives. */
  origin: string;
  /** Nodes that would relay the speakers to more viewers; empty while one node holds the audience. */
  relays: string[];
}

/**
 * Places a room on the least-loaded node that answers (ties: the first listed, so a small install
 * keeps everything on its first node). An audience larger than one node takes needs relay nodes:
 * as many more as the audience needs, the next least loaded.
 */
export function placeRoom(
  nodes: readonly NodeLoad[],
  audience: number,
  capacityPerNode: number,
): Placement | null {
  const up = nodes
    .map((n, i) => ({ ...n, i }))
    .filter((n): n is NodeLoad & { participants: number; i: number } => n.participants !== null)
    .sort((a, b) => a.participants - b.participants || a.i - b.i);
  if (!up.length) return null;
  const needed = Math.max(1, Math.ceil(audience / Math.max(1, capacityPerNode)));
  return { origin: up[0].id, relays: up.slice(1, needed).map((n) => n.id) };
}

/** Which node a viewer watches from: spread over origin and relays by a stable hash of who they are. */
export function viewerNode(placement: Placement, viewerKey: string): string {
  const all = [placement.origin, ...placement.relays];
  let h = 0;
  for (let i = 0; i < viewerKey.length; i++) h = (h * 31 + viewerKey.charCodeAt(i)) >>> 0;
  return all[h % all.length];
}

/**
 * Where one more viewer watches (broadcast mode): where they watched before in this session, if
 * that node still carries the room; else the origin while it holds fewer than `capacity` viewers,
 * then the relay nodes in the order they were added, each up to `capacity`; when all are full, a
 * new relay node is needed (`addRelay`) — or, with no node left to add, the least filled.
 */
export function placeViewer(f: {
  origin: string;
  relays: readonly string[];
  viewers: ReadonlyMap<string, number>;
  capacity: number;
  previous: string | null;
  canAddRelay: boolean;
}): { node: string } | { addRelay: true } {
  const nodes = [f.origin, ...f.relays];
  if (f.previous && nodes.includes(f.previous)) return { node: f.previous };
  const count = (n: string) => f.viewers.get(n) ?? 0;
  const free = nodes.find((n) => count(n) < Math.max(1, f.capacity));
  if (free) return { node: free };
  if (f.canAddRelay) return { addRelay: true };
  return { node: nodes.reduce((a, b) => (count(b) < count(a) ? b : a)) };
}
