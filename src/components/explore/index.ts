/** The data explorer's public surface: the explore page calls `mountExplorer` once. */
export { mountExplorer, type ExplorerOptions, type ExplorerTargets, type Timing } from "./app.js";
