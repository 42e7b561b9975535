/** Types for tree-diff.mjs (plain JS so the recorder can import it without a TypeScript loader). */
export interface TreeNode {
  readonly type: string;
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly sha256?: string;
  readonly target?: string;
}
export const RUNTIME_PATHS: readonly string[];
export function treeChanges(base: Readonly<Record<string, TreeNode>>, image: Readonly<Record<string, TreeNode>>): ({ path: string; change: 'added' | 'modified' | 'deleted' } & Partial<TreeNode>)[];
