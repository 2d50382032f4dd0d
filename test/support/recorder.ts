import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';

/**
 * Every statement a query builder runs through this plugin, kept to be explained afterwards (the
 * plan tests of issues 21 and 25), and the rows they returned: a plan can be bounded statement by
 * statement and still read a table whole, a chunk at a time, when what a page needs is rare.
 *
 * Only statements that ran are kept: a subquery's builder passes through `transformQuery` too when
 * its statement is built, and explained alone it is not the plan it has inside that statement (a
 * LIMIT 5000 walk of 604 cases alone is a sequential scan; inside its join, an index walk).
 */
export class Recorder implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  rowsRead = 0;
  readonly #built = new Map<QueryId, RootOperationNode>();
  transformQuery({ node, queryId }: { node: RootOperationNode; queryId: QueryId }): RootOperationNode {
    this.#built.set(queryId, node);
    return node;
  }
  async transformResult<R>({ result, queryId }: { result: R; queryId: QueryId }): Promise<R> {
    const node = this.#built.get(queryId);
    if (node) this.nodes.push(node);
    this.#built.delete(queryId);
    this.rowsRead += (result as { rows?: unknown[] }).rows?.length ?? 0;
    return result;
  }
}
