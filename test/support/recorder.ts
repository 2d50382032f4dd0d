import type { KyselyPlugin, RootOperationNode } from 'kysely';

/**
 * Every statement a query builder runs through this plugin, kept to be explained afterwards (the
 * plan tests of issues 21 and 25), and the rows they returned: a plan can be bounded statement by
 * statement and still read a table whole, a chunk at a time, when what a page needs is rare.
 */
export class Recorder implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  rowsRead = 0;
  transformQuery({ node }: { node: RootOperationNode }): RootOperationNode {
    this.nodes.push(node);
    return node;
  }
  async transformResult<R>({ result }: { result: R }): Promise<R> {
    this.rowsRead += (result as { rows?: unknown[] }).rows?.length ?? 0;
    return result;
  }
}
