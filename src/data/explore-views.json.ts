// The explorer's first views, worked out at build time from the published rows (scripts/pages/explore-views.ts),
// so the page draws the default view and every preset at once, before the data engine has loaded. Only
// protected figures are written.
import { exploreViews } from "../../scripts/pages/explore-views.ts";

const { version, release, views } = await exploreViews();
process.stdout.write(JSON.stringify({ version, release, views }));
