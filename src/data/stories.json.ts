// Consented, redacted impact stories.
import { readPublished } from "../../loaders/site-data.ts";

process.stdout.write(readPublished("stories.json"));
