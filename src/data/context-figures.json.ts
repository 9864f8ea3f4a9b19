// Official statistics for the Context and region pages: only figures checked against their primary
// publication (loaders/context-figures.ts says what that takes), from data/reference/context-figures.csv.
import { loadContextFigures } from "../../loaders/context-figures.ts";

process.stdout.write(JSON.stringify(loadContextFigures().shown));
