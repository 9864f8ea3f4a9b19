// Official figures not yet checked against their primary publication: what they are and where they
// will come from, never their values (loaders/context-figures.ts).
import { loadContextFigures } from "../../loaders/context-figures.ts";

process.stdout.write(JSON.stringify(loadContextFigures().pending));
