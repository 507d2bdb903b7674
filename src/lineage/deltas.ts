// Per-edge changes from parent to child (docs/methods.md §3.1 "Edge attributes"; the authors' get_full_graph cell 4),
// and the edge list as a table with model ids, for display and joins.
//
//   change_in_likes                 child.likes − parent.likes
//   percentage_change_in_likes      (child.likes − parent.likes) / parent.likes — a FRACTION (0.5 = +50%), as the
//                                   authors compute it; NaN when parent.likes is 0 (or either value is missing)
//   change_in_downloads, percentage_change_in_downloads   the same for downloads
//   change_in_createdAt_days        whole days from parent.createdAt to child.createdAt, rounded down (Python
//                                   timedelta.days: −1.5 days → −2)
import pl from "nodejs-polars";
import type { LineageGraph } from "./graph";
import { modelIds, nodeColumn } from "./nodeColumns";
import { EDGE_TYPE_BY_CODE, edgeTypesKey } from "./relations";

const DAY_MS = 86_400_000;

/** Parent → child changes, one value per edge of the graph: `edgeDeltas(full, models).changeInCreatedAtDays`. */
export interface EdgeDeltas {
  changeInLikes: Float64Array;
  percentageChangeInLikes: Float64Array;
  changeInDownloads: Float64Array;
  percentageChangeInDownloads: Float64Array;
  changeInCreatedAtDays: Float64Array;
}

/** Per-edge changes of likes, downloads and createdAt: `edgeDeltas(full, models).changeInLikes[e]`. */
export function edgeDeltas(graph: LineageGraph, table: pl.DataFrame): EdgeDeltas {
  if (table.height !== graph.nodeCount) {
    throw new Error(`lineage/deltas: the table has ${table.height} rows but the graph ${graph.nodeCount} nodes`);
  }
  const m = graph.edgeCount,
    from = graph.edgeParent,
    to = graph.edgeChild;
  const change = (values: Float64Array) => {
    const diff = new Float64Array(m),
      relative = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      const p = values[from[e]];
      diff[e] = values[to[e]] - p;
      relative[e] = p === 0 ? NaN : diff[e] / p;
    }
    return [diff, relative];
  };
  const [changeInLikes, percentageChangeInLikes] = change(nodeColumn(table, "likes"));
  const [changeInDownloads, percentageChangeInDownloads] = change(nodeColumn(table, "downloads"));
  const created = nodeColumn(table, "createdAt");
  const changeInCreatedAtDays = new Float64Array(m);
  for (let e = 0; e < m; e++) changeInCreatedAtDays[e] = Math.floor((created[to[e]] - created[from[e]]) / DAY_MS);
  return {
    changeInLikes,
    percentageChangeInLikes,
    changeInDownloads,
    percentageChangeInDownloads,
    changeInCreatedAtDays,
  };
}

/**
 * The edges as a table in edge order: parent, child (ids), parent_node, child_node (rows), edge_type (null for
 * "none"), edge_types ("finetune+merge"), and with a table the authors' delta columns: `edgeTable(full, models)`.
 */
export function edgeTable(graph: LineageGraph, table?: pl.DataFrame): pl.DataFrame {
  const parentNode = pl.Series("parent_node", graph.edgeParent);
  const childNode = pl.Series("child_node", graph.edgeChild);
  const typeNames = EDGE_TYPE_BY_CODE.map((t) => (t === "none" ? null : t));
  const flagKeys = Array.from({ length: 32 }, (_, f) => edgeTypesKey(f));
  const codes = pl.Series("code", graph.edgeType);
  const flags = pl.Series("flags", graph.edgeFlags);
  const columns: pl.Series[] = [
    modelIds(graph.ids, graph.edgeParent, "parent"),
    modelIds(graph.ids, graph.edgeChild, "child"),
    parentNode,
    childNode,
    pl.Series(
      "edge_type",
      Array.from(codes.toTypedArray() as Uint8Array, (c) => typeNames[c]),
      pl.Utf8,
    ),
    pl.Series(
      "edge_types",
      Array.from(flags.toTypedArray() as Uint8Array, (f) => flagKeys[f]),
      pl.Utf8,
    ),
  ];
  if (table) {
    const d = edgeDeltas(graph, table);
    columns.push(
      pl.Series("change_in_likes", d.changeInLikes),
      pl.Series("percentage_change_in_likes", d.percentageChangeInLikes),
      pl.Series("change_in_downloads", d.changeInDownloads),
      pl.Series("percentage_change_in_downloads", d.percentageChangeInDownloads),
      pl.Series("change_in_createdAt_days", d.changeInCreatedAtDays),
    );
  }
  return pl.DataFrame(columns);
}
