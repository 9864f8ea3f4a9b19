// The data package descriptor: every published file with its size, hash, schema and licence.
import { readPublished } from "../../loaders/site-data.ts";

process.stdout.write(readPublished("datapackage.json"));
